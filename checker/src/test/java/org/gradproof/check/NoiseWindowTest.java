package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The pieces {@link NoiseEstimate} reads one window or one set of values with, on inputs whose answer follows from
 * the definitions: the difference table's σ, the stairs of a window, a ramp beyond a flat stretch, the cubic's residual
 * and the quantum of a staircase.
 */
class NoiseWindowTest {

    /**
     * ±1 alternating: every k-th difference is ±2ᵏ, and σ₁ = √(γ₁ · mean((Δf)²)) = √(½ · 4) = √2; σ₂ = √(16/6) and σ₃ =
     * √(64/20) agree with it within a factor 4, and the differences change sign: noise at the first level.
     */
    @Test
    void alternatingValuesAreNoiseAtTheFirstLevel() {
        double[] v = new double[NoiseEstimate.WINDOW + 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 2 == 0 ? 1 : -1;
        }
        NoiseEstimate.Result r = NoiseEstimate.of(v);
        assertEquals(NoiseEstimate.Outcome.DETECTED, r.outcome());
        assertEquals(Math.sqrt(2), r.sigma(), 0.0);
    }

    /** Half the first differences zero: the window is mostly flat, look further out; one fewer is not. */
    @Test
    void halfTheDifferencesZeroIsAFlatWindow() {
        NoiseEstimate.Result flat = NoiseEstimate.of(new double[] {0, 0, 0, 0, 0, 1, -1, 1, -1});
        assertEquals(NoiseEstimate.Outcome.SPACING_TOO_SMALL, flat.outcome());
        assertEquals(0, flat.sigma(), 0.0);
        assertNotEquals(NoiseEstimate.Outcome.SPACING_TOO_SMALL,
                NoiseEstimate.of(new double[] {0, 0, 0, 0, 1, -1, 1, -1, 1}).outcome());
    }

    @Test
    void aStraightLineShowsNoNoise() {
        assertEquals(NoiseEstimate.Outcome.SPACING_TOO_LARGE,
                NoiseEstimate.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}).outcome());
    }

    /**
     * Over five points the residuals of a cubic fit lie along the fourth difference (1, −4, 6, −4, 1), the one direction
     * cubics miss: a spike of 1 in the middle leaves 6/70 of it, Σr² = 36/70, over 5 − 4 = 1 degree of freedom.
     */
    @Test
    void theCubicResidualOfASpikeIsItsFourthDifferenceShare() {
        assertEquals(6 / Math.sqrt(70), NoiseEstimate.cubicResidual(new double[] {0, 0, 1, 0, 0}), 1e-12);
        assertEquals(0, NoiseEstimate.cubicResidual(new double[] {1, 2, 9, 28, 65, 126, 217, 344, 513}), 1e-11);
    }

    /** Only a step with a flat stretch on both sides counts, and not at either end of the window. */
    @Test
    void theResolutionIsTheSmallestIsolatedStair() {
        assertEquals(1, NoiseEstimate.resolution(new double[] {1, 1, 2, 2, 2, 5, 5}), 0.0);
        assertEquals(2, NoiseEstimate.resolution(new double[] {1, 1, 1, 1, 1, 3, 3}), 0.0);
        assertEquals(2, NoiseEstimate.resolution(new double[] {1, 1, 3, 3, 3, 3, 3}), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, NoiseEstimate.resolution(new double[] {1, 1, 1, 1, 1, 1, 1.5}));
        assertEquals(Double.POSITIVE_INFINITY, NoiseEstimate.resolution(new double[] {1, 1.5, 1.5, 1.5, 1.5}));
        assertEquals(Double.POSITIVE_INFINITY, NoiseEstimate.resolution(new double[] {1, 1, 1, 1, 1}));
    }

    /** f(t) = 1 until t = 1, then rising with slope c, and then from 1 + 1/16 with slope c·after: a ramp from x = 0. */
    private static boolean ramp(double c, double after) {
        DoubleUnaryOperator g = t -> t <= 1 ? 1 : t <= 1.0625 ? 1 + c * (t - 1) : 1 + c / 16 + c * after * (t - 1.0625);
        return NoiseEstimate.ramp(FiniteDifferencesTest.along(g, 0), 1, 1);
    }

    /**
     * The two increments beyond s (over s/16 each) must be of one sign, within a factor 2 of each other, and each more
     * than 32 ulps of f (4 times the 8-ulp rounding allowance).
     */
    @Test
    void aRampKeepsMovingTheSameWayBeyondItsFirstChange() {
        assertTrue(ramp(1, 1));
        assertTrue(ramp(1, 2));
        assertTrue(ramp(1, 0.5));
        assertFalse(ramp(1, 2.0625));
        assertFalse(ramp(1, 0.46875));
        assertFalse(ramp(1, -1));
        assertFalse(ramp(1, 0));
        assertTrue(ramp(-1, 1), "falling");
        // 32 ulps of 1 per increment is rounding; 64 is a ramp — and each increment must be beyond it
        assertFalse(ramp(16 * 0x1p-47, 1));
        assertTrue(ramp(32 * 0x1p-47, 1));
        assertFalse(ramp(16 * 0x1p-47, 2), "the first increment is 32 ulps");
        assertFalse(ramp(32 * 0x1p-47, 0.5), "the second increment is 32 ulps");
    }

    /** f0 = 1 at x = 0, levels 1 + k·q at the given points. */
    private static double quantum(double q, double[] points, double[] multiples) {
        Map<Double, Double> values = new HashMap<>();
        for (int i = 0; i < points.length; i++) {
            values.put(points[i], 1 + multiples[i] * q);
        }
        return NoiseEstimate.commonQuantum(values, 0, 1);
    }

    private static final double[] POINTS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, -0.1, -0.2, -0.3, -0.4};

    /** f0 = f(x) at x = 0, levels f0 + the given differences at the given points. */
    private static double quantumOf(double f0, double[] points, double[] differences) {
        Map<Double, Double> values = new HashMap<>();
        for (int i = 0; i < points.length; i++) {
            values.put(points[i], f0 + differences[i]);
        }
        return NoiseEstimate.commonQuantum(values, 0, f0);
    }

    @Test
    void aStaircaseFlatOnBothSidesHasTheQuantumOfItsLevels() {
        double q = 0x1p-10;
        // right: 0, 0 (repeat), 1, 1 (repeat), 2, 4; left: 0 (repeat), −1, −1 (repeat), −3
        assertEquals(q, quantum(q, POINTS, new double[] {0, 0, 1, 1, 2, 4, 0, -1, -1, -3}), 0.0);
        // the same levels doubled seen from a minimum: the gap between levels, not the smallest difference from f0
        assertEquals(q, quantum(q, POINTS, new double[] {0, 0, 2, 2, 3, 5, 0, -2, -2, -4}), 0.0);
    }

    @Test
    void noQuantumWithoutRepeatsOnBothSidesOrEnoughLevelsOrCommonMultiples() {
        double q = 0x1p-10;
        assertEquals(Double.POSITIVE_INFINITY, quantum(q, POINTS, new double[] {0, 0, 1, 1, 2, 4, 0, -1, -2, -3}),
                "one repeat on the left");
        assertEquals(Double.POSITIVE_INFINITY, quantum(q, POINTS, new double[] {0, 1, 2, 3, 4, 5, 0, 0, -1, -1}),
                "one repeat on the right");
        assertEquals(Double.POSITIVE_INFINITY, quantum(q, POINTS, new double[] {0, 0, 2, 2, 3, 5, 0, -2, -2, -4.5}),
                "4.5 is no multiple of the smallest gap, 1");
        assertEquals(Double.POSITIVE_INFINITY, quantum(q, POINTS, new double[] {0, 0, 1, 1, 2, 3, 0, -1, -1, -2}),
                "three distinct differences");
    }

    /** f(x) itself among the values counts as a repeat on the left: with one more there, both sides have two. */
    @Test
    void theValueAtXIsARepeatOnTheLeft() {
        double q = 0x1p-10;
        double[] points = {0.1, 0.2, 0.3, 0.4, 0.5, 0, -0.1, -0.2, -0.3};
        assertEquals(q, quantum(q, points, new double[] {0, 0, 1, 2, 4, 0, 0, -1, -3}), 0.0);
    }

    /** The smallest gap between two levels may lie among the levels below f(x): −3q and −2q here. */
    @Test
    void theQuantumIsTheSmallestGapOnEitherSideOfFx() {
        double q = 0x1p-10;
        assertEquals(q, quantum(q, POINTS, new double[] {0, 0, 2, 2, 4, 6, 0, -2, -2, -3}), 0.0);
    }

    /**
     * Every difference must be a multiple of the quantum to within 8 ulps of f per multiple, and that allowance must
     * stay within a quarter of the quantum: 2⁻⁴⁵ on f = 1 is 128 ulps, and its fourth multiple is allowed 40 ulps,
     * more than 32: no evidence. Up to the third multiple (32 ulps allowed) it is a quantum.
     */
    @Test
    void aQuantumTooFewUlpsWideForItsMultiplesIsNoEvidence() {
        double q = 0x1p-45;
        assertEquals(Double.POSITIVE_INFINITY, quantum(q, POINTS, new double[] {0, 0, 1, 1, 2, 4, 0, -1, -1, -3}));
        double u = Math.ulp(1.0);
        assertEquals(q, quantumOf(1, POINTS, new double[] {0, 0, q, q, 2 * q, 3 * q, 0, -q, -q, -3 * q - u}), 0.0);
    }

    /**
     * The quantum must exceed 64 roundings of f(x): on f = 2, differences of 2⁻⁴⁵ (and a few ulps more, one level
     * rounded four ways) are exactly 64 ulps of 1 times 2, which is not above it.
     */
    @Test
    void aQuantumOfSixtyFourRoundingsIsNotAboveTheFloor() {
        double q = 0x1p-45;
        double u = Math.ulp(2.0);
        double[] differences = {0, 0, q, q + u, q + 2 * u, q + 3 * u, 0, -q, -q, -q - u};
        assertEquals(Double.POSITIVE_INFINITY, quantumOf(2, POINTS, differences));
        double[] twice = {0, 0, 2 * q, 2 * q + u, 2 * q + 2 * u, 2 * q + 3 * u, 0, -2 * q, -2 * q, -2 * q - u};
        assertEquals(2 * q, quantumOf(2, POINTS, twice), 0.0);
    }
}
