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
}
