package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Derivatives of a noisy f from least-squares polynomials through many equally spaced values, for entries whose every
 * difference quotient is limited by the loss's noise (a loss computed in float rounds by about 2⁻²⁴·|f| per
 * evaluation, and a derivative of 1e-5 next to a loss of 1.5 moves it by one such step every 0.007). A quotient uses
 * two values; a fit over n of them averages n independent rounding errors, which shrinks the noise of the slope by
 * about √n at the same width (Savitzky–Golay smoothing, in the form of a local regression).
 *
 * <p>A window of half-width W holds f at x and at x + W·(i + jᵢ)/(m + ½), i = ±1 … ±m ({@value #POINTS_PER_SIDE} points a
 * side, each shifted by jᵢ within ±½ of its place on the grid: see {@link #jitter}); in t = offset/W, the fit of
 * degree p gives the derivative as c₁⁽ᵖ⁾/W, for p = 3 and p = 5, the fit two degrees lower measuring the truncation:
 * <pre>
 *   estimate   D = c₁⁽ᵖ⁾ / W
 *   error bar  {@value #SAFETY} · |c₁⁽ᵖ⁾ − c₁⁽ᵖ⁻²⁾| / W  +  {@value NoiseEstimate#RMS_TO_BOUND} · s · √[(AᵀA)⁻¹]₁₁ / W
 * </pre>
 * with s the quintic's residual RMS (at least a {@value NoiseEstimate#RMS_TO_BOUND}th of the measured bound σ). A window
 * counts only where its residuals look like independent noise, since correlated errors do not average out: s at most
 * σ (a kink or a bend the quintic misses leaves more), and neighbouring residuals not alike (Durbin–Watson statistic
 * Σ(rᵢ − rᵢ₋₁)² / Σrᵢ² at least {@value #DURBIN_WATSON_FLOOR}; white noise gives 2, stairs wider than the spacing or a
 * misfit give runs of one sign and less).
 */
final class LocalFit {

    /** Points on each side of x, besides x itself. */
    static final int POINTS_PER_SIDE = 32;
    /** The degrees fitted: each estimate is one degree's slope, its truncation read from the degree below. */
    private static final int[] DEGREES = {1, 3, 5};
    /** The truncation part of the error bar is this many times the two fits' difference. */
    static final double SAFETY = 3;
    /** Residuals whose Durbin–Watson statistic is below this are not independent noise. */
    static final double DURBIN_WATSON_FLOOR = 1;

    private LocalFit() {
    }

    /**
     * The estimates from windows of half-width h · 2^k for k = {@code from}, from + 2, … up to {@code to} (each 4 times
     * the last); only those whose residuals pass as noise, and whose values are all finite.
     *
     * @param sigma a bound of the noise of one evaluation of f
     */
    static List<Extrapolation.Estimate> estimates(FiniteDifferences fd, double f0, double h, double sigma, int from,
                                                  int to) {
        List<Extrapolation.Estimate> estimates = new ArrayList<>();
        for (int k = from; k <= to; k += 2) {
            estimates.addAll(at(fd, f0, Math.scalb(h, k), sigma));
        }
        return estimates;
    }

    /**
     * The estimates from the window of half-width {@code width}: one per pair of degrees (a line checked by a cubic, a
     * cubic checked by a quintic: the lower pair has the smaller noise, the higher the smaller truncation), or none
     * if the window does not count.
     */
    static List<Extrapolation.Estimate> at(FiniteDifferences fd, double f0, double width, double sigma) {
        int n = 2 * POINTS_PER_SIDE + 1;
        double[] t = new double[n];
        double[] y = new double[n];
        double x = fd.x();
        for (int i = -POINTS_PER_SIDE; i <= POINTS_PER_SIDE; i++) {
            double offset = i == 0 ? 0 : width * (i + jitter(i)) / (POINTS_PER_SIDE + 0.5);
            double value = offset == 0 ? f0 : fd.valueAt(offset);
            if (!Double.isFinite(value)) {
                return List.of();
            }
            // the abscissa really evaluated; values relative to f0, which keeps the fit's numbers small
            t[i + POINTS_PER_SIDE] = ((x + offset) - x) / width;
            y[i + POINTS_PER_SIDE] = value - f0;
        }
        PolynomialFit[] fits = new PolynomialFit[DEGREES.length];
        for (int d = 0; d < DEGREES.length; d++) {
            fits[d] = PolynomialFit.of(t, y, DEGREES[d]);
        }
        PolynomialFit highest = fits[fits.length - 1];
        if (!(highest.rms() <= sigma) || durbinWatson(highest.residuals()) < DURBIN_WATSON_FLOOR) {
            return List.of();
        }
        double rms = Math.max(highest.rms(), sigma / NoiseEstimate.RMS_TO_BOUND);
        List<Extrapolation.Estimate> estimates = new ArrayList<>();
        for (int d = 1; d < fits.length; d++) {
            PolynomialFit fit = fits[d];
            double noise = NoiseEstimate.RMS_TO_BOUND * rms * Math.sqrt(fit.slopeFactor()) / width;
            double truncation = SAFETY * Math.abs(fit.coefficients()[1] - fits[d - 1].coefficients()[1]) / width;
            estimates.add(new Extrapolation.Estimate(fit.coefficients()[1] / width, truncation + noise, width, noise));
        }
        return estimates;
    }

    /**
     * Shifts of the points within ±½ of their grid positions, drawn once from a fixed seed (so that a check is
     * repeatable). On an exact grid, stairs whose width is close to a multiple of the spacing are sampled at a phase
     * that drifts steadily from point to point, which the fit reads as slope; an arithmetic sequence of shifts (i·φ
     * mod 1) only moves that drift to other widths. Independent shifts sample the stairs' phases independently
     * wherever the spacing exceeds their width, and where it does not, the residuals run in one sign.
     */
    private static final double[] SHIFTS = new java.util.SplittableRandom(0x5EED_F17L)
            .doubles(2 * POINTS_PER_SIDE + 1, -0.5, 0.5).toArray();

    /** The shift of point i, −m ≤ i ≤ m (see {@link #SHIFTS}). */
    static double jitter(int i) {
        return SHIFTS[i + POINTS_PER_SIDE];
    }

    /** Σ(rᵢ − rᵢ₋₁)² / Σrᵢ²: about 2 for independent residuals, near 0 for runs; 2 when every residual is 0. */
    static double durbinWatson(double[] residuals) {
        double differences = 0;
        double squares = residuals[0] * residuals[0];
        for (int i = 1; i < residuals.length; i++) {
            double d = residuals[i] - residuals[i - 1];
            differences += d * d;
            squares += residuals[i] * residuals[i];
        }
        return squares == 0 ? 2 : differences / squares;
    }
}
