package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockScale} at its edges: which entries take part, exact measurements, a single entry's bar, and the limits
 * of negligible, exempt, resolved and k = 1 excluded (dyadic values: every figure below is exact).
 */
class BlockScaleLimitsTest {

    private static EntryResult entry(double a, double n, double e, EntryVerdict verdict, double tolerance) {
        return new EntryResult("w", 0, 0, 0, a, n, e, tolerance, true, verdict, Double.NaN, Double.NaN, "", 0);
    }

    private static EntryResult failed(double a, double n, double e) {
        return entry(a, n, e, EntryVerdict.MISMATCH, e);
    }

    /** One entry: k = a/n, and u = e/|n|, its own relative bar, whatever share of it is noise. */
    @Test
    void aSingleEntryGivesItsRatioAndItsRelativeBar() {
        BlockScale scale = BlockScale.of(List.of(failed(1, 0.5, 0.125)), 0, 0);
        assertEquals(2, scale.k(), 0.0);
        assertEquals(0.25, scale.uncertainty(), 0.0);
        EntryResult noisy = new EntryResult("w", 0, 0, 0, 1, 0.5, 0.125, 0.125, true, EntryVerdict.MISMATCH,
                Double.NaN, Double.NaN, "", 0.0625);
        assertEquals(0.25, BlockScale.of(List.of(noisy), 0, 0).uncertainty(), 0.0);
    }

    /** Entries with no error bar pin k by themselves, the others weigh nothing beside them, and u is 0. */
    @Test
    void exactMeasurementsPinTheScaleAlone() {
        BlockScale scale = BlockScale.of(List.of(failed(2, 1, 0), failed(-4, -1, 0), failed(7, 1, 0.5)), 0, 0);
        assertEquals(3, scale.k(), 0.0);
        assertEquals(0, scale.uncertainty(), 0.0);
    }

    /**
     * Only judged measurements count: failed ones, and passes that agree with their claim. A pass as negligible that
     * disagrees, a kink, an unresolved entry and non-finite values leave k at the one failed entry's 1.5.
     */
    @Test
    void onlyJudgedFiniteMeasurementsTakePart() {
        List<EntryResult> entries = List.of(failed(1.5, 1, 0.125),
                entry(100, 1, 0.125, EntryVerdict.PASSED, 1e-6),
                entry(3, 1, 0.125, EntryVerdict.KINK, 10),
                entry(3, 1, 0.125, EntryVerdict.UNRESOLVED, 10),
                entry(3, Double.NaN, 0.125, EntryVerdict.MISMATCH, 10),
                entry(3, 1, Double.POSITIVE_INFINITY, EntryVerdict.MISMATCH, 10),
                entry(Double.POSITIVE_INFINITY, 1, 0.125, EntryVerdict.MISMATCH, 10));
        assertEquals(1.5, BlockScale.of(entries, 0, 0).k(), 0.0);
        // a pass that agrees with its claim to its tolerance takes part, weighed alike (r = 8): (1.5 + 1.0625) / 2
        List<EntryResult> withPass = List.of(failed(1.5, 1, 0.125), entry(1.0625, 1, 0.125, EntryVerdict.PASSED,
                0.0625));
        assertEquals(1.28125, BlockScale.of(withPass, 0, 0).k(), 1e-15);
    }

    @Test
    void aBlockWithNothingJudgedHasNoScaleToPin() {
        BlockScale none = BlockScale.of(List.of(entry(3, 1, 0.125, EntryVerdict.UNRESOLVED, 1)), 1, 1);
        assertTrue(Double.isNaN(none.k()));
        assertEquals(0, none.uncertainty(), 0.0);
        assertTrue(none.negligible());
        assertFalse(none.exempt());
        assertTrue(none.resolves(0.01, 0));
        assertFalse(none.excludesOne(0));
    }

    /** Judged entries whose measurements are all 0 constrain no k: NaN, with an infinite uncertainty. */
    @Test
    void measurementsOfZeroConstrainNothing() {
        BlockScale zero = BlockScale.of(List.of(failed(0.5, 0, 0.125)), 0.25, 0.25);
        assertTrue(Double.isNaN(zero.k()));
        assertEquals(Double.POSITIVE_INFINITY, zero.uncertainty());
        assertFalse(zero.negligible(), "the claim 0.5 is above the negligible size");
        assertFalse(zero.resolves(0.01, 0));
    }

    /** The block's size is its largest claim or its largest measurement less its bar: here 0.75 − 0.125. */
    @Test
    void negligibleAndExemptAreAtMostTheirSizes() {
        List<EntryResult> entries = List.of(failed(0.5, 0.75, 0.125));
        assertTrue(BlockScale.of(entries, 0.625, 0).negligible());
        assertFalse(BlockScale.of(entries, Math.nextDown(0.625), 0).negligible());
        assertTrue(BlockScale.of(entries, 0, 0.625).exempt());
        assertFalse(BlockScale.of(entries, 0, Math.nextDown(0.625)).exempt());
        List<EntryResult> claimLarger = List.of(failed(0.75, 0.5, 0.125));
        assertFalse(BlockScale.of(claimLarger, Math.nextDown(0.75), 0).negligible());
    }

    /** u = 0.25: resolves a scale resolution of 0.5 exactly, not with any tolerance on top; negligible or exempt always. */
    @Test
    void aScaleIsResolvedWhenItsUncertaintyAndToleranceFitInHalfTheResolution() {
        BlockScale scale = BlockScale.of(List.of(failed(0.75, 1, 0.25)), 0, 0);
        assertEquals(0.25, scale.uncertainty(), 0.0);
        assertTrue(scale.resolves(0.5, 0));
        assertFalse(scale.resolves(0.5, 0x1p-20));
        assertFalse(scale.resolves(Math.nextDown(0.5), 0));
        assertTrue(BlockScale.of(List.of(failed(0.75, 1, 0.25)), 1, 0).resolves(0.01, 0), "negligible");
        assertTrue(BlockScale.of(List.of(failed(0.75, 1, 0.25)), 0, 1).resolves(0.01, 0), "exempt");
    }

    /** k = 0.75 ± 0.25 just admits 1; 0.625 ± 0.25 does not; above 1 the bar scales with k (2 ± 0.25·2). */
    @Test
    void oneIsExcludedOnlyBeyondTheUncertaintyAndTheTolerance() {
        assertFalse(BlockScale.of(List.of(failed(0.75, 1, 0.25)), 0, 0).excludesOne(0));
        assertTrue(BlockScale.of(List.of(failed(0.625, 1, 0.25)), 0, 0).excludesOne(0));
        assertFalse(BlockScale.of(List.of(failed(0.625, 1, 0.25)), 0, 0).excludesOne(0.125));
        // k = 1.25 with u = 0.25: |k − 1| = 0.25 < u·k = 0.3125
        assertFalse(BlockScale.of(List.of(failed(1.25, 1, 0.25)), 0, 0).excludesOne(0));
        assertTrue(BlockScale.of(List.of(failed(2, 1, 0.25)), 0, 0).excludesOne(0));
        // k = −3, u = 0.25: |k − 1| = 4 > 0.75
        assertTrue(BlockScale.of(List.of(failed(-3, 1, 0.25)), 0, 0).excludesOne(0));
        assertFalse(BlockScale.of(List.of(failed(2, 1, 0.25)), 2, 0).excludesOne(0), "negligible");
    }

    /**
     * Along the claimed gradient: k = |a_S| / n and u = e / |n| (a claim of 1 measured as 0.5 ± 0.125 gives 2 ± 0.25);
     * k = 1 is excluded exactly when that measurement was convicted, whatever its bar would admit, since the
     * conviction passed every rule an entry's does.
     */
    @Test
    void alongTheGradientTheScaleIsTheMeasurementsAndOneIsExcludedByItsVerdict() {
        BlockScale loose = BlockScale.of(List.of(entry(1, 1, 0.5, EntryVerdict.PASSED, 0.5)), 0, 0);
        BlockScale along = loose.alongGradient(entry(1, 0.5, 0.125, EntryVerdict.PASSED, 0.5));
        assertEquals(2, along.k(), 0.0);
        assertEquals(0.25, along.uncertainty(), 0.0);
        assertFalse(along.excludesOne(0), "passed along the gradient: |k − 1| = 1 is within no bar, but not convicted");
        BlockScale convicted = loose.alongGradient(entry(1, 0.9990234375, 0x1p-20, EntryVerdict.MISMATCH, 0x1p-20));
        assertTrue(convicted.excludesOne(0));
        assertTrue(convicted.resolves(0.01, 0));
        assertEquals(loose.negligible(), along.negligible());
        assertEquals(loose.exempt(), along.exempt());
    }
}
