package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stairs of a loss computed in double. A naive sigmoid BCE, −log(1 − σ(z)) from a σ rounded near 1, moves only when
 * σ moves by one ulp: at z ≈ 17 in stairs of 7e-10 (a few 1e-11 of the loss), a few steps h apart along a first-layer
 * weight, with the smooth rest of the loss in between. Every step that stays between two stairs reads the slope
 * without the stairs' share, and convicted a correct textbook gradient (a fresh CI seed of
 * TextbookFormulationProperties: 3.5e-4 relative off, 200 times its bar). Stairs that far apart could hide it, so the
 * conviction waits; a jump of the loss far taller than rounding could make is a discontinuity of the loss as written,
 * and the slope of its pieces is still judged (KinkTest's flat stretch between jumps of 1000 and 2).
 */
class DoubleStairsTest {

    private static final double X0 = 0.2;
    /** z = 18 + 1e-4·tanh(w): σ(z) moves by one ulp every 3.6e-5 of w (about 9 steps h), −log(1 − σ) by 1.5e-8. */
    private static final double Z0 = 18;
    private static final double GAIN = 1e-4;

    /** −log(1 − σ(z)), σ computed first: the naive binary cross-entropy of a label 0 at a confident wrong output. */
    private static double naiveBce(double w) {
        double sigma = 1 / (1 + Math.exp(-(Z0 + GAIN * Math.tanh(w))));
        return -Math.log(1 - sigma);
    }

    /** 2 + 0.8 w − 0.3 w² + the naive BCE of w, and v² of a second variable. */
    private static DifferentiableFunction loss(double claim) {
        return Fn.of(y -> 2 + 0.8 * y[0] - 0.3 * y[0] * y[0] + naiveBce(y[0]) + y[1] * y[1],
                y -> new double[] {claim, 2 * y[1]});
    }

    /** The exact slope: σ(z) · 1e-4 · (1 − tanh²(w)) for the BCE. */
    private static double slope() {
        double t = Math.tanh(X0);
        double sigma = 1 / (1 + Math.exp(-(Z0 + GAIN * t)));
        return 0.8 - 0.6 * X0 + sigma * GAIN * (1 - t * t);
    }

    @Test
    void theSlopeOfStairsAFewStepsApartIsNotFailed() {
        GradientReport report = GradientCheck.check(loss(slope()), new double[] {X0, 0.7});
        assertTrue(report.failures().isEmpty(), report::summary);
        assertEquals(Diagnosis.INCONCLUSIVE, report.diagnosis(), report::summary);
        assertTrue(report.summary().contains("the loss jumps by"), report::summary);
    }

    @Test
    void aClaimWrongByMoreThanTheStairsCouldHideIsStillFailed() {
        for (double wrong : new double[] {-slope(), 1.01 * slope(), 0.99 * slope(), 0}) {
            GradientReport r = GradientCheck.check(loss(wrong), new double[] {X0, 0.7});
            assertEquals(List.of("x[0]"), r.failures().stream().map(EntryResult::label).toList(),
                    () -> "claim " + wrong + "\n" + r.summary());
        }
    }

    /** A jump of the loss taller than a thousandth of it (rounding makes far less) is a discontinuity: the flat piece's slope is still judged. */
    @Test
    void aTallJumpIsADiscontinuityNotAStair() {
        DifferentiableFunction steps = Fn.of(y -> 5 + (y[0] > 0.3 ? 0.1 : 0) + (y[0] < -0.4 ? 0.02 : 0),
                y -> new double[] {1e-3});
        GradientReport r = GradientCheck.check(steps, new double[] {0});
        assertEquals(EntryVerdict.MISMATCH, r.entry("x[0]").orElseThrow().verdict(), r::summary);
    }

    /**
     * The search that finds them: grids growing from 4 h find the stairs a few steps apart, with the loss's curvature
     * (as large over a grid interval as a stair) cancelled out of the bisection; one even grid out to h · 2^18 has its
     * points a thousand stairs apart and sees none.
     */
    @Test
    void gridsOfGrowingReachFindTheNearStairsThatTheWidestGridMisses() {
        DifferentiableFunction f = loss(slope());
        FiniteDifferences fd = FiniteDifferencesTest.along(t -> f.value(new double[] {t, 0.7}), X0);
        double f0 = f.value(new double[] {X0, 0.7});
        double h = EntryJudge.step(X0);
        StairSearch.Heights heights = new StairSearch.Heights(64 * Math.ulp(f0), 64 * Math.ulp(1.0), 1e-3 * f0);
        double widest = Math.scalb(h, EntryJudge.LADDER_WIDE_TOP);
        double bceSlope = slope() - (0.8 - 0.6 * X0);
        StairSearch.Stair near = StairSearch.steepestWithin(fd, f0, 4 * h, widest, heights, bceSlope);
        assertTrue(near != null && near.height() > 1e-8 && near.height() < 1e-7, () -> "found " + near);
        assertTrue(near.hiddenSlope() > bceSlope, () -> "found " + near);
        StairSearch.Stair far = StairSearch.steepest(FiniteDifferencesTest.along(t -> f.value(new double[] {t, 0.7}),
                X0), f0, widest, 0, heights, 0);
        assertTrue(far == null || far.hiddenSlope() < near.hiddenSlope() / 10, () -> "the widest grid found " + far);
    }
}
