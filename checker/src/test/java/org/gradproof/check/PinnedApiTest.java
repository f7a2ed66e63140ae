package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one API DESIGN.md pins ("other code compiles against it — keep it exactly"), checked by reflection. */
class PinnedApiTest {

    @Test
    void differentiableFunctionIsAPublicInterfaceWithValueAndGradient() throws Exception {
        Class<?> c = DifferentiableFunction.class;
        assertTrue(c.isInterface());
        assertTrue(Modifier.isPublic(c.getModifiers()));
        assertEquals("org.gradproof.check", c.getPackageName());

        Method value = c.getMethod("value", double[].class);
        assertEquals(double.class, value.getReturnType());
        assertTrue(Modifier.isAbstract(value.getModifiers()));

        Method gradient = c.getMethod("gradient", double[].class);
        assertEquals(double[].class, gradient.getReturnType());
        assertTrue(Modifier.isAbstract(gradient.getModifiers()));

        long abstractMethods = Arrays.stream(c.getMethods()).filter(m -> Modifier.isAbstract(m.getModifiers())).count();
        assertEquals(2, abstractMethods, "user code implements exactly value and gradient: "
                + "adding an abstract method would break it");
    }

    @Test
    void gradientCheckIsAPublicFinalClassWithStaticCheck() throws Exception {
        Class<?> c = GradientCheck.class;
        assertTrue(Modifier.isPublic(c.getModifiers()));
        assertTrue(Modifier.isFinal(c.getModifiers()));
        Method check = c.getMethod("check", DifferentiableFunction.class, double[].class);
        assertTrue(Modifier.isStatic(check.getModifiers()));
        assertTrue(Modifier.isPublic(check.getModifiers()));
        assertEquals(GradientReport.class, check.getReturnType());
    }

    @Test
    void gradientReportHasTheFourPinnedAccessors() throws Exception {
        Class<?> c = GradientReport.class;
        assertTrue(Modifier.isPublic(c.getModifiers()));
        assertPublicInstance(c.getMethod("passed"), boolean.class);
        assertPublicInstance(c.getMethod("diagnosis"), Diagnosis.class);
        assertPublicInstance(c.getMethod("fittedScale"), double.class);
        assertPublicInstance(c.getMethod("summary"), String.class);
    }

    @Test
    void diagnosisIsAPublicEnumWithAtLeastThePinnedConstants() {
        Class<?> c = Diagnosis.class;
        assertTrue(c.isEnum());
        assertTrue(Modifier.isPublic(c.getModifiers()));
        Set<String> names = Arrays.stream(Diagnosis.values()).map(Enum::name).collect(Collectors.toSet());
        for (String pinned : new String[] {"CORRECT", "SIGN_FLIP", "SCALED", "MISSING_GRADIENT", "NON_FINITE",
                "MISMATCH"}) {
            assertTrue(names.contains(pinned), "Diagnosis lacks " + pinned + ": " + names);
        }
    }

    @Test
    void thePinnedSignaturesWorkFromALambdaFreeImplementation() {
        double[] x = {1.5, -2.0};
        DifferentiableFunction f = new DifferentiableFunction() {
            @Override
            public double value(double[] p) {
                return p[0] * p[0] + 3 * p[1];
            }

            @Override
            public double[] gradient(double[] p) {
                return new double[] {2 * p[0], 3};
            }
        };
        GradientReport report = GradientCheck.check(f, x);
        assertTrue(report.passed());
        assertEquals(Diagnosis.CORRECT, report.diagnosis());
        assertTrue(report.summary().contains("PASSED"), report.summary());
    }

    private static void assertPublicInstance(Method m, Class<?> returnType) {
        assertEquals(returnType, m.getReturnType(), m.toString());
        assertTrue(Modifier.isPublic(m.getModifiers()), m.toString());
        assertTrue(!Modifier.isStatic(m.getModifiers()), m.toString());
        assertEquals(0, m.getParameterCount(), m.toString());
    }
}
