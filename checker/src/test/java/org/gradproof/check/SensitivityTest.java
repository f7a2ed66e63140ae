package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Wrong gradients are caught and named: a single entry off by 1e-5, sign, scale, zero, transpose, NaN. */
class SensitivityTest {

    /** Every function whose gradient is resolvable against its loss (not the 1e8-loss, unit-gradient one). */
    static Stream<SmoothFunctions> resolvable() {
        return SmoothFunctions.all().stream().filter(c -> c.scaleTolerance() <= 1e-8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolvable")
    void oneEntryWrongByARelative1e5IsCaughtAndLocalised(SmoothFunctions c) {
        Random random = new Random(c.name().hashCode() + 5);
        int tried = 0;
        for (int p = 0; p < 20; p++) {
            double[] x = c.point().apply(random);
            GradientReport correct = GradientCheck.check(c.f(), x);
            for (EntryResult e : correct.entries()) {
                if (!e.resolvableTo(1e-5)) {
                    continue;
                }
                tried++;
                GradientReport bad = GradientCheck.check(Fn.perturbed(c.f(), e.index(), 1e-5), x);
                String context = c.name() + ", " + e.label() + " × (1 + 1e-5) at " + Arrays.toString(x) + "\n"
                        + bad.summary();
                assertFalse(bad.passed(), context);
                assertEquals(Diagnosis.MISMATCH, bad.diagnosis(), context);
                assertEquals(List.of(e.label()), bad.failures().stream().map(EntryResult::label).toList(), context);
                assertEquals(List.of("x"), bad.wrongBlocks(), context);
            }
        }
        assertTrue(tried >= 20, "too few resolvable entries to test: " + tried);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolvable")
    void signFlipIsDiagnosedWithScaleMinusOne(SmoothFunctions c) {
        Random random = new Random(c.name().hashCode() + 6);
        for (int p = 0; p < 10; p++) {
            double[] x = c.point().apply(random);
            GradientReport report = GradientCheck.check(Fn.scaled(c.f(), -1), x);
            assertEquals(Diagnosis.SIGN_FLIP, report.diagnosis(), report::summary);
            assertEquals(-1, report.fittedScale(), 1e-6, report::summary);
        }
    }

    @ParameterizedTest(name = "× {0}")
    @ValueSource(doubles = {2, 0.5, 1 + 1e-4, 3, -2, 1 - 1e-4})
    void constantFactorIsDiagnosedAsScaledWithThatFactor(double factor) {
        resolvable().forEach(c -> {
            Random random = new Random(c.name().hashCode() + 7);
            for (int p = 0; p < 5; p++) {
                double[] x = c.point().apply(random);
                GradientReport report = GradientCheck.check(Fn.scaled(c.f(), factor), x);
                String context = c.name() + " × " + factor + " at " + Arrays.toString(x) + "\n" + report.summary();
                assertEquals(Diagnosis.SCALED, report.diagnosis(), context);
                assertEquals(factor, report.fittedScale(), 1e-6 * Math.abs(factor), context);
                assertEquals(report.entries().size(), report.failures().size(), "every entry is wrong: " + context);
            }
        });
    }

    @Test
    void scaledGradientIsCaughtEvenWhenTheLossIsLargeAndTheGradientSmall() {
        // loss 1e8, gradient ~ 1: the noise floor is ~0.2, so a factor 2 is still resolvable on the larger entries.
        SmoothFunctions c = SmoothFunctions.lossNear1e8WithUnitGradient();
        double[] x = {0.1, 0.2, -0.1, 0.05};
        GradientReport report = GradientCheck.check(Fn.scaled(c.f(), 2), x);
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(2, report.fittedScale(), 2e-2, report::summary);
    }

    /**
     * A whole gradient of 1e-13 on a loss of 0.25 (a saturated network's, in size): steps up to the parameters' scale
     * resolve it, so it is not negligible, and its sign flip fails — it passed as negligible while the floor of a
     * block's size G was √ε·|f|, 100 times the rounding model's noise per unit step (sweep seed 22, case 62). The right
     * gradient is never failed.
     */
    @Test
    void aSignFlipOfATinyGradientIsCaughtWhereTheStepsResolveIt() {
        double[] x = {0.1, 0.23, 0.36, 0.49, 0.62, 0.75};
        GradientReport flipped = GradientCheck.check(Fn.scaled(tinyGradient(), -1), x);
        assertEquals(Diagnosis.SIGN_FLIP, flipped.diagnosis(), flipped::summary);
        GradientReport right = GradientCheck.check(tinyGradient(), x);
        assertTrue(right.failures().isEmpty(), right::summary);
    }

    /**
     * A loss that declares itself computed through cancellation (noiseScale 1e13 next to |f| ≈ 2: its gradient may be
     * off by the raised relative tolerance, 0.1, even when right) cannot have a block's scale pinned to 1 %: a gradient
     * × 1.01 is inconclusive, not passed (it passed while the block scale ignored the tolerance: sweep seed 24 case 735,
     * a softmax with logits near ±700).
     */
    @Test
    void aScaleErrorWithinARaisedToleranceIsNotPassed() {
        assertEquals(Diagnosis.INCONCLUSIVE, cancelling(1.01).diagnosis(), cancelling(1.01)::summary);
        assertTrue(cancelling(1).failures().isEmpty(), cancelling(1)::summary);
    }

    /** f = 1 + Σ sin(x_i) at x = (0.3, 0.5, 0.7), gradient claimed × k, noiseScale 1e13. */
    private static GradientReport cancelling(double k) {
        ParameterBlock x = ParameterBlock.vector("x", new double[] {0.3, 0.5, 0.7});
        double[] d = x.data();
        return GradientCheck.check(new BlockFunction() {
            @Override public List<ParameterBlock> blocks() { return List.of(x); }
            @Override public double value() { return 1 + Arrays.stream(d).map(Math::sin).sum(); }
            @Override public double[][] gradient() {
                return new double[][] {Arrays.stream(d).map(v -> k * Math.cos(v)).toArray()};
            }
            @Override public double noiseScale() { return 1e13; }
        });
    }

    /** f = 0.25 + 1e-13 · Σ sin(x_i). */
    private static DifferentiableFunction tinyGradient() {
        return Fn.of(y -> 0.25 + 1e-13 * Arrays.stream(y).map(Math::sin).sum(),
                y -> Arrays.stream(y).map(v -> 1e-13 * Math.cos(v)).toArray());
    }

    @Test
    void zeroGradientIsMissingGradient() {
        SmoothFunctions c = SmoothFunctions.expLogTrig();
        double[] x = {0.3, 1.1, -0.4};
        GradientReport report = GradientCheck.check(Fn.withGradient(c.f(), g -> new double[g.length]), x);
        assertEquals(Diagnosis.MISSING_GRADIENT, report.diagnosis(), report::summary);
        assertFalse(report.passed());
        assertEquals(3, report.failures().size(), report::summary);
        assertEquals(0, report.fittedScale(), 0.0, "a = 0 everywhere: Σ a·n / Σ n² = 0");
    }

    @Test
    void oneEntryZeroedIsMissingGradientNamingThatEntry() {
        SmoothFunctions c = SmoothFunctions.productOfTen();
        double[] x = c.point().apply(new Random(3));
        GradientReport report = GradientCheck.check(Fn.withGradient(c.f(), g -> {
            g[7] = 0;
            return g;
        }), x);
        assertEquals(Diagnosis.MISSING_GRADIENT, report.diagnosis(), report::summary);
        assertEquals(List.of("x[7]"), report.failures().stream().map(EntryResult::label).toList());
        assertTrue(report.explanation().contains("x[7]"), report.explanation());
    }

    /** f(W) = Σ c_ij W_ij² + d_ij W_ij with asymmetric c and d, so ∂f/∂W is not symmetric. */
    private static final double[][] C = {{1, 2, 3}, {0.5, 1.5, 2.5}, {4, 0.25, 1}};
    private static final double[][] D = {{0.1, -1, 2}, {3, 0.2, -0.5}, {1.5, 0.7, -2}};

    private static double[][] correctWeightGradient(double[] w) {
        double[][] g = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                g[i][j] = 2 * C[i][j] * w[3 * i + j] + D[i][j];
            }
        }
        return g;
    }

    private static BlockFunction squareBlock(double[] w, boolean transposed) {
        return new Blocks(List.of(new ParameterBlock("layer.W", w, 3, 3)), () -> {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    s += C[i][j] * w[3 * i + j] * w[3 * i + j] + D[i][j] * w[3 * i + j];
                }
            }
            return s;
        }, () -> {
            double[][] g = correctWeightGradient(w);
            double[] flat = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    flat[3 * i + j] = transposed ? g[j][i] : g[i][j];
                }
            }
            return new double[][] {flat};
        });
    }

    @Test
    void transposedSquareBlockIsDiagnosedAsTransposed() {
        double[] w = {0.3, -0.2, 0.9, 1.1, -0.7, 0.4, 0.05, 0.6, -1.3};
        GradientReport correct = GradientCheck.check(squareBlock(w, false));
        assertTrue(correct.passed(), correct.summary());

        GradientReport report = GradientCheck.check(squareBlock(w, true));
        assertEquals(Diagnosis.TRANSPOSED, report.diagnosis(), report::summary);
        assertEquals(List.of("layer.W"), report.wrongBlocks());
        assertTrue(report.explanation().contains("layer.W"), report.explanation());
        assertTrue(report.entry("layer.W[0,1]").orElseThrow().verdict().fails());
        assertTrue(report.summary().contains("layer.W[2,1]") || report.summary().contains("layer.W[1,2]"),
                report.summary());
    }

    @Test
    void nanInTheGradientIsNonFinite() {
        SmoothFunctions c = SmoothFunctions.quadratic();
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        GradientReport report = GradientCheck.check(Fn.withGradient(c.f(), g -> {
            g[4] = Double.NaN;
            return g;
        }), x);
        assertEquals(Diagnosis.NON_FINITE, report.diagnosis(), report::summary);
        assertEquals(EntryVerdict.NON_FINITE, report.entry("x[4]").orElseThrow().verdict());
        assertEquals(List.of("x[4]"), report.failures().stream().map(EntryResult::label).toList());
        assertTrue(report.explanation().contains("x[4]"), report.explanation());
    }

    @Test
    void infinityInTheGradientIsNonFinite() {
        SmoothFunctions c = SmoothFunctions.rosenbrock();
        GradientReport report = GradientCheck.check(Fn.withGradient(c.f(), g -> {
            g[0] = Double.NEGATIVE_INFINITY;
            return g;
        }), new double[] {0.5, 0.5, 0.5, 0.5, 0.5});
        assertEquals(Diagnosis.NON_FINITE, report.diagnosis(), report::summary);
    }

    @Test
    void lossNaNAtPerturbedPointsIsNonFinite() {
        double[] x = {0.25, -0.5, 1.5};
        double[] original = x.clone();
        // NaN whenever x[1] is moved away from its value: the loss breaks down next to x, not at it.
        DifferentiableFunction f = Fn.of(p -> p[1] == original[1] ? p[0] * p[0] + p[1] + p[2] : Double.NaN,
                p -> new double[] {2 * p[0], 1, 1});
        GradientReport report = GradientCheck.check(f, x);
        assertEquals(Diagnosis.NON_FINITE, report.diagnosis(), report::summary);
        assertEquals(EntryVerdict.NON_FINITE, report.entry("x[1]").orElseThrow().verdict());
        assertEquals(EntryVerdict.PASSED, report.entry("x[0]").orElseThrow().verdict());
        assertTrue(report.explanation().contains("x[1]"), report.explanation());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN})
    void lossNonFiniteAtXIsNonFinite(double loss) {
        GradientReport report = GradientCheck.check(Fn.of(p -> loss, p -> new double[] {1, 2}), new double[] {1, 2});
        assertEquals(Diagnosis.NON_FINITE, report.diagnosis(), report::summary);
        assertFalse(report.passed());
        assertTrue(report.explanation().contains(Double.toString(loss)), report.explanation());
        assertTrue(report.summary().contains("NON_FINITE"), report.summary());
    }

    @Test
    void onlyOneBlockScaledByTheBatchSizeIsNamedWithItsCause() {
        // A small "model": layer1.W (2x3), layer1.b (3), layer2.w (3); the loss couples them all.
        double[] w1 = {0.4, -0.3, 0.8, 0.1, 0.6, -0.9};
        double[] b1 = {0.05, -0.1, 0.2};
        double[] w2 = {1.2, -0.7, 0.3};
        double[] in = {0.5, -1.5};
        double factor = 8;
        BlockFunction f = new Blocks(List.of(new ParameterBlock("layer1.W", w1, 2, 3),
                ParameterBlock.vector("layer1.b", b1), ParameterBlock.vector("layer2.w", w2)), () -> {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                double z = in[0] * w1[j] + in[1] * w1[3 + j] + b1[j];
                s += w2[j] * Math.tanh(z);
            }
            return 0.5 * s * s;
        }, () -> {
            double[] t = new double[3];
            double s = 0;
            for (int j = 0; j < 3; j++) {
                t[j] = Math.tanh(in[0] * w1[j] + in[1] * w1[3 + j] + b1[j]);
                s += w2[j] * t[j];
            }
            double[] gw1 = new double[6];
            double[] gb1 = new double[3];
            double[] gw2 = new double[3];
            for (int j = 0; j < 3; j++) {
                double dz = s * w2[j] * (1 - t[j] * t[j]);
                gw1[j] = dz * in[0];
                gw1[3 + j] = dz * in[1];
                gb1[j] = factor * dz; // the bug: the bias gradient summed over the batch, not averaged
                gw2[j] = s * t[j];
            }
            return new double[][] {gw1, gb1, gw2};
        }, new BlockFunction.KnownFactor("the batch size m", 8));

        GradientReport report = GradientCheck.check(f);
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(List.of("layer1.b"), report.wrongBlocks());
        assertTrue(report.explanation().contains("layer1.b"), report.explanation());
        assertTrue(report.explanation().contains("only"), report.explanation());
        assertTrue(report.explanation().contains("batch size"), report.explanation());
        assertEquals(factor, report.block("layer1.b").orElseThrow().fittedScale(), 1e-6 * factor);
        assertEquals(1, report.block("layer1.W").orElseThrow().fittedScale(), 1e-6);
        assertTrue(report.block("layer2.w").orElseThrow().passed());
        assertTrue(report.failures().stream().allMatch(e -> e.label().startsWith("layer1.b[")), report::summary);
        assertTrue(report.summary().contains("layer1.b"), report.summary());
    }
}
