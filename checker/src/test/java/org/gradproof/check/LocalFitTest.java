package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Least-squares polynomial fits, and derivatives from them through many values of a noisy loss. */
class LocalFitTest {

    @Test
    void aPolynomialOfTheFittedDegreeIsRecoveredExactly() {
        double[] t = new double[21];
        double[] y = new double[21];
        for (int i = 0; i < t.length; i++) {
            t[i] = -1 + i / 10.0;
            y[i] = 2 - 3 * t[i] + 0.5 * Math.pow(t[i], 3) - 0.25 * Math.pow(t[i], 5);
        }
        PolynomialFit fit = PolynomialFit.of(t, y, 5);
        assertArrayEquals(new double[] {2, -3, 0, 0.5, 0, -0.25}, fit.coefficients(), 1e-12);
        assertEquals(0, fit.rms(), 1e-13);
    }

    @Test
    void theSlopeFactorOfAStraightLineIsOneOverTheSumOfSquares() {
        // for a line through centred points, Var(c₁) = σ² / Σ tᵢ²
        double[] t = {-1, -0.5, 0, 0.5, 1};
        PolynomialFit fit = PolynomialFit.of(t, new double[] {0, 1, 0, 1, 0}, 1);
        assertEquals(1 / 2.5, fit.slopeFactor(), 1e-15);
    }

    @Test
    void aFitNeedsMorePointsThanCoefficients() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PolynomialFit.of(new double[] {0, 1, 2}, new double[] {0, 1, 2}, 2));
        assertTrue(e.getMessage().contains("degree 2") && e.getMessage().contains("got 3"), e.getMessage());
    }

    /**
     * A loss computed in float: every fit whose residuals pass as noise has an error bar covering the true slope, and
     * the best one is tighter than the best estimate of the step ladder (Ridders' extrapolation of central differences
     * from steps up to the widest the checker takes) with the same noise bound.
     */
    @Test
    void aFloatRoundedLossIsMeasuredWithinItsBarsAndBetterThanByTheStepLadder() {
        int covered = 0;
        int tighter = 0;
        int points = 0;
        for (int k = 0; k < 200; k++) {
            double x = -2 + 0.02 * k;
            DoubleUnaryOperator g = v -> (float) (1.5 + Math.sin(3 * v) + 1e-5 * v);
            double slope = 3 * Math.cos(3 * x) + 1e-5;
            FiniteDifferences fd = FiniteDifferencesTest.along(g, x);
            double f0 = g.applyAsDouble(x);
            double h = EntryJudge.step(x);
            double sigma = NoiseEstimate.RMS_TO_BOUND * 0x1p-24 * 2.5; // a float's rounding near |f| ≤ 2.5
            List<Extrapolation.Estimate> fits = LocalFit.estimates(fd, f0, h, sigma, 4, 18);
            for (Extrapolation.Estimate e : fits) {
                points++;
                covered += Math.abs(e.value() - slope) <= e.error() ? 1 : 0;
            }
            Extrapolation.Estimate best = Extrapolation.best(fits);
            Extrapolation.Estimate ladder = Extrapolation.best(new StepLadder(fd, f0, h, sigma,
                    EntryJudge.LADDER_WIDE_TOP, EntryJudge.LADDER_BOTTOM).central(Double.POSITIVE_INFINITY));
            if (best != null && ladder != null && best.error() < ladder.error()) {
                tighter++;
            }
        }
        assertTrue(points > 1000, "fits counted: " + points);
        assertEquals(points, covered, "fits whose bar covers the true slope");
        assertTrue(tighter >= 190, "best fits tighter than the ladder's best: " + tighter + " of 200");
    }

    /** A kink inside a window leaves residuals no noise explains: that window is not used. */
    @Test
    void aWindowAcrossAKinkIsRefused() {
        double x = 0.3;
        DoubleUnaryOperator g = v -> 2 * v + 5 * Math.max(0, v - 0.31);
        FiniteDifferences fd = FiniteDifferencesTest.along(g, x);
        assertTrue(LocalFit.at(fd, g.applyAsDouble(x), 0.05, 1e-12).isEmpty());
    }

    /**
     * Stairs nearly a whole number of grid spacings wide are sampled at a phase that drifts steadily on an exact grid,
     * which reads as slope; the shifted points must not (rounded to 1e-3 with slope w, the stairs are 1e-3/w wide).
     */
    @Test
    void stairsOfAnyWidthDoNotBiasAFitBeyondItsBar() {
        double x = 0.7;
        int used = 0;
        for (int j = 0; j < 400; j++) {
            double slope = 0.5 + j * 0.005;
            DoubleUnaryOperator g = v -> Math.rint(slope * v / 1e-3) * 1e-3;
            FiniteDifferences fd = FiniteDifferencesTest.along(g, x);
            for (double width : new double[] {0.016, 0.064, 0.256}) {
                for (Extrapolation.Estimate e : LocalFit.at(fd, g.applyAsDouble(x), width, 5e-4)) {
                    used++;
                    assertTrue(Math.abs(e.value() - slope) <= e.error(), () -> "slope " + slope + ", width " + width
                            + ": " + e);
                }
            }
        }
        assertTrue(used > 100, "fits used: " + used);
    }

    @Test
    void theShiftsStayWithinHalfASpacingAndAreSpread() {
        double lowest = 1;
        double highest = -1;
        for (int i = -LocalFit.POINTS_PER_SIDE; i <= LocalFit.POINTS_PER_SIDE; i++) {
            double j = LocalFit.jitter(i);
            assertTrue(Math.abs(j) < 0.5, "shift " + j);
            lowest = Math.min(lowest, j);
            highest = Math.max(highest, j);
        }
        assertTrue(lowest < -0.4 && highest > 0.4, lowest + " … " + highest);
    }

    @Test
    void independentResidualsScoreAboutTwoAndRunsFarLess() {
        java.util.Random random = new java.util.Random(1);
        double[] white = new double[65];
        double[] runs = new double[65];
        for (int i = 0; i < white.length; i++) {
            white[i] = random.nextGaussian();
            runs[i] = Math.sin(i / 6.0);
        }
        assertEquals(2, LocalFit.durbinWatson(white), 0.6);
        assertTrue(LocalFit.durbinWatson(runs) < 0.1);
        assertFalse(LocalFit.durbinWatson(new double[] {0, 0, 0}) < LocalFit.DURBIN_WATSON_FLOOR);
    }
}
