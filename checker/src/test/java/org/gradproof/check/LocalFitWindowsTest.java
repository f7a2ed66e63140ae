package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalFit}'s windows: which widths are fitted, what each estimate reports, and when a window does not count
 * (residuals above the noise bound, a value that is not finite).
 */
class LocalFitWindowsTest {

    private static final double X = 0.5;
    private static final double H = 0x1p-10;

    /** The abscissae of the window of half-width w, in t = offset / w, as the class comment places them. */
    private static double[] abscissae(double w) {
        int m = LocalFit.POINTS_PER_SIDE;
        double[] t = new double[2 * m + 1];
        for (int i = -m; i <= m; i++) {
            double offset = i == 0 ? 0 : w * (i + LocalFit.jitter(i)) / (m + 0.5);
            t[i + m] = ((X + offset) - X) / w;
        }
        return t;
    }

    /** f = t³ plus noise of 1e-9, whose residuals are white at every width (exact fits leave rounding, which can run). */
    @Test
    void windowsGrowFourfoldFromTheFirstExponentUpToTheLast() {
        DoubleUnaryOperator cubic = t -> t * t * t + 1e-9 * NoiseTest.hashNoise(new double[] {t});
        FiniteDifferences fd = FiniteDifferencesTest.along(cubic, X);
        List<Extrapolation.Estimate> estimates = LocalFit.estimates(fd, cubic.applyAsDouble(X), H, 1e-6, 0, 5);
        assertEquals(List.of(H, H, 4 * H, 4 * H, 16 * H, 16 * H),
                estimates.stream().map(Extrapolation.Estimate::step).toList());
        assertEquals(8, LocalFit.estimates(fd, cubic.applyAsDouble(X), H, 1e-6, 0, 6).size());
        assertEquals(2, LocalFit.estimates(fd, cubic.applyAsDouble(X), H, 1e-6, 4, 4).size());
    }

    /**
     * f = t³ at ½: the cubic and the quintic both fit it exactly, so their slopes are f'(x) = ¾ and differ by rounding
     * only; the quintic estimate's bar is then its noise part alone, 4·(σ/4)·√[(AᵀA)⁻¹]₁₁ / W (the residual RMS, about
     * 1e-17, is raised to a quarter of σ).
     */
    @Test
    void anExactFitHasTheTrueSlopeAndANoiseBarFromTheBound() {
        DoubleUnaryOperator cubic = t -> t * t * t;
        double w = 16 * H;
        double sigma = 1e-6;
        List<Extrapolation.Estimate> estimates = LocalFit.at(FiniteDifferencesTest.along(cubic, X),
                cubic.applyAsDouble(X), w, sigma);
        assertEquals(2, estimates.size());
        double[] t = abscissae(w);
        double slopeFactor = PolynomialFit.of(t, new double[t.length], 5).slopeFactor();
        Extrapolation.Estimate quintic = estimates.get(1);
        assertEquals(0.75, quintic.value(), 1e-9);
        double noise = sigma * Math.sqrt(slopeFactor) / w;
        assertEquals(noise, quintic.noise(), 1e-9 * noise);
        assertEquals(noise, quintic.error(), 1e-6 * noise);
        assertEquals(w, quintic.step(), 0.0);
        Extrapolation.Estimate cubicFit = estimates.get(0);
        assertEquals(0.75, cubicFit.value(), 1e-9);
        double cubicNoise = sigma * Math.sqrt(PolynomialFit.of(t, new double[t.length], 3).slopeFactor()) / w;
        assertEquals(cubicNoise, cubicFit.noise(), 1e-9 * cubicNoise);
        assertTrue(cubicNoise < noise, "the lower degree has the smaller noise");
        // the cubic is charged three times its distance from the line's slope, which misses the curvature
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = cubic.applyAsDouble(X + t[i] * w) - cubic.applyAsDouble(X);
        }
        double line = PolynomialFit.of(t, y, 1).coefficients()[1] / w;
        assertEquals(3 * Math.abs(0.75 - line) + cubicNoise, cubicFit.error(), 1e-6 * cubicFit.error());
    }

    /** Noise of 1e-9 (uniform, RMS 5.8e-10) passes a bound of 1e-8, not one of 1e-10: its residuals exceed it. */
    @Test
    void aWindowCountsOnlyWhereItsResidualsAreWithinTheNoiseBound() {
        DoubleUnaryOperator noisy = t -> 2 * t + 1e-9 * NoiseTest.hashNoise(new double[] {t});
        FiniteDifferences fd = FiniteDifferencesTest.along(noisy, X);
        double f0 = noisy.applyAsDouble(X);
        List<Extrapolation.Estimate> loose = LocalFit.at(fd, f0, 0.01, 1e-8);
        assertEquals(2, loose.size());
        for (Extrapolation.Estimate e : loose) {
            assertTrue(Math.abs(e.value() - 2) <= e.error(), e::toString);
        }
        assertTrue(LocalFit.at(fd, f0, 0.01, 1e-10).isEmpty());
    }

    @Test
    void aWindowWithAValueThatIsNotFiniteDoesNotCount() {
        DoubleUnaryOperator log = t -> Math.log(t) + 1e-9 * NoiseTest.hashNoise(new double[] {t});
        // the window of half-width 0.6 around ½ reaches below 0
        assertTrue(LocalFit.at(FiniteDifferencesTest.along(log, X), log.applyAsDouble(X), 0.6, 1e-6).isEmpty());
        assertEquals(2, LocalFit.at(FiniteDifferencesTest.along(log, X), log.applyAsDouble(X), 0.01, 1e-6).size());
    }

    /** Durbin–Watson: (1 − 0)² + (0 − 1)² over 1² + 0² + 1² is 1, exactly the floor. */
    @Test
    void theDurbinWatsonStatisticSumsNeighbouringDifferencesOverSquares() {
        assertEquals(1, LocalFit.durbinWatson(new double[] {1, 0, 1}), 0.0);
        assertEquals(12 / 4.0, LocalFit.durbinWatson(new double[] {1, -1, 1, -1}), 0.0);
    }
}
