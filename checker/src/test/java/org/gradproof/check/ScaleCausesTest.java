package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The likely causes named for a scale factor k, and the diagnoses that depend on them. */
class ScaleCausesTest {

    private static final List<BlockFunction.KnownFactor> BATCH_8 = List.of(
            new BlockFunction.KnownFactor("the batch size m", 8));

    private static String causes(double k, List<BlockFunction.KnownFactor> known) {
        return String.join(" | ", ScaleCauses.explain(k, known));
    }

    @Test
    void theBatchSizeAndItsInverseAreNamed() {
        assertTrue(causes(8, BATCH_8).contains("batch size"), causes(8, BATCH_8));
        assertTrue(causes(8, BATCH_8).contains("1/8 missing"), causes(8, BATCH_8));
        assertTrue(causes(1.0 / 8, BATCH_8).contains("batch size"), causes(1.0 / 8, BATCH_8));
        assertTrue(causes(1.0 / 8, BATCH_8).contains("divided by 8"), causes(1.0 / 8, BATCH_8));
        assertTrue(causes(16, BATCH_8).contains("2 × the batch size m"), causes(16, BATCH_8));
        assertTrue(causes(1.0 / 16, BATCH_8).contains("1/(2 × the batch size m)"), causes(1.0 / 16, BATCH_8));
    }

    @Test
    void halfTheFactorIsAMeanOfSquaresWithoutItsTwoOverN() {
        // seed 003: the mean squared error's gradient without its 2/N is off by N/2 (4 at N = 8)
        assertTrue(causes(4, BATCH_8).contains("the 2/8 of a mean of squares dropped"), causes(4, BATCH_8));
        assertTrue(causes(0.25, BATCH_8).contains("2/8 = 2/(the batch size m)"), causes(0.25, BATCH_8));
        assertTrue(ScaleCauses.candidates(BATCH_8).containsAll(List.of(4.0, -4.0, 0.25, -0.25)));
    }

    @Test
    void aScaleIsSnappedToTheNearestCandidateTheEntriesAllow() {
        // entries too imprecise to tell −½ from −1: the fitted −0.49998 must become −½, not the first candidate −1
        ParameterBlock block = ParameterBlock.vector("w", new double[3]);
        List<EntryResult> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double numeric = 1e-9 * (i + 1);
            entries.add(new EntryResult("w[" + i + "]", 0, i, 0, -0.5 * numeric, numeric, 2e-9, 1e-6, true,
                    EntryVerdict.MISMATCH, Double.NaN, Double.NaN, "", 0));
        }
        assertTrue(BlockPattern.consistent(-1, entries, 1e-6), "the test needs entries that allow −1 too");
        BlockPattern fitted = new BlockPattern(block, BlockPattern.Kind.SCALED, -0.49998, entries, entries);
        assertEquals(-0.5, fitted.snapped(ScaleCauses.candidates(List.of()), 1e-6).scale());
    }

    @Test
    void withoutKnownFactorsTheBatchSizeIsNotGuessed() {
        assertEquals(List.of(), ScaleCauses.explain(8, List.of()));
        assertEquals(List.of(), ScaleCauses.explain(0.125, List.of()));
    }

    @Test
    void factorTwoAndOneHalfAreNamed() {
        assertTrue(causes(2, List.of()).contains("factor 2"), causes(2, List.of()));
        assertTrue(causes(0.5, List.of()).contains("factor 2 missing"), causes(0.5, List.of()));
    }

    @Test
    void minusOneIsASignFlip() {
        assertTrue(causes(-1, List.of()).contains("sign"), causes(-1, List.of()));
        assertTrue(causes(-2, List.of()).contains("factor 2") && causes(-2, List.of()).contains("sign is flipped"),
                causes(-2, List.of()));
        assertTrue(causes(-8, BATCH_8).contains("batch size") && causes(-8, BATCH_8).contains("sign is flipped"),
                causes(-8, BATCH_8));
    }

    @Test
    void aPositiveFactorNearOneIsNotASignFlip() {
        // regression: |k| ≈ 1 used to be explained as a flipped sign even for k = +1.0000003
        assertEquals(List.of(), ScaleCauses.explain(1 + 3e-7, List.of()));
        assertEquals(List.of(), ScaleCauses.explain(1, List.of()));
        assertEquals(List.of(), ScaleCauses.explain(1 - 3e-7, BATCH_8));
    }

    @Test
    void otherFactorsHaveNoNamedCause() {
        for (double k : new double[] {3.7, 0.3, 7.9, 8.01, -3, 1e-3}) {
            assertEquals(List.of(), ScaleCauses.explain(k, BATCH_8), "k = " + k);
        }
    }

    @Test
    void matchingIsRelativeToTheCandidate() {
        assertTrue(ScaleCauses.near(8 * (1 + 5e-7), 8));
        assertFalse(ScaleCauses.near(8 * (1 + 5e-6), 8));
        assertTrue(ScaleCauses.near(-1 - 5e-7, -1));
        assertFalse(ScaleCauses.near(-1, 1));
    }

    @Test
    void knownFactorsOfOneTwoOrLessAreIgnored() {
        List<BlockFunction.KnownFactor> trivial = List.of(new BlockFunction.KnownFactor("one output", 1),
                new BlockFunction.KnownFactor("two of something", 2), new BlockFunction.KnownFactor("broken", -8));
        assertFalse(causes(2, trivial).contains("two of something"), causes(2, trivial));
        assertFalse(causes(8, trivial).contains("broken"), causes(8, trivial));
        // a size of 0 (an empty batch) explains nothing: its inverse would be infinite and match every k
        List<BlockFunction.KnownFactor> empty = List.of(new BlockFunction.KnownFactor("the batch size m", 0));
        for (double k : new double[] {3, 0.5, -1}) {
            assertFalse(causes(k, empty).contains("batch size"), causes(k, empty));
        }
    }

    @Test
    void oneEntryWrongJustBeyondTheToleranceIsAMismatchNotAScaleOfOne() {
        // Four entries of nearly equal gradient 2; x[1] off by a relative 1.1e-6. The least-squares k is then within
        // 1e-6 of 1 and every entry fits k·n within tolerance. Regression: this was reported as SCALED with
        // "k = 1.000000 — the sign is flipped".
        SmoothFunctions c = SmoothFunctions.tinyX();
        double[] x = c.point().apply(new Random(1));
        GradientReport correct = GradientCheck.check(c.f(), x);
        assertTrue(correct.passed());
        assertTrue(correct.entry("x[1]").orElseThrow().resolvableTo(1.1e-6));

        GradientReport report = GradientCheck.check(Fn.perturbed(c.f(), 1, 1.1e-6), x);
        assertEquals(List.of("x[1]"), report.failures().stream().map(EntryResult::label).toList(), report.summary());
        assertEquals(Diagnosis.MISMATCH, report.diagnosis(), report.summary());
        assertFalse(report.explanation().contains("sign"), report.explanation());
    }

    @Test
    void aNegativeFactorIsNamedWithItsSign() {
        assertEquals(List.of("8 = the batch size m: a 1/8 missing from the gradient (summed where the loss averages?)"),
                ScaleCauses.explain(8, BATCH_8));
        assertEquals(List.of("−8 = the batch size m: a 1/8 missing from the gradient (summed where the loss "
                + "averages?), and the sign is flipped"), ScaleCauses.explain(-8, BATCH_8));
        assertEquals(List.of("−1/8 = 1/(the batch size m): divided by 8 once too often (averaged where the loss "
                + "sums?), and the sign is flipped"), ScaleCauses.explain(-0.125, BATCH_8));
    }

    @Test
    void aFactorWithACauseIsExplainedByThatCauseFirstAndOnlyByIt() {
        List<BlockFunction.KnownFactor> known = List.of(new BlockFunction.KnownFactor("the loss value", 4,
                "the gradient is multiplied by the loss"), new BlockFunction.KnownFactor("the batch size m", 8));
        // 4 is also 8/2 (a mean of squares without its 2/8): the declared cause comes first
        List<String> causes = ScaleCauses.explain(4, known);
        assertEquals("4 = the loss value: the gradient is multiplied by the loss", causes.get(0));
        assertTrue(causes.get(1).startsWith("8/2 = the batch size m/2: "), causes::toString);
        assertEquals(List.of("−4 = the loss value: the gradient is multiplied by the loss, and the sign is flipped"),
                ScaleCauses.explain(-4, known.subList(0, 1)));
        // the loss value's inverse or double is not explained by it
        assertEquals(List.of(), ScaleCauses.explain(0.25, known.subList(0, 1)));
        assertEquals(List.of(), ScaleCauses.explain(8, known.subList(0, 1)));
    }

    @Test
    void everyMultipleOfAKnownFactorIsACandidateWithBothSigns() {
        List<Double> candidates = ScaleCauses.candidates(BATCH_8);
        for (double c : new double[] {8, 1.0 / 8, 16, 1.0 / 16, 4, 0.25}) {
            assertTrue(candidates.contains(c) && candidates.contains(-c), c + " in " + candidates);
        }
        assertEquals(List.of(-1.0, 2.0, -2.0, 0.5, -0.5), ScaleCauses.candidates(List.of()));
        assertEquals(List.of(-1.0, 2.0, -2.0, 0.5, -0.5), ScaleCauses.candidates(List.of(
                new BlockFunction.KnownFactor("nothing", 0), new BlockFunction.KnownFactor("one", 1),
                new BlockFunction.KnownFactor("two", 2))), "0, 1 and 2 add nothing (nor 1/0)");
    }

    @Test
    void aFactorExactlyAtTheMatchingToleranceIsStillNamedAfterIt() {
        // |k − c| = 1e-6 · c exactly
        assertTrue(ScaleCauses.near(1e6 + 1, 1e6));
        assertFalse(ScaleCauses.near(1e6 + 2, 1e6));
    }

    @Test
    void wholeNumbersBelow1e15ArePrintedAsIntegers() {
        assertEquals("8", ScaleCauses.trim(8));
        assertEquals("-3", ScaleCauses.trim(-3));
        assertEquals("999999999999999", ScaleCauses.trim(999_999_999_999_999.0));
        assertEquals("1.00000e+15", ScaleCauses.trim(1e15));
        assertEquals("0.125000", ScaleCauses.trim(0.125));
    }
}
