package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The assertions for other people's tests: silent and returning the report on a pass, the full report on a failure. */
class GradientAssertionsTest {

    private static final DifferentiableFunction SQUARES = Fn.of(x -> x[0] * x[0] + 3 * x[1] * x[1],
            x -> new double[] {2 * x[0], 6 * x[1]});
    private static final double[] X = {0.7, -1.3};

    private static BlockFunction blocks(double factor) {
        double[] w = {0.7, -1.3};
        return new Blocks(List.of(ParameterBlock.vector("w", w)), () -> w[0] * w[0] + 3 * w[1] * w[1],
                () -> new double[][] {{factor * 2 * w[0], factor * 6 * w[1]}});
    }

    @Test
    void aRightGradientPassesAndTheReportIsReturned() {
        assertTrue(GradientAssertions.assertGradientsCorrect(SQUARES, X.clone()).passed());
        assertTrue(GradientAssertions.assertGradientsCorrect(blocks(1)).passed());
    }

    @Test
    void theGivenOptionsAreTheOnesUsed() {
        CheckOptions options = CheckOptions.builder().seed(99).build();
        assertSame(options, GradientAssertions.assertGradientsCorrect(SQUARES, X.clone(), options).options());
        assertSame(options, GradientAssertions.assertGradientsCorrect(blocks(1), options).options());
    }

    @Test
    void aWrongGradientFailsWithTheWholeReport() {
        DifferentiableFunction doubled = Fn.scaled(SQUARES, 2);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientAssertions.assertGradientsCorrect(doubled, X.clone()));
        assertEquals(GradientCheck.check(doubled, X.clone()).summary(), e.getMessage());
        CheckOptions options = CheckOptions.builder().seed(5).build();
        e = assertThrows(AssertionError.class,
                () -> GradientAssertions.assertGradientsCorrect(doubled, X.clone(), options));
        assertTrue(e.getMessage().contains("seed 5"), e.getMessage());
        e = assertThrows(AssertionError.class, () -> GradientAssertions.assertGradientsCorrect(blocks(-1)));
        assertEquals(GradientCheck.check(blocks(-1)).summary(), e.getMessage());
        e = assertThrows(AssertionError.class, () -> GradientAssertions.assertGradientsCorrect(blocks(-1), options));
        assertTrue(e.getMessage().startsWith("gradproof gradient check: FAILED — SIGN_FLIP"), e.getMessage());
        assertTrue(e.getMessage().contains("seed 5"), e.getMessage());
    }

    @Test
    void aPlantedBugWithTheExpectedDiagnosisReturnsItsReport() {
        GradientReport report = GradientAssertions.assertDiagnosis(Diagnosis.SIGN_FLIP, blocks(-1));
        assertEquals(Diagnosis.SIGN_FLIP, report.diagnosis());
        assertEquals(List.of("w"), report.wrongBlocks());
    }

    @Test
    void aPlantedBugWithAnotherDiagnosisFailsNamingBoth() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientAssertions.assertDiagnosis(Diagnosis.SIGN_FLIP, blocks(2)));
        assertTrue(e.getMessage().startsWith("expected the checker to say SIGN_FLIP but it said SCALED\n"
                + "gradproof gradient check: FAILED — SCALED"), e.getMessage());
        e = assertThrows(AssertionError.class, () -> GradientAssertions.assertDiagnosis(Diagnosis.SCALED, blocks(1)));
        assertTrue(e.getMessage().startsWith("expected the checker to say SCALED but it said CORRECT\n"),
                e.getMessage());
    }
}
