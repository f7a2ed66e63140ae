package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The caller's parameters survive every check bit-exactly, and misuse is reported with messages that say what. */
class RestorationTest {

    /** Awkward bit patterns: −0.0, +0.0, subnormals, the largest magnitudes a step can still be taken at. */
    private static final double[] AWKWARD = {-0.0, 0.0, Double.MIN_VALUE, -4.9e-322, 2.2250738585072014E-308 / 3,
            1e300, -1e300, 1.0, 0.1, -7.25, Math.nextUp(1.0), 123456.789};

    /** Σ w_i · atan(x_i): finite everywhere, so even ±1e300 can be perturbed. */
    private static double value(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (i + 1) * Math.atan(x[i]);
        }
        return s;
    }

    private static double[] gradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = (i + 1) / (1 + x[i] * x[i]);
        }
        return g;
    }

    private static final DifferentiableFunction ATAN = Fn.of(RestorationTest::value, RestorationTest::gradient);

    static void assertBitIdentical(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    "x[" + i + "] was " + expected[i] + ", is " + actual[i]);
        }
    }

    @Test
    void awkwardValuesAreRestoredBitExactlyAfterACorrectCheck() {
        double[] x = AWKWARD.clone();
        GradientReport report = GradientCheck.check(ATAN, x);
        assertTrue(report.passed(), report.summary());
        assertBitIdentical(AWKWARD, x);
    }

    @Test
    void awkwardValuesAreRestoredBitExactlyAfterAFailingCheck() {
        // A wrong gradient sends every entry through noise estimation, Ridders and the kink test.
        double[] x = AWKWARD.clone();
        GradientReport report = GradientCheck.check(Fn.scaled(ATAN, 3), x);
        assertTrue(!report.passed(), report.summary());
        assertTrue(report.entries().stream().anyMatch(EntryResult::refined));
        assertBitIdentical(AWKWARD, x);
    }

    @Test
    void parametersAreRestoredWhenTheLossIsNaNAwayFromX() {
        double[] x = {0.5, -0.0, 3.0};
        double[] original = x.clone();
        DifferentiableFunction f = Fn.of(p -> Arrays.equals(p, original) ? 1.0 : Double.NaN, p -> new double[3]);
        GradientReport report = GradientCheck.check(f, x);
        assertEquals(Diagnosis.NON_FINITE, report.diagnosis());
        assertBitIdentical(original, x);
    }

    /** The function, counting its calls, throws on the k-th and remembers which entry was moved at that call. */
    private static final class ThrowOnCall implements DifferentiableFunction {
        final int throwOn;
        final double[] original;
        final DifferentiableFunction inner;
        int calls;
        int movedEntry = -2;
        RuntimeException thrown;

        ThrowOnCall(int throwOn, double[] original, DifferentiableFunction inner) {
            this.throwOn = throwOn;
            this.original = original.clone();
            this.inner = inner;
        }

        @Override
        public double value(double[] x) {
            if (++calls == throwOn) {
                movedEntry = -1;
                for (int i = 0; i < x.length; i++) {
                    if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(original[i])) {
                        assertEquals(-1, movedEntry, "the checker moves one entry at a time");
                        movedEntry = i;
                    }
                }
                thrown = new ArithmeticException("deliberate failure on call " + calls);
                throw thrown;
            }
            return inner.value(x);
        }

        @Override
        public double[] gradient(double[] x) {
            return inner.gradient(x);
        }
    }

    @ParameterizedTest(name = "gradient × {0}")
    @ValueSource(doubles = {1, 3})
    void aThrowingFunctionIsReportedWithTheEntryAndTheCauseAtEveryCall(double factor) {
        double[] start = {0.7, -0.0, 2.5, -1.25};
        DifferentiableFunction f = Fn.scaled(ATAN, factor);
        long total = GradientCheck.check(f, start.clone()).evaluations();
        assertTrue(total >= 2 * start.length + 1, "evaluations: " + total);
        // Every call, k = 1, 2, 3, … up to the last: the unperturbed one, screening, noise, Ridders, kink test.
        for (int k = 1; k <= total; k++) {
            double[] x = start.clone();
            ThrowOnCall thrower = new ThrowOnCall(k, start, f);
            FunctionEvaluationException e = assertThrows(FunctionEvaluationException.class,
                    () -> GradientCheck.check(thrower, x), "call " + k);
            assertSame(thrower.thrown, e.getCause(), "call " + k);
            assertBitIdentical(start, x);
            if (thrower.movedEntry >= 0) {
                assertTrue(e.getMessage().contains("x[" + thrower.movedEntry + "]"),
                        "call " + k + " moved x[" + thrower.movedEntry + "]: " + e.getMessage());
            } else {
                // value() at the unperturbed point: twice before the check (repeatability), once after it
                assertTrue(k <= 2 || k == total, "call " + k + " of " + total + " is at the unperturbed point");
                assertTrue(e.getMessage().contains("unperturbed"), e.getMessage());
            }
            assertTrue(e.getMessage().contains("deliberate failure on call " + k), e.getMessage());
        }
    }

    @Test
    void callsPastTheLastNeverThrow() {
        double[] start = {0.7, -0.2};
        long total = GradientCheck.check(ATAN, start.clone()).evaluations();
        ThrowOnCall thrower = new ThrowOnCall((int) total + 1, start, ATAN);
        assertTrue(GradientCheck.check(thrower, start.clone()).passed());
        assertEquals(total, thrower.calls, "evaluations() counts every call of value()");
    }

    @Test
    void anErrorThrownByTheFunctionPropagatesAndTheParametersAreRestored() {
        double[] start = {0.3, -0.0, 1e300};
        double[] x = start.clone();
        int[] calls = {0};
        DifferentiableFunction f = Fn.of(p -> {
            if (++calls[0] == 4) {
                throw new AssertionError("an Error, not an exception");
            }
            return value(p);
        }, RestorationTest::gradient);
        AssertionError e = assertThrows(AssertionError.class, () -> GradientCheck.check(f, x));
        assertEquals("an Error, not an exception", e.getMessage());
        assertBitIdentical(start, x);
    }

    @Test
    void aThrowingGradientLeavesTheParametersAlone() {
        double[] start = {0.3, -0.0};
        double[] x = start.clone();
        IllegalStateException original = new IllegalStateException("backward failed");
        DifferentiableFunction f = Fn.of(RestorationTest::value, p -> {
            throw original;
        });
        RuntimeException e = assertThrows(RuntimeException.class, () -> GradientCheck.check(f, x));
        assertTrue(e == original || e.getCause() == original, "the original exception is lost: " + e);
        assertBitIdentical(start, x);
    }

    @Test
    void aFunctionThatModifiesItsParametersInValueIsAnErrorAndIsUndone() {
        double[] start = {0.5, 1.5, -2.0};
        double[] x = start.clone();
        int[] calls = {0};
        DifferentiableFunction f = Fn.of(p -> {
            if (++calls[0] == 1) {
                p[2] = 99; // e.g. an in-place activation that overwrites its input
            }
            return value(p);
        }, RestorationTest::gradient);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradientCheck.check(f, x));
        assertTrue(e.getMessage().contains("x[2]"), e.getMessage());
        assertTrue(e.getMessage().contains("-2.0"), "the original value: " + e.getMessage());
        assertTrue(e.getMessage().contains("99.0"), "the value it became: " + e.getMessage());
        assertBitIdentical(start, x);
    }

    @Test
    void aFunctionThatDriftsItsParametersOnEveryCallIsAnErrorAndIsUndone() {
        double[] start = {0.5, 1.5, -2.0, 4.0};
        double[] x = start.clone();
        DifferentiableFunction f = Fn.of(p -> {
            p[3] *= 1.5;
            return value(p);
        }, RestorationTest::gradient);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradientCheck.check(f, x));
        assertTrue(e.getMessage().contains("x[3]"), e.getMessage());
        assertBitIdentical(start, x);
    }

    @Test
    void aFunctionThatModifiesItsParametersInGradientIsAnErrorAndIsUndone() {
        double[] start = {0.5, -0.0};
        double[] x = start.clone();
        DifferentiableFunction f = Fn.of(RestorationTest::value, p -> {
            double[] g = gradient(p);
            p[1] = 0.0; // −0.0 → +0.0: equal as doubles, different bits
            return g;
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradientCheck.check(f, x));
        assertTrue(e.getMessage().contains("x[1]"), e.getMessage());
        assertBitIdentical(start, x);
    }

    @Test
    void gradientOfTheWrongLengthNamesTheBlockAndBothSizes() {
        double[] w = new double[6];
        BlockFunction f = new Blocks(List.of(new ParameterBlock("dense1.W", w, 2, 3)), () -> 0.0,
                () -> new double[][] {new double[5]});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(f));
        assertTrue(e.getMessage().contains("dense1.W"), e.getMessage());
        assertTrue(e.getMessage().contains("5"), e.getMessage());
        assertTrue(e.getMessage().contains("6"), e.getMessage());
    }

    @Test
    void differentiableFunctionGradientOfTheWrongLengthNamesBothSizes() {
        double[] x = {1, 2, 3, 4};
        double[] start = x.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.check(Fn.of(p -> 0.0, p -> new double[7]), x));
        assertTrue(e.getMessage().contains("block x"), e.getMessage());
        assertTrue(e.getMessage().contains("7"), e.getMessage());
        assertTrue(e.getMessage().contains("4"), e.getMessage());
        assertBitIdentical(start, x);
    }

    @Test
    void wrongNumberOfGradientArraysSaysBothCounts() {
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("a", new double[2]),
                ParameterBlock.vector("b", new double[2]), ParameterBlock.vector("c", new double[2])), () -> 0.0,
                () -> new double[][] {new double[2], new double[2]});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(f));
        assertTrue(e.getMessage().contains("2 arrays"), e.getMessage());
        assertTrue(e.getMessage().contains("3 parameter blocks"), e.getMessage());
    }

    @Test
    void nullGradientIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.check(Fn.of(p -> 0.0, p -> null), new double[] {1, 2}));
        assertTrue(e.getMessage().contains("null"), e.getMessage());

        BlockFunction nullArrays = new Blocks(List.of(ParameterBlock.vector("a", new double[2])), () -> 0.0,
                () -> null);
        e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(nullArrays));
        assertTrue(e.getMessage().contains("null"), e.getMessage());

        BlockFunction nullBlock = new Blocks(List.of(ParameterBlock.vector("a", new double[2]),
                ParameterBlock.vector("bias", new double[1])), () -> 0.0, () -> new double[][] {new double[2], null});
        e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(nullBlock));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteParametersAreRejectedNamingTheEntry(double bad) {
        double[] x = {1, 2, bad, 4};
        int[] calls = {0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.check(Fn.of(p -> ++calls[0], p -> new double[4]), x));
        assertTrue(e.getMessage().contains("x[2]"), e.getMessage());
        assertEquals(0, calls[0], "rejected before f is evaluated");
    }

    @Test
    void nonFiniteParameterInANamedBlockIsNamed() {
        double[] w = {1, 2, 3, 4, Double.NaN, 6};
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("b", new double[1]),
                new ParameterBlock("layer2.W", w, 2, 3)), () -> 0.0, () -> new double[][] {new double[1],
                new double[6]});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(f));
        assertTrue(e.getMessage().contains("layer2.W[1,1]"), e.getMessage());
    }

    @Test
    void nullArgumentsAndNoBlocksAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.check((DifferentiableFunction) null, new double[1]));
        assertTrue(e.getMessage().contains("f"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(ATAN, null));
        assertTrue(e.getMessage().contains("x must not be null"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(ATAN, new double[1], null));
        assertTrue(e.getMessage().contains("options"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check((BlockFunction) null));
        assertTrue(e.getMessage().contains("f must not be null"), e.getMessage());

        BlockFunction none = new Blocks(List.of(), () -> 0.0, () -> new double[0][]);
        e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(none));
        assertTrue(e.getMessage().contains("no parameter blocks"), e.getMessage());
    }

    @Test
    void parameterBlockRejectsAShapeThatDoesNotMatchItsData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParameterBlock("dense1.W", new double[5], 2, 3));
        assertTrue(e.getMessage().contains("dense1.W"), e.getMessage());
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void parameterBlockLabelsAreRowMajor() {
        ParameterBlock block = new ParameterBlock("w", new double[24], 2, 3, 4);
        int k = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int l = 0; l < 4; l++, k++) {
                    assertEquals("w[" + i + "," + j + "," + l + "]", block.label(k));
                }
            }
        }
        if (k != block.size()) {
            fail("size " + block.size());
        }
    }
}
