package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each diagnosis the finder can return, and the evidence it gives, from per-entry verdicts given here (no
 * measurement is made): the entries are exact (a = k·n to the last bit, bars of 1e-12), so each case sits plainly on
 * its side of every threshold except the one it tests.
 */
class DiagnosisFinderTest {

    private static final CheckOptions OPTIONS = CheckOptions.defaults();
    private static final double TOLERANCE = OPTIONS.relativeTolerance();
    private static final BlockScale PINNED = new BlockScale(1, 1e-9, false, false, null);
    private static final List<BlockFunction.KnownFactor> BATCH_8 = List.of(
            new BlockFunction.KnownFactor("the batch size m", 8));

    /** Numerical derivatives 0.5, −1, 1.5, −2, … of a block's entries. */
    private static double numeric(int k) {
        return (k % 2 == 0 ? 1 : -1) * 0.5 * (k + 1);
    }

    /** An entry of block {@code b} whose claim is {@code analytic}, judged by the usual tolerance. */
    private static EntryResult entry(ParameterBlock block, int b, int k, double analytic, double numeric) {
        double error = 1e-12;
        double tolerance = error + TOLERANCE * Math.max(Math.abs(analytic), Math.abs(numeric));
        EntryVerdict verdict = !Double.isFinite(analytic) || !Double.isFinite(numeric) ? EntryVerdict.NON_FINITE
                : Math.abs(analytic - numeric) > tolerance ? EntryVerdict.MISMATCH : EntryVerdict.PASSED;
        return new EntryResult(block.label(k), b, k, 0.5, analytic, numeric, error, tolerance, false, verdict,
                Double.NaN, Double.NaN, "", 0);
    }

    /** Blocks of the given sizes (a single number: a vector; "RxC": a matrix) with names a, b, c, … */
    private static List<ParameterBlock> blocks(String... shapes) {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (int b = 0; b < shapes.length; b++) {
            int[] shape = Arrays.stream(shapes[b].split("x")).mapToInt(Integer::parseInt).toArray();
            int size = Arrays.stream(shape).reduce(1, (p, q) -> p * q);
            blocks.add(new ParameterBlock(String.valueOf((char) ('a' + b)), new double[size], shape));
        }
        return blocks;
    }

    /** The entries of each block with claims k_b · n (k_b = factors[b]). */
    private static List<List<EntryResult>> scaled(List<ParameterBlock> blocks, double... factors) {
        List<List<EntryResult>> all = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            List<EntryResult> entries = new ArrayList<>();
            for (int k = 0; k < blocks.get(b).size(); k++) {
                entries.add(entry(blocks.get(b), b, k, factors[b] * numeric(k), numeric(k)));
            }
            all.add(entries);
        }
        return all;
    }

    private static DiagnosisFinder.Finding find(List<ParameterBlock> blocks, List<List<EntryResult>> entries,
                                                List<BlockFunction.KnownFactor> known) {
        List<BlockScale> scales = blocks.stream().map(b -> PINNED).toList();
        return DiagnosisFinder.find(blocks, entries, scales, 0.7, known, TOLERANCE, OPTIONS);
    }

    /** The block's entries with entry {@code k} replaced by one with this claim. */
    private static List<EntryResult> replace(List<EntryResult> entries, ParameterBlock block, int b, int k,
                                             double analytic) {
        List<EntryResult> changed = new ArrayList<>(entries);
        changed.set(k, entry(block, b, k, analytic, entries.get(k).numeric()));
        return changed;
    }

    @Test
    void exactAgreementIsCorrect() {
        List<ParameterBlock> blocks = blocks("3");
        DiagnosisFinder.Finding f = find(blocks, scaled(blocks, 1), List.of());
        assertEquals(Diagnosis.CORRECT, f.diagnosis());
        assertEquals("every entry agrees with a numerical derivative precise enough to tell it from 0, its negative "
                + "and its double (or is negligible), and every block's scale is pinned down.", f.explanation());
        assertEquals(List.of(), f.wrongBlocks());
    }

    @Test
    void kinksAreCountedInTheCorrectExplanation() {
        List<ParameterBlock> blocks = blocks("3");
        List<EntryResult> entries = new ArrayList<>(scaled(blocks, 1).get(0));
        EntryResult kink = new EntryResult("a[1]", 0, 1, 0, 0.5, 0.5, 1e-12, 1e-6, true, EntryVerdict.KINK, 0, 1,
                "a kink", 0);
        entries.set(1, kink);
        assertTrue(find(blocks, List.of(entries), List.of()).explanation().endsWith("pinned down; 1 entry sits at a "
                + "kink (non-differentiable point) where the analytic value is a valid one-sided derivative."));
        entries.set(2, kink);
        assertTrue(find(blocks, List.of(entries), List.of()).explanation().contains("; 2 entries sit at a kink"));
    }

    @Test
    void aLossThatIsNotFiniteIsNonFiniteBeforeAnythingElse() {
        List<ParameterBlock> blocks = blocks("2");
        for (double loss : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            DiagnosisFinder.Finding f = DiagnosisFinder.find(blocks, List.of(List.of()), List.of(PINNED), loss,
                    List.of(), TOLERANCE, OPTIONS);
            assertEquals(Diagnosis.NON_FINITE, f.diagnosis());
            assertTrue(f.explanation().startsWith("the loss itself is " + loss + " at the given parameters"),
                    f.explanation());
        }
    }

    @Test
    void aNonFiniteClaimIsNamedWithItsEntryAndHowManyMore() {
        List<ParameterBlock> blocks = blocks("3", "2");
        List<List<EntryResult>> entries = scaled(blocks, 1, 1);
        entries.set(1, replace(entries.get(1), blocks.get(1), 1, 1, Double.NaN));
        DiagnosisFinder.Finding one = find(blocks, entries, List.of());
        assertEquals(Diagnosis.NON_FINITE, one.diagnosis());
        assertEquals("the analytic gradient is NaN at b[1]: look for log(0), exp overflow, 0/0, or an uninitialised "
                + "buffer.", one.explanation());
        assertEquals(List.of("b"), one.wrongBlocks());

        entries.set(0, replace(entries.get(0), blocks.get(0), 0, 2, Double.POSITIVE_INFINITY));
        DiagnosisFinder.Finding two = find(blocks, entries, List.of());
        assertTrue(two.explanation().startsWith("the analytic gradient is Infinity at a[2] and 1 more entry:"),
                two.explanation());
        assertEquals(List.of("a", "b"), two.wrongBlocks());

        entries.set(0, replace(entries.get(0), blocks.get(0), 0, 0, Double.NaN));
        assertTrue(find(blocks, entries, List.of()).explanation().contains(" and 2 more entries:"));
    }

    @Test
    void aLossThatIsNotFiniteNearAnEntryIsToldFromANonFiniteClaim() {
        List<ParameterBlock> blocks = blocks("2");
        List<EntryResult> entries = new ArrayList<>(scaled(blocks, 1).get(0));
        entries.set(1, entry(blocks.get(0), 0, 1, -1, Double.NaN));
        DiagnosisFinder.Finding f = find(blocks, List.of(entries), List.of());
        assertEquals(Diagnosis.NON_FINITE, f.diagnosis());
        assertTrue(f.explanation().startsWith("the loss is not finite near a[1] (numerical derivative NaN):"),
                f.explanation());
    }

    @Test
    void aBlockTimesTheBatchSizeIsScaledWithItsCause() {
        List<ParameterBlock> blocks = blocks("3", "2");
        DiagnosisFinder.Finding f = find(blocks, scaled(blocks, 1, 8), BATCH_8);
        assertEquals(Diagnosis.SCALED, f.diagnosis());
        assertEquals(List.of("b"), f.wrongBlocks());
        assertTrue(f.explanation().startsWith("analytic = k × numeric with k = 8.000000 on b only — 8 = the batch "
                + "size m: a 1/8 missing from the gradient"), f.explanation());
        assertEquals(8, f.patterns().get(0).scale());
    }

    @Test
    void aScaleSlightlyOffAKnownFactorIsSnappedToItWhenTheEntriesAllowIt() {
        // 8·(1 + 4e-7) is within every entry's tolerance of 8: the factor is named 8 exactly, and explained
        List<ParameterBlock> blocks = blocks("3");
        DiagnosisFinder.Finding f = find(blocks, scaled(blocks, 8 * (1 + 4e-7)), BATCH_8);
        assertEquals(8, f.patterns().get(0).scale());
        assertTrue(f.explanation().contains("k = 8.000000 on a — 8 = the batch size m"), f.explanation());
    }

    @Test
    void minusOneOnEveryWrongBlockIsASignFlip() {
        List<ParameterBlock> blocks = blocks("3", "2");
        DiagnosisFinder.Finding f = find(blocks, scaled(blocks, -1, -1), List.of());
        assertEquals(Diagnosis.SIGN_FLIP, f.diagnosis());
        assertEquals("analytic = k × numeric with k = -1.000000 on every block — the sign is flipped (ŷ − y where "
                + "y − ŷ belongs, or the other way round).", f.explanation());
    }

    @Test
    void aSignFlipOnOneBlockAndAFactorOnAnotherIsScaledBlockByBlock() {
        List<ParameterBlock> blocks = blocks("3", "2", "2");
        DiagnosisFinder.Finding f = find(blocks, scaled(blocks, -1, 2, 1), List.of());
        assertEquals(Diagnosis.SCALED, f.diagnosis());
        assertEquals(List.of("a", "b"), f.wrongBlocks());
        assertTrue(f.explanation().startsWith("each wrong block is scaled by its own constant: k = -1.000000 on a — "
                + "the sign is flipped"), f.explanation());
        assertTrue(f.explanation().contains("; k = 2.000000 on b — an extra factor 2"), f.explanation());
        assertTrue(f.explanation().endsWith("?)."), "one sentence, no trailing ';': " + f.explanation());
    }

    @Test
    void blocksWithTheSameFactorAreGroupedTogether() {
        List<ParameterBlock> blocks = blocks("2", "2", "2");
        DiagnosisFinder.Finding f = find(blocks, scaled(blocks, 3, 0.25, 3), List.of());
        assertTrue(f.explanation().startsWith("each wrong block is scaled by its own constant: k = 3.000000 on a, c; "
                + "k = 0.250000 on b."), f.explanation());
    }

    @Test
    void whereSaysOnlyWhenSomeBlocksAreRightAndEveryBlockWhenNoneIs() {
        List<ParameterBlock> two = blocks("2", "2");
        assertTrue(find(two, scaled(two, 3, 3), List.of()).explanation().contains("k = 3.000000 on every block."));
        assertTrue(find(two, scaled(two, 3, 1), List.of()).explanation().contains("k = 3.000000 on a only."));
        List<ParameterBlock> one = blocks("2");
        assertTrue(find(one, scaled(one, 3), List.of()).explanation().contains("k = 3.000000 on a."),
                "a single block is neither 'every block' nor 'only'");
        // a block without entries (empty, or not sampled) does not count as a right block
        List<ParameterBlock> withEmpty = blocks("2", "0");
        assertTrue(find(withEmpty, scaled(withEmpty, 3, 1), List.of()).explanation().contains("k = 3.000000 on a."));
    }

    @Test
    void aBlockWhoseEntriesEachPassButTogetherExcludeOneIsScaledAsAWhole() {
        List<ParameterBlock> blocks = blocks("3", "2");
        List<BlockScale> scales = List.of(new BlockScale(1.05, 1e-3, false, false, null), PINNED);
        DiagnosisFinder.Finding f = DiagnosisFinder.find(blocks, scaled(blocks, 1, 1), scales, 0.7, List.of(),
                TOLERANCE, OPTIONS);
        assertEquals(Diagnosis.SCALED, f.diagnosis());
        assertEquals(List.of("a"), f.wrongBlocks());
        assertEquals("analytic = k × numeric with k = 1.050000 on a only (on a no entry is off by more than its own "
                + "error bar, but together the entries exclude k = 1).", f.explanation());
    }

    @Test
    void aScaleThatDoesNotExcludeOneIsNoFinding() {
        List<ParameterBlock> blocks = blocks("3");
        List<BlockScale> scales = List.of(new BlockScale(1.0005, 1e-3, false, false, null));
        DiagnosisFinder.Finding f = DiagnosisFinder.find(blocks, scaled(blocks, 1), scales, 0.7, List.of(),
                TOLERANCE, OPTIONS);
        assertEquals(Diagnosis.CORRECT, f.diagnosis(), f.explanation());
    }

    @Test
    void zeroClaimsWhereTheLossChangesAreAMissingGradientWithTheLargestNumeric() {
        List<ParameterBlock> blocks = blocks("4", "2");
        List<List<EntryResult>> entries = scaled(blocks, 0, 1);
        DiagnosisFinder.Finding f = find(blocks, entries, List.of());
        assertEquals(Diagnosis.MISSING_GRADIENT, f.diagnosis());
        assertEquals(List.of("a"), f.wrongBlocks());
        // numeric(k) = 0.5, −1, 1.5, −2: the largest in size is −2 at a[3]
        assertTrue(f.explanation().startsWith("the analytic gradient is 0 (exactly, or below rounding) where the loss "
                + "does change, on a only (4 entries; largest numeric -2.00000 at a[3])."), f.explanation());
        List<List<EntryResult>> one = scaled(blocks, 1, 1);
        one.set(1, replace(one.get(1), blocks.get(1), 1, 1, 0));
        String single = find(blocks, one, List.of()).explanation();
        assertTrue(single.contains("on b only (1 entry; largest numeric -1.00000 at b[1])"), single);
    }

    @Test
    void aSquareBlockHoldingTheTransposeIsTransposed() {
        List<ParameterBlock> blocks = blocks("2x2", "2");
        List<List<EntryResult>> entries = scaled(blocks, 1, 1);
        List<EntryResult> w = entries.get(0);
        double[] t = {w.get(0).numeric(), w.get(2).numeric(), w.get(1).numeric(), w.get(3).numeric()};
        List<EntryResult> turned = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            turned.add(entry(blocks.get(0), 0, k, t[k], w.get(k).numeric()));
        }
        entries.set(0, turned);
        DiagnosisFinder.Finding f = find(blocks, entries, List.of());
        assertEquals(Diagnosis.TRANSPOSED, f.diagnosis());
        assertEquals(List.of("a"), f.wrongBlocks());
        assertTrue(f.explanation().startsWith("the analytic gradient of a equals the transpose of the numerical one"),
                f.explanation());
    }

    @Test
    void differentPatternsOnDifferentBlocksAreAMismatchDescribingEach() {
        List<ParameterBlock> blocks = blocks("2", "2", "2x2", "3x2");
        List<List<EntryResult>> entries = scaled(blocks, 0, 8, 1, 1);
        List<EntryResult> w = entries.get(2);
        List<EntryResult> turned = new ArrayList<>();
        double[] t = {w.get(0).numeric(), w.get(2).numeric(), w.get(1).numeric(), w.get(3).numeric()};
        for (int k = 0; k < 4; k++) {
            turned.add(entry(blocks.get(2), 2, k, t[k], w.get(k).numeric()));
        }
        entries.set(2, turned);
        // d: two entries wrong, one by 1.5 and one zeroed
        List<EntryResult> d = replace(entries.get(3), blocks.get(3), 3, 1, 1.5 * entries.get(3).get(1).numeric());
        entries.set(3, replace(d, blocks.get(3), 3, 4, 0));
        DiagnosisFinder.Finding f = find(blocks, entries, BATCH_8);
        assertEquals(Diagnosis.MISMATCH, f.diagnosis());
        assertEquals(List.of("a", "b", "c", "d"), f.wrongBlocks());
        String x = f.explanation();
        assertTrue(x.startsWith("8 entries disagree on every block, in no single pattern: a: analytic exactly 0 on 2 "
                + "wrong entries; b: scaled by k = 8.000000 — 8 = the batch size m"), x);
        assertTrue(x.contains("; c: transposed; d: 2 of 6 entries wrong, best-fit k = "), x);
        assertTrue(x.endsWith(", 1 of them exactly 0."), x);
    }

    @Test
    void oneWrongEntryIsAMismatchInTheSingular() {
        List<ParameterBlock> blocks = blocks("3", "2");
        List<List<EntryResult>> entries = scaled(blocks, 1, 1);
        entries.set(0, replace(entries.get(0), blocks.get(0), 0, 1, 2.5));
        DiagnosisFinder.Finding f = find(blocks, entries, List.of());
        assertEquals(Diagnosis.MISMATCH, f.diagnosis());
        assertTrue(f.explanation().startsWith("1 entry disagrees on a only, in no single pattern: a: 1 of 3 entries "
                + "wrong, best-fit k = "), f.explanation());
        assertFalse(f.explanation().contains("exactly 0"), f.explanation());
    }

    @Test
    void aVectorWrongInARunNamesTheRun() {
        List<ParameterBlock> blocks = blocks("6");
        List<EntryResult> entries = scaled(blocks, 1).get(0);
        for (int k = 2; k <= 4; k++) {
            entries = replace(entries, blocks.get(0), 0, k, 8 * entries.get(k).numeric());
        }
        DiagnosisFinder.Finding f = find(blocks, List.of(entries), List.of());
        assertTrue(f.explanation().endsWith(" (wrong in runs: a[2..4]: k = 8.000000)."), f.explanation());
    }

    @Test
    void unresolvedEntriesWithNothingWrongAreInconclusive() {
        List<ParameterBlock> blocks = blocks("3");
        List<EntryResult> entries = new ArrayList<>(scaled(blocks, 1).get(0));
        entries.set(1, new EntryResult("a[1]", 0, 1, 0.5, 1, 1, 2, 3, true, EntryVerdict.UNRESOLVED, Double.NaN,
                Double.NaN, "the derivative is known only to ±2", 0));
        DiagnosisFinder.Finding f = find(blocks, List.of(entries), List.of());
        assertEquals(Diagnosis.INCONCLUSIVE, f.diagnosis());
        assertTrue(f.explanation().startsWith("no entry is wrong that the numbers can show"), f.explanation());
        assertTrue(f.explanation().contains("a[1]: the derivative is known only to ±2"), f.explanation());
        assertEquals(List.of(), f.wrongBlocks());
    }

    @Test
    void aFailureBesideUnresolvedEntriesSaysSo() {
        List<ParameterBlock> blocks = blocks("3", "2");
        List<List<EntryResult>> entries = scaled(blocks, 1, 8);
        List<EntryResult> a = new ArrayList<>(entries.get(0));
        a.set(1, new EntryResult("a[1]", 0, 1, 0.5, 1, 1, 2, 3, true, EntryVerdict.UNRESOLVED, Double.NaN,
                Double.NaN, "too noisy", 0));
        entries.set(0, a);
        DiagnosisFinder.Finding f = find(blocks, entries, BATCH_8);
        assertEquals(Diagnosis.SCALED, f.diagnosis());
        assertTrue(f.explanation().endsWith(". Besides, 1 entry is unresolved."), f.explanation());
    }

    @Test
    void wrongInputStepsAreLocalisedInTime() {
        List<ParameterBlock> blocks = List.of(ParameterBlock.vector("x[t=0]", new double[2]).atTimeStep(0),
                ParameterBlock.vector("x[t=1]", new double[2]).atTimeStep(1),
                ParameterBlock.vector("x[t=2]", new double[2]).atTimeStep(2));
        DiagnosisFinder.Finding f = find(blocks, scaled(blocks, 1, 2, 2), List.of());
        assertTrue(f.explanation().endsWith(" By time step: the input gradients are wrong for t ≥ 1 only."),
                f.explanation());
        assertEquals(List.of("x[t=1]", "x[t=2]"), f.wrongBlocks());
    }

    @Test
    void aNonDeterministicFindingCarriesItsEvidence() {
        DiagnosisFinder.Finding f = DiagnosisFinder.nonDeterministic("value() returned 1 and 2");
        assertEquals(Diagnosis.NON_DETERMINISTIC, f.diagnosis());
        assertEquals("value() returned 1 and 2", f.explanation());
        assertEquals(List.of(), f.wrongBlocks());
        assertEquals(List.of(), f.patterns());
    }
}
