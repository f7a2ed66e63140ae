package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link GradientCheck} puts into a report besides the verdict: the function's own description, loss and
 * layers, the options as given, the relative tolerance it applied, and per-block counts that follow from the entries.
 */
class ReportAssemblyTest {

    private static final double EPSILON = Math.ulp(1.0);

    /** f = 2 + Σ sin(w_i) over w = (0.3, 0.5, 0.7), declaring the given noise scale. */
    private static BlockFunction sines(double noiseScale) {
        double[] w = {0.3, 0.5, 0.7};
        return new BlockFunction() {
            @Override
            public List<ParameterBlock> blocks() {
                return List.of(ParameterBlock.vector("w", w));
            }

            @Override
            public double value() {
                return 2 + Math.sin(w[0]) + Math.sin(w[1]) + Math.sin(w[2]);
            }

            @Override
            public double[][] gradient() {
                return new double[][] {{Math.cos(w[0]), Math.cos(w[1]), Math.cos(w[2])}};
            }

            @Override
            public double noiseScale() {
                return noiseScale;
            }

            @Override
            public String description() {
                return "three sines";
            }
        };
    }

    @Test
    void theReportCarriesTheFunctionsDescriptionAndLossAndTheOptionsGiven() {
        CheckOptions options = CheckOptions.builder().seed(3).build();
        BlockFunction f = sines(0);
        GradientReport report = GradientCheck.check(f, options);
        assertTrue(report.passed(), report::summary);
        assertEquals("three sines", report.description());
        assertEquals(f.value(), report.loss());
        assertSame(options, report.options());
        assertSame(CheckOptions.defaults(), GradientCheck.check(sines(0)).options());
        assertSame(CheckOptions.defaults(), GradientCheck.check(Fn.of(x -> x[0] * x[0], x -> new double[] {2 * x[0]}),
                new double[] {1}).options());
    }

    @Test
    void withoutANoiseScaleTheToleranceIsTheOptionsOwn() {
        CheckOptions options = CheckOptions.builder().relativeTolerance(3e-7).build();
        assertEquals(3e-7, GradientCheck.check(sines(0), options).effectiveRelativeTolerance());
        // a noise scale that is not a number says nothing
        assertEquals(3e-7, GradientCheck.check(sines(Double.NaN), options).effectiveRelativeTolerance());
        assertEquals(3e-7, GradientCheck.check(sines(Double.POSITIVE_INFINITY), options).effectiveRelativeTolerance());
    }

    @Test
    void aDeclaredNoiseScaleRaisesTheToleranceByTheLossesConditionNumber() {
        BlockFunction f = sines(1e9);
        double f0 = f.value();
        double expected = 1e-6 + 64 * EPSILON * 1e9 / f0;
        GradientReport report = GradientCheck.check(f);
        assertEquals(expected, report.effectiveRelativeTolerance(), 1e-15 * expected);
        assertEquals(expected, GradientCheck.check(sines(-1e9)).effectiveRelativeTolerance(), 1e-15 * expected,
                "a noise scale is a size: its sign does not matter");
        assertTrue(report.summary().contains("note:      relative tolerance raised to"), report::summary);
    }

    @Test
    void theAllowanceIsTheNoiseFactorTimesEpsilonTimesTheConditionNumber() {
        CheckOptions options = CheckOptions.builder().relativeTolerance(1e-6).noiseFactor(16).build();
        assertEquals(1e-6, GradientCheck.effectiveRelativeTolerance(options, 2, 0));
        assertEquals(1e-6 + 16 * EPSILON * 1e4 / 2, GradientCheck.effectiveRelativeTolerance(options, 2, 1e4),
                1e-20);
        assertEquals(1e-6 + 16 * EPSILON * 1e4 / 2, GradientCheck.effectiveRelativeTolerance(options, -2, 1e4),
                1e-20, "the size of the loss, whatever its sign");
    }

    @Test
    void theAllowanceIsCappedSoThatASignFlipOrAFactorTwoStillShows() {
        CheckOptions options = CheckOptions.defaults();
        double cap = GradientCheck.MAX_CONDITIONING_ALLOWANCE;
        assertEquals(0.1, cap);
        assertEquals(1e-6 + cap, GradientCheck.effectiveRelativeTolerance(options, 1, 1e300));
        assertEquals(1e-6 + cap, GradientCheck.effectiveRelativeTolerance(options, 0, 1),
                "a loss of exactly 0 with rounding in it is as ill-conditioned as can be");
        // just below the cap the allowance is its own: S = 0.05 / (64 ε) at |f| = 1
        double s = 0.05 / (64 * EPSILON);
        assertEquals(1e-6 + 0.05, GradientCheck.effectiveRelativeTolerance(options, 1, s), 1e-15);
    }

    @Test
    void aFunctionWhoseBlocksAreAllEmptyIsRefused() {
        BlockFunction empty = new Blocks(List.of(ParameterBlock.vector("a", new double[0]),
                ParameterBlock.vector("b", new double[0])), () -> 1, () -> new double[][] {{}, {}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(empty));
        assertTrue(e.getMessage().startsWith("every parameter block is empty [a 0, b 0]: nothing to check"),
                e.getMessage());
    }

    @Test
    void anEmptyBlockBesideAFullOneIsCheckedWithNoEntries() {
        double[] w = {0.4};
        GradientReport report = GradientCheck.check(new Blocks(List.of(ParameterBlock.vector("none", new double[0]),
                ParameterBlock.vector("w", w)), () -> w[0] * w[0], () -> new double[][] {{}, {2 * w[0]}}));
        assertTrue(report.passed(), report::summary);
        assertEquals(0, report.block("none").orElseThrow().checked());
        assertEquals(1, report.block("w").orElseThrow().checked());
    }

    @Test
    void aNonFiniteParameterIsRefusedWithItsBlockAndShape() {
        double[] w = {0.5, 1, Double.NEGATIVE_INFINITY, 2};
        BlockFunction f = new Blocks(List.of(new ParameterBlock("dense.W", w, 2, 2)), () -> 1,
                () -> new double[][] {new double[4]});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(f));
        assertEquals("parameter dense.W[1,0] is -Infinity (block dense.W, shape 2x2): parameters must be finite to be "
                + "checked", e.getMessage());
    }

    @Test
    void aMissingGradientArrayIsNamedWithTheBlocksSize() {
        double[] w = {0.5, 1};
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("w", w)), () -> w[0] + w[1],
                () -> new double[][] {null});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(f));
        assertEquals("gradient of block w has no array but the block has 2 (shape 2)", e.getMessage());
        BlockFunction g = new Blocks(List.of(ParameterBlock.vector("w", w)), () -> w[0] + w[1],
                () -> new double[][] {{1, 1, 1}});
        e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.check(g));
        assertEquals("gradient of block w has 3 entries but the block has 2 (shape 2)", e.getMessage());
    }

    @Test
    void blockCountsFollowFromTheEntriesVerdicts() {
        // w: 1 right, 2 wrong; v: a ReLU at its kink (a valid one-sided claim) and one right
        double[] w = {0.3, 0.5, 0.7};
        double[] v = {0, 0.4};
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("w", w), ParameterBlock.vector("v", v)),
                () -> Math.sin(w[0]) + Math.sin(w[1]) + Math.sin(w[2]) + Math.max(0, v[0]) + v[1] * v[1],
                () -> new double[][] {{Math.cos(w[0]), 2 * Math.cos(w[1]), -Math.cos(w[2])}, {1, 2 * v[1]}});
        GradientReport report = GradientCheck.check(f);
        BlockStatistics ws = report.block("w").orElseThrow();
        BlockStatistics vs = report.block("v").orElseThrow();
        assertEquals(List.of(3, 2, 0, 0), List.of(ws.checked(), ws.mismatched(), ws.kinks(), ws.unresolved()),
                report::summary);
        assertEquals(List.of(2, 0, 1, 0), List.of(vs.checked(), vs.mismatched(), vs.kinks(), vs.unresolved()),
                report::summary);
        // the largest relative error is w[2]'s: |−c − c| / c = 2
        assertEquals(2, ws.maxRelativeError(), 1e-6, report::summary);
        assertEquals(List.of("w"), report.wrongBlocks());
    }

    @Test
    void withoutANegligibleSizeARightGradientStillPasses() {
        // negligibleGradient 0: every entry must be resolved on its own, with no floor under the block's size
        GradientReport report = GradientCheck.check(sines(0), CheckOptions.builder().negligibleGradient(0).build());
        assertTrue(report.passed(), report::summary);
    }

    @Test
    void aBlockMinorNextToTheLargestNeedNotPinItsScaleButTheLargestMust() {
        // tiny: a gradient of order 1e-11 under deterministic noise of 1e-13 (1 % of it): each entry is resolved,
        // but the block's common scale is known only to a few percent. Beside a block with gradients of order 1 it
        // is minor (below negligibleGradient · 1) and the check passes; alone it is the largest and must be pinned.
        double[] big = {0.3, 0.5};
        double[] tiny = {0.2, 0.6, 0.9, 1.1};
        double s = 1e-11;
        BlockFunction both = new Blocks(List.of(ParameterBlock.vector("big", big), ParameterBlock.vector("tiny", tiny)),
                () -> Math.sin(big[0]) + Math.sin(big[1]) + s * sines(tiny) + 1e-13 * NoiseTest.hashNoise(tiny),
                () -> new double[][] {{Math.cos(big[0]), Math.cos(big[1])}, cosines(tiny, s)});
        GradientReport beside = GradientCheck.check(both);
        assertTrue(beside.passed(), beside::summary);
        BlockFunction alone = new Blocks(List.of(ParameterBlock.vector("tiny", tiny)),
                () -> 1.3 + s * sines(tiny) + 1e-13 * NoiseTest.hashNoise(tiny), () -> new double[][] {cosines(tiny, s)});
        GradientReport single = GradientCheck.check(alone);
        assertEquals(Diagnosis.INCONCLUSIVE, single.diagnosis(), single::summary);
        assertEquals(0, single.unresolved().size(), "undecided is the block's scale, not an entry:\n"
                + single.summary());
    }

    private static double sines(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += Math.sin(v);
        }
        return sum;
    }

    private static double[] cosines(double[] x, double factor) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = factor * Math.cos(x[i]);
        }
        return g;
    }

    @Test
    void aBlockWhoseEntriesAreAllNegligibleReportsNoScaleUncertainty() {
        // the loss does not depend on "unused", and its claim is 0: nothing to pin
        double[] w = {0.3, 0.5};
        double[] unused = {1, 2};
        GradientReport report = GradientCheck.check(new Blocks(List.of(ParameterBlock.vector("w", w),
                ParameterBlock.vector("unused", unused)), () -> Math.sin(w[0]) + Math.sin(w[1]),
                () -> new double[][] {{Math.cos(w[0]), Math.cos(w[1])}, {0, 0}}));
        assertTrue(report.passed(), report::summary);
        assertEquals(0, report.block("unused").orElseThrow().scaleUncertainty(), report::summary);
        assertTrue(report.block("w").orElseThrow().scaleUncertainty() > 0, report::summary);
    }

    @Test
    void unresolvedEntriesAreCountedInTheirBlock() {
        // −log(1 − σ(z)) computed naively at z = 35: a staircase whose noise hides the derivative
        DifferentiableFunction naiveBce = Fn.of(x -> -Math.log(1 - 1 / (1 + Math.exp(-x[0]))),
                x -> new double[] {1 / (1 + Math.exp(-x[0]))});
        GradientReport report = GradientCheck.check(naiveBce, new double[] {35});
        assertEquals(Diagnosis.INCONCLUSIVE, report.diagnosis(), report::summary);
        BlockStatistics x = report.blocks().get(0);
        assertEquals(List.of(1, 0, 0, 1), List.of(x.checked(), x.mismatched(), x.kinks(), x.unresolved()),
                report::summary);
    }
}
