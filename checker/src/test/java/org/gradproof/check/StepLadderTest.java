package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link StepLadder} on functions whose quotients are exact: x = ½, steps 2⁻¹⁰ … 2⁻²⁶, and pieces that are linear or
 * quadratic with dyadic coefficients and kinks, so that every f(x ± s) is computed without rounding.
 */
class StepLadderTest {

    private static final double X = 0.5;
    private static final double H = 0x1p-10;
    private static final int TOP = 0;
    private static final int BOTTOM = -16;
    /** 17 steps; each estimate needs four quotients, so the smallest step an estimate starts from is 2⁻²³. */
    private static final double SMALLEST_ESTIMATE_STEP = 0x1p-23;

    private static StepLadder ladder(DoubleUnaryOperator f, double sigma) {
        FiniteDifferences fd = FiniteDifferencesTest.along(f, X);
        return new StepLadder(fd, f.applyAsDouble(X), H, sigma, TOP, BOTTOM);
    }

    private static double largestStep(List<Extrapolation.Estimate> estimates) {
        return estimates.stream().mapToDouble(Extrapolation.Estimate::step).max().orElse(0);
    }

    @Test
    void aParabolaHasExactCentralEstimatesFromEveryWindowAndNoKink() {
        StepLadder ladder = ladder(t -> t * t, 0);
        List<Extrapolation.Estimate> central = ladder.central(Double.POSITIVE_INFINITY);
        assertEquals(14, central.size());
        for (Extrapolation.Estimate e : central) {
            assertEquals(2 * X, e.value(), 0.0);
        }
        // r − l = 2s halves with the step: no kink anywhere
        assertEquals(Double.POSITIVE_INFINITY, ladder.kinkReach(Double.POSITIVE_INFINITY));
    }

    @Test
    void aStraightLineAgreesWithItselfOnBothSides() {
        StepLadder ladder = ladder(t -> 0.75 + 0.5 * t, 0);
        // left and right estimates are 0.5 ± 0 at every step: equal, so no disagreement pins a kink
        assertEquals(Double.POSITIVE_INFINITY, ladder.kinkReach(Double.POSITIVE_INFINITY));
        assertEquals(0.5, ladder.right(Double.POSITIVE_INFINITY).value(), 0.0);
        assertEquals(0.5, ladder.left(Double.POSITIVE_INFINITY).value(), 0.0);
    }

    /**
     * A kink at x: the one-sided estimates (1 and 0, exact) disagree at every step, down to the smallest an estimate
     * uses; the quotient gap, 1 at every step, puts it at distance 0 once any window may be read.
     */
    @Test
    void aKinkAtXIsPinnedByTheOneSidedEstimatesAndByTheQuotientGap() {
        StepLadder ladder = ladder(t -> Math.max(0, t - X), 0);
        assertEquals(SMALLEST_ESTIMATE_STEP, ladder.kinkReach(0), 0.0);
        assertEquals(0, ladder.kinkReach(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(1, ladder.right(Double.POSITIVE_INFINITY).value(), 0.0);
        assertEquals(0, ladder.left(Double.POSITIVE_INFINITY).value(), 0.0);
    }

    /**
     * A hinge of slope 1 at distance d = ¾·2⁻²⁰ right of x: for s &gt; d the gap is D(s) = (s − d)/s, so ρ = D(s)/D(2s)
     * = 2(s − d)/(2s − d) and 2s(1 − ρ)/(2 − ρ) = d exactly. ρ exceeds ¾ from s = 2⁻¹⁹ on (2s &gt; 5d), whose widest
     * window is 2⁻¹⁷: a largest window any smaller reads no kink.
     */
    @Test
    void aHingeNearXIsPinnedAtItsDistanceFromTheWindowsThatMayBeRead() {
        double d = 0.75 * 0x1p-20;
        StepLadder ladder = ladder(t -> 0.75 + Math.max(0, t - (X + d)), 0);
        assertEquals(d, ladder.kinkReach(Double.POSITIVE_INFINITY), 1e-15 * d);
        assertEquals(d, ladder.kinkReach(0x1p-17), 1e-15 * d);
        assertEquals(Double.POSITIVE_INFINITY, ladder.kinkReach(Math.nextDown(0x1p-17)));
    }

    /**
     * The same hinge with σ = 2⁻²⁷: ρ is taken at the low end its noise allows, (D(s) − 4σ/s) / (D(2s) + 4σ/2s). At s =
     * 2⁻¹⁹ that is 0.609375 / 0.8203125 &lt; ¾, no kink; at 2⁻¹⁸ it is (0.8125 − 2⁻⁷) / (0.90625 + 2⁻⁸) = 206/233, so d
     * ≤ 2⁻¹⁷·(1 − ρ)/(2 − ρ) = 2⁻¹⁷·27/260 (wider steps give larger bounds).
     */
    @Test
    void noiseWidensThePinnedDistanceToTheLowEndOfTheRatio() {
        double d = 0.75 * 0x1p-20;
        StepLadder ladder = ladder(t -> 0.75 + Math.max(0, t - (X + d)), 0x1p-27);
        double expected = 0x1p-17 * 27 / 260;
        assertEquals(expected, ladder.kinkReach(Double.POSITIVE_INFINITY), 1e-12 * expected);
    }

    /** The same hinge on a slope of ½: both one-sided quotients carry the slope, their gap does not. */
    @Test
    void aHingeOnASlopeIsPinnedByTheGapOfTheQuotients() {
        double d = 0.75 * 0x1p-20;
        StepLadder ladder = ladder(t -> 0.75 + 0.5 * t + Math.max(0, t - (X + d)), 0);
        assertEquals(d, ladder.kinkReach(Double.POSITIVE_INFINITY), 1e-15 * d);
    }

    /** A noise four times the gap hides the hinge: with σ = 2⁻¹⁴ no window's gap stands out. */
    @Test
    void aGapWithinItsNoiseIsNoKink() {
        double d = 0.75 * 0x1p-20;
        StepLadder ladder = ladder(t -> 0.75 + Math.max(0, t - (X + d)), 0x1p-14);
        assertEquals(Double.POSITIVE_INFINITY, ladder.kinkReach(Double.POSITIVE_INFINITY));
    }

    /** A jump of f at distance d adds J/s to the gap, which doubles with every halving: a stair, not a kink. */
    @Test
    void aJumpNearXIsNotReadAsAKink() {
        double d = 0.75 * 0x1p-20;
        StepLadder ladder = ladder(t -> t > X + d ? 1.75 : 0.75, 0);
        assertEquals(Double.POSITIVE_INFINITY, ladder.kinkReach(Double.POSITIVE_INFINITY));
    }

    /**
     * f = t/2 + |t − x|: the central quotients are exactly ½ at every step, smooth and wrong about nothing but the kink
     * they cannot see; the gap r − l = 2 that does not halve marks every window, so none is trusted (σ = 0). With σ =
     * 0.9·2⁻²⁰ the gap stands out only where 2 − 4σ/(s/2) &gt; ¾·(2 + 4σ/s), i.e. s &gt; 22σ ≈ 2⁻¹⁵·⁷: windows from
     * 2⁻¹⁷ down are trusted again (without the wider step's noise, 2⁻¹⁶ &gt; 16σ would mark 2⁻¹⁷ too).
     */
    @Test
    void aGapThatDoesNotHalveMarksTheCentralWindowsAsBent() {
        DoubleUnaryOperator f = t -> 0.5 * t + Math.abs(t - X);
        assertTrue(ladder(f, 0).central(Double.POSITIVE_INFINITY).isEmpty());
        List<Extrapolation.Estimate> noisy = ladder(f, 0.9 * 0x1p-20).central(Double.POSITIVE_INFINITY);
        assertFalse(noisy.isEmpty());
        assertEquals(0x1p-17, largestStep(noisy), 0.0);
        for (Extrapolation.Estimate e : noisy) {
            assertEquals(0.5, e.value(), 0.0);
        }
    }

    /**
     * f = t/2 + max(0, |t − x| − d), d = 2⁻²⁰: kinks on both sides cancel in the central quotients (½ exactly), and the
     * gap 2(s − d)/s is 0 up to d. From 2d to d the curvature gap/s drops from 1/(2d) to 0 — both steps are bent; from
     * 8d to 4d the gap keeps 6/7 of itself. Only windows below d are trusted. With σ = 7d/128 the curvature's noise,
     * 4σ/(2d)² + 4σ/d² = 35/(128d), excuses the drop of 1/(2d) beyond half the larger curvature, 1/(4d) (either term
     * alone would not), and the windows from 2d down count again.
     */
    @Test
    void aCurvatureThatChangesBetweenNeighbouringStepsMarksBothAsBent() {
        double d = 0x1p-20;
        DoubleUnaryOperator f = t -> 0.5 * t + Math.max(0, Math.abs(t - X) - d);
        List<Extrapolation.Estimate> quiet = ladder(f, 0).central(Double.POSITIVE_INFINITY);
        assertEquals(d / 2, largestStep(quiet), 0.0);
        List<Extrapolation.Estimate> noisy = ladder(f, 7 * d / 128).central(Double.POSITIVE_INFINITY);
        assertEquals(2 * d, largestStep(noisy), 0.0);
    }

    @Test
    void theEstimatesBelowAStepAreThoseFromStrictlySmallerSteps() {
        StepLadder ladder = ladder(t -> t * t, 0);
        // estimates start at 2⁻¹⁰ … 2⁻²³; strictly below 2⁻²⁰: 2⁻²¹, 2⁻²², 2⁻²³
        assertEquals(3, ladder.central(0x1p-20).size());
        assertEquals(3, ladder.rights(0x1p-20).size());
        assertEquals(3, ladder.lefts(0x1p-20).size());
        assertEquals(0x1p-21, ladder.right(0x1p-20).step(), 0.0);
        assertTrue(ladder.left(SMALLEST_ESTIMATE_STEP) == null);
        assertTrue(ladder.right(SMALLEST_ESTIMATE_STEP) == null);
    }

    /**
     * A hinge at d = 1.5·2⁻¹⁴: ρ exceeds ¾ only where 2s &gt; 5d, i.e. at s = 2⁻¹², whose triple (2⁻¹², 2⁻¹¹, 2⁻¹⁰)
     * is the widest the ladder has; it alone pins the kink, at d.
     */
    @Test
    void theWidestTripleOfStepsCanPinAKink() {
        double d = 1.5 * 0x1p-14;
        StepLadder ladder = ladder(t -> 0.75 + Math.max(0, t - (X + d)), 0);
        assertEquals(d, ladder.kinkReach(Double.POSITIVE_INFINITY), 1e-15 * d);
    }
}
