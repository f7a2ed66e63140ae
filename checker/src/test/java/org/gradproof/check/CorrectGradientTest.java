package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Correct gradients of smooth functions pass, at hundreds of random points each: no false alarms. */
class CorrectGradientTest {

    private static final int POINTS = 300;

    static Stream<SmoothFunctions> functions() {
        return SmoothFunctions.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void correctGradientPassesEverywhere(SmoothFunctions c) {
        Random random = new Random(c.name().hashCode());
        List<String> alarms = new ArrayList<>();
        for (int p = 0; p < POINTS; p++) {
            double[] x = c.point().apply(random);
            GradientReport report = GradientCheck.check(c.f(), x);
            if (!report.passed() || report.diagnosis() != Diagnosis.CORRECT || !report.failures().isEmpty()
                    || !report.kinks().isEmpty()) {
                alarms.add("at " + Arrays.toString(x) + ":\n" + report.summary());
            }
        }
        if (!alarms.isEmpty()) {
            fail(alarms.size() + " false alarm(s) in " + POINTS + " points for " + c.name() + "; first:\n"
                    + alarms.get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void fittedScaleOfACorrectGradientIsOne(SmoothFunctions c) {
        Random random = new Random(~c.name().hashCode());
        for (int p = 0; p < 50; p++) {
            double[] x = c.point().apply(random);
            GradientReport report = GradientCheck.check(c.f(), x);
            assertEquals(1.0, report.fittedScale(), c.scaleTolerance(), () -> "at " + Arrays.toString(x) + "\n"
                    + report.summary());
        }
    }

    @Test
    void everyEntryOfTheSingleBlockIsCheckedAndLabelled() {
        double[] x = {0.5, -1.0, 2.0};
        GradientReport report = GradientCheck.check(SmoothFunctions.expLogTrig().f(), x);
        assertEquals(List.of("x[0]", "x[1]", "x[2]"), report.entries().stream().map(EntryResult::label).toList());
        for (EntryResult e : report.entries()) {
            assertEquals(x[e.index()], e.x());
            assertEquals(EntryVerdict.PASSED, e.verdict());
        }
    }

    @Test
    void gradientExactlyZeroAtAMinimumPasses() {
        // f = Σ (x_i − 1)² at its minimum: analytic 0, numeric 0 up to rounding.
        DifferentiableFunction f = Fn.of(x -> {
            double s = 0;
            for (double v : x) {
                s += (v - 1) * (v - 1);
            }
            return s;
        }, x -> new double[x.length]);
        GradientReport report = GradientCheck.check(f, new double[] {1, 1, 1});
        assertTrue(report.passed(), report.summary());
        assertEquals(Diagnosis.CORRECT, report.diagnosis());
    }

    @Test
    void aConstantFunctionWithZeroGradientPasses() {
        GradientReport report = GradientCheck.check(Fn.of(x -> 42.0, x -> new double[x.length]),
                new double[] {3, -4});
        assertTrue(report.passed(), report.summary());
        assertTrue(Double.isNaN(report.fittedScale()), "numeric all zero: k is undefined, reported as NaN");
    }

    @Test
    void aFunctionOfNoVariablesIsRefusedNotPassed() {
        // a check of nothing proves nothing: it must not say PASSED
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.check(Fn.of(x -> 1.0, x -> new double[0]), new double[0]));
        assertTrue(e.getMessage().contains("nothing to check"), e.getMessage());
    }
}
