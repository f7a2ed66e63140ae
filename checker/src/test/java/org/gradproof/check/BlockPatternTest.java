package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BlockPattern}: which relation a block's failing entries show, and the tolerances each test allows. */
class BlockPatternTest {

    private static EntryResult entry(int index, double a, double n, double e, EntryVerdict verdict) {
        return new EntryResult("w[" + index + "]", 0, index, 0, a, n, e, e, true, verdict, Double.NaN, Double.NaN, "",
                0);
    }

    /** Entries with claims a and measurements n, bars e, failing wherever a ≠ n. */
    private static List<EntryResult> entries(double[] a, double[] n, double e) {
        List<EntryResult> entries = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            entries.add(entry(i, a[i], n[i], e, a[i] == n[i] ? EntryVerdict.PASSED : EntryVerdict.MISMATCH));
        }
        return entries;
    }

    private static BlockPattern.Kind kind(ParameterBlock block, List<EntryResult> entries, double tolerance) {
        return BlockPattern.of(block, entries, tolerance).kind();
    }

    private static final ParameterBlock VECTOR = ParameterBlock.vector("w", new double[4]);
    private static final ParameterBlock SQUARE = new ParameterBlock("W", new double[4], 2, 2);

    /** Failing claims no larger than their bars are zeros, up to the bar itself. */
    @Test
    void claimsWithinTheirBarsOfZeroAreAMissingGradient() {
        List<EntryResult> entries = entries(new double[] {0, 0.125, 1, 1}, new double[] {1, 2, 1, 1}, 0.125);
        assertEquals(BlockPattern.Kind.ZERO, kind(VECTOR, entries, 1e-6));
        List<EntryResult> beyond = entries(new double[] {0, 0.25, 1, 1}, new double[] {1, 2, 1, 1}, 0.125);
        assertFalse(kind(VECTOR, beyond, 1e-6) == BlockPattern.Kind.ZERO);
    }

    @Test
    void claimsTwiceTheMeasurementsAreScaledByTwo() {
        BlockPattern p = BlockPattern.of(VECTOR, entries(new double[] {2, -1, 0.5, 6}, new double[] {1, -0.5, 0.25, 3},
                1e-3), 1e-6);
        assertEquals(BlockPattern.Kind.SCALED, p.kind());
        assertEquals(2, p.scale(), 1e-12);
        assertEquals(4, p.wrong().size());
    }

    /**
     * Two precise entries claim twice their measurements, an imprecise one (bar 6) three times: weighted by 1/e² the
     * factor is 2, which the imprecise entry allows (|30 − 20| ≤ 2·6); plain least squares would give 310/105.
     */
    @Test
    void theScaleIsWeightedByThePrecisionOfTheEntries() {
        List<EntryResult> entries = List.of(entry(0, 2, 1, 1e-3, EntryVerdict.MISMATCH),
                entry(1, 4, 2, 1e-3, EntryVerdict.MISMATCH), entry(2, 30, 10, 6, EntryVerdict.MISMATCH));
        BlockPattern p = BlockPattern.of(VECTOR, entries, 1e-6);
        assertEquals(BlockPattern.Kind.SCALED, p.kind());
        assertEquals(2, p.scale(), 1e-4);
    }

    /** A common factor within the relative tolerance of 1 is no scale error: the entries are wrong some other way. */
    @Test
    void aFactorWithinTheToleranceOfOneIsNotAScale() {
        List<EntryResult> entries = entries(new double[] {1.5, 3, 0.75, 6}, new double[] {1, 2, 0.5, 4}, 1e-3);
        assertEquals(BlockPattern.Kind.SCALED, kind(VECTOR, entries, 0.25));
        assertEquals(BlockPattern.Kind.OTHER, kind(VECTOR, entries, 0.5));
    }

    /**
     * a = k·n within |k|·e plus the relative tolerance of the larger side: 2.25 against 2·1 is 0.25 off, which a bar of
     * 0.125 times |k| = 2 (or −2) just covers, and a tolerance of 1/8 of 2.25 covers too.
     */
    @Test
    void consistencyAllowsTheBarTimesTheFactorAndTheRelativeTolerance() {
        assertTrue(BlockPattern.consistent(2, List.of(entry(0, 2.25, 1, 0.125, EntryVerdict.MISMATCH)), 0));
        assertFalse(BlockPattern.consistent(2, List.of(entry(0, 2.25, 1, 0.0625, EntryVerdict.MISMATCH)), 0));
        assertTrue(BlockPattern.consistent(-2, List.of(entry(0, -2.25, 1, 0.125, EntryVerdict.MISMATCH)), 0));
        assertTrue(BlockPattern.consistent(2, List.of(entry(0, 2.25, 1, 0, EntryVerdict.MISMATCH)), 0.125));
        assertFalse(BlockPattern.consistent(2, List.of(entry(0, 2.5, 1, 0, EntryVerdict.MISMATCH)), 0.125));
        assertTrue(BlockPattern.consistent(2, List.of(entry(0, 1.75, 1, 0, EntryVerdict.MISMATCH)), 0.125),
                "the larger side is k·n = 2: 0.25 ≤ 0.125·2");
    }

    /** W = [[1, 2], [3, 4]] measured, [[1, 3], [2, 4]] claimed: transposed; not for a vector or a sample. */
    @Test
    void aSquareBlockClaimingTheTransposeIsTransposed() {
        List<EntryResult> entries = entries(new double[] {1, 3, 2, 4}, new double[] {1, 2, 3, 4}, 1e-3);
        assertEquals(BlockPattern.Kind.TRANSPOSED, kind(SQUARE, entries, 1e-6));
        assertEquals(BlockPattern.Kind.OTHER, kind(VECTOR, entries, 1e-6));
        assertEquals(BlockPattern.Kind.OTHER, kind(SQUARE, entries.subList(0, 3), 1e-6));
        List<EntryResult> notQuite = entries(new double[] {1, 3.5, 2, 4}, new double[] {1, 2, 3, 4}, 1e-3);
        assertEquals(BlockPattern.Kind.OTHER, kind(SQUARE, notQuite, 1e-6));
        ParameterBlock oneByOne = new ParameterBlock("s", new double[1], 1, 1);
        ParameterBlock wide = new ParameterBlock("V", new double[4], 1, 4);
        assertEquals(BlockPattern.Kind.OTHER, kind(wide, entries, 1e-6));
        assertFalse(kind(oneByOne, List.of(entry(0, 1, 2, 1e-3, EntryVerdict.MISMATCH)), 1e-6)
                == BlockPattern.Kind.TRANSPOSED);
    }

    /**
     * Of candidates the entries allow, the one relatively nearest the fitted k: from 1.5, 1 and 3 are both half of
     * themselves away, and the first listed stays; a candidate the entries exclude is never taken.
     */
    @Test
    void snappingTakesTheRelativelyNearestConsistentCandidate() {
        List<EntryResult> loose = List.of(entry(0, 1.5, 1, 1, EntryVerdict.MISMATCH));
        BlockPattern fitted = new BlockPattern(VECTOR, BlockPattern.Kind.SCALED, 1.5, loose, loose);
        assertEquals(1, fitted.snapped(List.of(1.0, 3.0), 0).scale(), 0.0);
        assertEquals(3, fitted.snapped(List.of(3.0, 1.0), 0).scale(), 0.0);
        assertEquals(2, fitted.snapped(List.of(3.0, 2.0, 1.0), 0).scale(), 0.0);
        List<EntryResult> tight = List.of(entry(0, 1.5, 1, 1e-3, EntryVerdict.MISMATCH));
        BlockPattern precise = new BlockPattern(VECTOR, BlockPattern.Kind.SCALED, 1.5, tight, tight);
        assertSame(precise, precise.snapped(List.of(1.0, 2.0), 0));
        BlockPattern snapped = precise.snapped(List.of(2.0, 1.5), 0);
        assertEquals(1.5, snapped.scale(), 0.0);
        assertEquals(BlockPattern.Kind.SCALED, snapped.kind());
        assertSame(tight, snapped.entries());
    }

    @Test
    void aWholeBlockScaledWithNoWrongEntryListsNone() {
        List<EntryResult> entries = entries(new double[] {1, 2}, new double[] {1, 2}, 1e-3);
        BlockPattern p = BlockPattern.scaledAsAWhole(VECTOR, entries, 1.01);
        assertEquals(BlockPattern.Kind.SCALED, p.kind());
        assertEquals(1.01, p.scale(), 0.0);
        assertTrue(p.wrong().isEmpty());
        assertSame(entries, p.entries());
    }
}
