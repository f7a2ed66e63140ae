package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ScaleAlongGradient}: a block whose entries, each passed within a bar of 2 %, leave its common scale loose is
 * measured along its own claimed gradient — pinned when the claim is right, convicted when it is 1 % off — and the
 * entries that did not take part in the scale fit stay where they are.
 */
class ScaleAlongGradientTest {

    /** f(θ) = Σ (i+1) · sin θᵢ + 0.1 · (Σ θᵢ)², smooth, in double. */
    private static double f(double[] t) {
        double sum = 0;
        double value = 0;
        for (int i = 0; i < t.length; i++) {
            value += (i + 1) * Math.sin(t[i]);
            sum += t[i];
        }
        return value + 0.1 * sum * sum;
    }

    private static double[] gradient(double[] t) {
        double sum = 0;
        for (double v : t) {
            sum += v;
        }
        double[] g = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            g[i] = (i + 1) * Math.cos(t[i]) + 0.2 * sum;
        }
        return g;
    }

    private static final double[] THETA = {0.3, -0.7, 1.1, 0.05};
    /** The entries' fit leaves k loose: 2 % where half the scale resolution, 0.5 %, is needed. */
    private static final BlockScale LOOSE = new BlockScale(1, 0.02, false, false, null);

    private final double[] theta = THETA.clone();
    private final ParameterBlock block = ParameterBlock.vector("w", theta);
    private final List<double[]> seen = new ArrayList<>();
    private final Blocks function = new Blocks(List.of(block), () -> {
        seen.add(theta.clone());
        return f(theta);
    }, () -> new double[][] {gradient(theta)});

    /** Each entry claimed as {@code factor} times the truth and passed by its own measurement within 2 %. */
    private List<EntryResult> entries(double factor, EntryVerdict... verdicts) {
        double[] g = gradient(THETA);
        List<EntryResult> entries = new ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            EntryVerdict verdict = i < verdicts.length ? verdicts[i] : EntryVerdict.PASSED;
            double error = 0.02 * Math.abs(g[i]);
            entries.add(new EntryResult(block.label(i), 0, i, THETA[i], factor * g[i], g[i], error,
                    error + 1e-6 * Math.abs(g[i]), true, verdict, Double.NaN, Double.NaN, "", error));
        }
        return entries;
    }

    private BlockScale refine(BlockScale scale, List<EntryResult> entries) {
        Probe probe = new Probe(function, List.of(block));
        double f0 = probe.value();
        CheckOptions options = CheckOptions.defaults();
        EntryJudge judge = new EntryJudge(options, f0, 0, options.relativeTolerance(), 0, Math.ulp(1.0), 1.1);
        double size = entries.stream().mapToDouble(e -> Math.abs(e.analytic())).max().orElseThrow();
        return ScaleAlongGradient.refine(scale, judge, probe, block, 0, entries,
                new Resolution(size, size, options.negligibleGradient()), options.scaleResolution(),
                options.relativeTolerance());
    }

    @Test
    void aLooseScaleOfARightBlockIsPinnedAlongItsClaimedGradient() {
        BlockScale pinned = refine(LOOSE, entries(1));
        assertNotNull(pinned.along(), "measured along the gradient");
        assertEquals(EntryVerdict.PASSED, pinned.along().verdict());
        assertEquals(1, pinned.k(), 1e-6);
        assertTrue(pinned.resolves(0.01, 1e-6), () -> "u = " + pinned.uncertainty());
        assertFalse(pinned.excludesOne(1e-6));
        assertEquals("w along its claimed gradient", pinned.along().label());
    }

    /** Every entry agrees within its 2 % bar, yet the block as a whole is 1 % off: convicted along the gradient. */
    @Test
    void aScaleErrorHiddenInTheEntriesBarsIsConvictedAlongTheGradient() {
        for (double factor : new double[] {1.01, 0.99}) {
            BlockScale convicted = refine(LOOSE, entries(factor));
            assertEquals(EntryVerdict.MISMATCH, convicted.along().verdict());
            assertTrue(convicted.excludesOne(1e-6));
            assertEquals(factor, convicted.k(), 1e-6);
        }
    }

    /**
     * The entries' fit convicts the block (k = 1.02 ± 0.005) while every entry agrees alone: the direction decides.
     * Claims really 2 % too large are convicted along it too; right claims contradict the entries' fit, and the scale
     * is then known only to the span of both (|1.02 − 1| + 0.005), neither pinned nor convicted.
     */
    @Test
    void aScaleTheEntriesConvictByTheirBarsAloneIsMeasuredAlongTheGradient() {
        BlockScale byEntries = new BlockScale(1.02, 0.005, false, false, null);
        assertTrue(byEntries.excludesOne(1e-6));
        BlockScale confirmed = refine(byEntries, entries(1.02));
        assertEquals(EntryVerdict.MISMATCH, confirmed.along().verdict());
        assertTrue(confirmed.excludesOne(1e-6));
        BlockScale contradicted = refine(byEntries, entries(1));
        assertEquals(EntryVerdict.PASSED, contradicted.along().verdict());
        assertFalse(contradicted.excludesOne(1e-6));
        assertFalse(contradicted.resolves(0.01, 1e-6));
        assertEquals(0.025, contradicted.uncertainty(), 1e-6);
    }

    /** A scale the entries already pin costs no evaluation and is returned as it is. */
    @Test
    void aScaleTheEntriesPinIsLeftAlone() {
        BlockScale pinned = new BlockScale(1, 1e-3, false, false, null);
        assertSame(pinned, refine(pinned, entries(1)));
        assertEquals(1, seen.size(), "only f at θ, by the test itself");
        assertNull(refine(LOOSE, entries(1, EntryVerdict.UNRESOLVED, EntryVerdict.KINK, EntryVerdict.UNRESOLVED,
                EntryVerdict.KINK)).along(), "no entry took part in the fit: nothing to move along");
    }

    /** Only the entries that took part move; every value is back, bit for bit, after the measurement. */
    @Test
    void onlyTheEntriesOfTheFitMoveAndAllAreRestored() {
        refine(LOOSE, entries(1, EntryVerdict.PASSED, EntryVerdict.KINK, EntryVerdict.PASSED, EntryVerdict.UNRESOLVED));
        assertTrue(seen.size() >= 5, "f at θ and the screening's four points");
        for (double[] point : seen) {
            assertEquals(Double.doubleToRawLongBits(THETA[1]), Double.doubleToRawLongBits(point[1]), "a kink entry");
            assertEquals(Double.doubleToRawLongBits(THETA[3]), Double.doubleToRawLongBits(point[3]), "unresolved");
        }
        assertTrue(seen.stream().anyMatch(p -> p[0] != THETA[0]) && seen.stream().anyMatch(p -> p[2] != THETA[2]));
        assertArrayEquals(THETA, theta, 0.0);
    }

    @Test
    void aThrowingFunctionIsReportedAlongTheGradientAndLosesNothing() {
        Blocks throwing = new Blocks(List.of(block), () -> {
            if (theta[0] != THETA[0]) {
                throw new IllegalStateException("boom");
            }
            return f(theta);
        }, () -> new double[][] {gradient(theta)});
        Probe probe = new Probe(throwing, List.of(block));
        FunctionEvaluationException e = assertThrows(FunctionEvaluationException.class,
                () -> probe.valueAlong(0, new int[] {0, 2}, new double[] {0.6, 0.8}, "its claimed gradient", 0.25));
        assertTrue(e.getMessage().contains("w moved by 0.25 along its claimed gradient"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertArrayEquals(THETA, theta, 0.0);
    }
}
