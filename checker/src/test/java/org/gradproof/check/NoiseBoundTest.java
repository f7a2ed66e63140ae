package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link NoiseEstimate#boundAlong} for a loss flat at every noise window, where the first change of f further out
 * decides, and {@link NoiseEstimate#boundBeyond} for noise that only wide spacings see. x = ½, h = 2⁻¹⁸: the noise
 * windows that give σ reach the widest step, 2⁻⁸ (those reaching 2⁻⁷ give only a quantum), the stair search runs
 * s = 8h, 16h, … 2¹⁸h = 1.
 */
class NoiseBoundTest {

    private static final double X = 0.5;
    private static final double H = 0x1p-18;
    private static final double WIDEST = 0x1p-8;

    private static double bound(DoubleUnaryOperator f) {
        return NoiseEstimate.boundAlong(FiniteDifferencesTest.along(f, X), f.applyAsDouble(X), H, WIDEST);
    }

    /**
     * Stairs of 2⁻¹⁰ every 1/8, x in the middle of one: first seen on both sides at s = 1/8, one stair each, and the
     * values out to ±1 take only the levels of that quantum: the bound is one stair (a staircase too coarse for the
     * windows hides its slope in its flat stretch).
     */
    @Test
    void aStaircaseCoarserThanTheWindowsIsBoundedByOneStair() {
        double stair = 0x1p-10;
        assertEquals(stair, bound(t -> 1 + stair * Math.floor((t - X) / 0.125 + 0.5)), 0.0);
    }

    /** The same stairs every 3/4: the first change is at the last step of the search, s = 2¹⁸h = 1. */
    @Test
    void stairsFirstSeenAtTheSearchLimitStillCount() {
        double stair = 0x1p-10;
        assertEquals(stair, bound(t -> 1 + stair * Math.floor(Math.abs(t - X) / 0.75)), 0.0);
    }

    /** A unit dead within 1/32 of x on both sides, alive beyond: f leaves its flat stretch along ramps, and is flat. */
    @Test
    void rampsOutOfAFlatStretchAreNoNoise() {
        assertEquals(0, bound(t -> 1 + 0.7 * Math.max(0, Math.abs(t - X) - 0x1p-5)), 0.0);
    }

    /**
     * Stairs of 1 to the right and of 2⁻⁶ to the left, every 0.1: both sides would climb on one grid of 2⁻⁶, but their
     * first changes are 64 times apart, which no one staircase does (a step passes one or two stairs a side): jumps of
     * unrelated sizes bound nothing, not even the smaller of them.
     */
    @Test
    void firstChangesOfUnrelatedSizesAreNotOneStaircase() {
        DoubleUnaryOperator f = t -> {
            double u = t - X;
            return 1 + (u > 0 ? Math.floor(u / 0.1) : Math.floor(-u / 0.1) * 0x1p-6);
        };
        assertEquals(0, bound(f), 0.0);
    }

    /** A side that never moves: a dead unit's weight, flat out to the limit, has no noise to bound. */
    @Test
    void aSideThatNeverMovesBoundsNothing() {
        assertEquals(0, bound(t -> 1 + Math.max(0, t - X - 0.3)), 0.0);
        assertEquals(0, bound(t -> 1), 0.0);
    }

    /**
     * Random levels of amplitude 1e-6 held over stretches of 8h: windows at spacing 16h (and 1.618 times that) put
     * every point on another stretch and see noise of σ ≈ 1e-6/√3, bounded by 4σ; a widest spacing below 16h looks
     * at none.
     */
    @Test
    void noiseCorrelatedOverAStretchIsSeenBeyondItsWidth() {
        DoubleUnaryOperator f = t -> 1 + 1e-6 * NoiseTest.hashNoise(new double[] {Math.floor((t - X) / (8 * H))});
        FiniteDifferences fd = FiniteDifferencesTest.along(f, X);
        double f0 = f.applyAsDouble(X);
        double beyond = NoiseEstimate.boundBeyond(fd, f0, H, 16 * H);
        double sigma = 1e-6 / Math.sqrt(3);
        assertTrue(beyond > sigma && beyond < 12 * sigma, "bound " + beyond);
        assertEquals(0, NoiseEstimate.boundBeyond(fd, f0, H, Math.nextDown(16 * H)), 0.0);
    }

    /**
     * Stairs of 1 left and of 1.5 right, 0.1 from x (within a factor 16 of each other), but to the right f then climbs
     * through values in between (a saturated unit flipping slowly): not a staircase, no bound.
     */
    @Test
    void firstChangesFollowedByValuesInBetweenAreNotAStaircase() {
        DoubleUnaryOperator f = t -> {
            double u = t - X;
            return 1 + (u > 0.1 ? 1.5 + 0.3 * (u - 0.1) * (u - 0.1) : u < -0.1 ? 1 : 0);
        };
        assertEquals(0, bound(f), 0.0);
    }

    /**
     * A unit dead within 2⁻¹⁰ of x, alive beyond: only the widest noise windows that stay within the widest step
     * (spacing 2⁻¹¹ = WIDEST/8, reaching 2⁻⁸) see its kinks, which are no noise; f is not flat at every spacing, so the
     * cubic's residual through that window, four times over, bounds the noise — not the stair search beyond, which
     * would find ramps and no noise at all. (Windows reaching beyond the widest step give no σ: see NoiseReachTest.)
     */
    @Test
    void aKinkInTheWidestWindowIsBoundedByTheCubicsResidualThere() {
        DoubleUnaryOperator f = t -> 1 + 0.7 * Math.max(0, Math.abs(t - X) - 0x1p-10);
        double[] window = new double[NoiseEstimate.WINDOW + 1];
        for (int i = 0; i < window.length; i++) {
            window[i] = f.applyAsDouble(X + i * WIDEST / NoiseEstimate.WINDOW);
        }
        double residual = NoiseEstimate.cubicResidual(window);
        assertTrue(residual > 0);
        assertEquals(NoiseEstimate.RMS_TO_BOUND * residual, bound(f), 1e-12 * residual);
    }

    /**
     * White noise of 1e-9 everywhere, and levels of 1e-6 held over stretches of 8h centred on x: the fine spacings
     * (up to h/16·1.618, windows within ±h) see the small noise, the spacing h the stretches' steps; the largest σ
     * up to h is kept, and nothing beyond h is looked at once noise has shown.
     */
    @Test
    void theLargestNoiseUpToTheStepIsKept() {
        DoubleUnaryOperator f = t -> {
            double u = t - X;
            return 1 + 1e-9 * NoiseTest.hashNoise(new double[] {u}) + 1e-6 * NoiseTest.hashNoise(
                    new double[] {Math.floor((u + 4 * H) / (8 * H))});
        };
        double bound = bound(f);
        assertTrue(bound > 1e-8, "bound " + bound);
        double white = bound(t -> 1 + 1e-9 * NoiseTest.hashNoise(new double[] {t - X}));
        assertTrue(white < 1e-8, "the small noise alone: " + white);
    }

    /** Stairs every 1.5 first appear beyond the search's last step, 2¹⁸h = 1: not looked for, no bound. */
    @Test
    void stairsBeyondTheSearchLimitAreNotLookedFor() {
        assertEquals(0, bound(t -> 1 + 0x1p-10 * Math.floor(Math.abs(t - X) / 1.5)), 0.0);
    }

    /**
     * One stair of 2⁻¹² at 2.5·2⁻¹⁰ right of x, the left side flat throughout: the widest window sees it between flat
     * stretches — a quantum — and nothing else ever moves on both sides: half that stair.
     */
    @Test
    void anIsolatedStairInAWindowBoundsTheNoiseByHalfOfIt() {
        double stair = 0x1p-12;
        assertEquals(stair / 2, bound(t -> 1 + (t - X > 2.5 * 0x1p-10 ? stair : 0)), 0.0);
    }

    /** The same stair on the left, and a unit alive from x on the right: a kink at x, bounded by half the stair. */
    @Test
    void aStairOnTheFlatSideOfAKinkAtXBoundsTheNoiseByHalfOfIt() {
        double stair = 0x1p-12;
        DoubleUnaryOperator f = t -> {
            double u = t - X;
            return 1 + 0.75 * Math.max(0, u) + (u < -2.5 * 0x1p-10 ? stair : 0);
        };
        assertEquals(stair / 2, bound(f), 0.0);
    }

    /**
     * Noise of 1e-12 on the right only, a line on the left: at the spacings 1.618 times a power of two the left's
     * points are off the dyadic grid and its values show their rounding (about 1e-17) as noise; σ is the quieter
     * side's, far below the right's noise.
     */
    @Test
    void theQuieterSidesNoiseIsTheBound() {
        DoubleUnaryOperator f = t -> {
            double u = t - X;
            return 1 + 0.25 * u + (u > 0 ? 1e-12 * NoiseTest.hashNoise(new double[] {u}) : 0);
        };
        double bound = bound(f);
        assertTrue(bound < 1e-14, "bound " + bound);
    }
}
