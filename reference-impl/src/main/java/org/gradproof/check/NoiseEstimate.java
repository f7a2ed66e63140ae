package org.gradproof.check;

/**
 * Estimates the rounding noise σ of f along one entry from f at equally spaced points, following Moré and Wild,
 * "Estimating computational noise" (SIAM J. Sci. Comput. 33(3), 2011): the k-th differences of a smooth function
 * vanish as the spacing shrinks, while those of noise do not; for noise of standard deviation σ,
 * E[(Δᵏf)²] = σ² · (2k)! / (k!)², so σ_k = √(γ_k · mean((Δᵏf)²)) with γ_k = (k!)² / (2k)!.
 * Noise is detected at the first level k whose differences change sign and whose σ_k, σ_{k+1}, σ_{k+2} agree within a
 * factor 4.
 *
 * <p>Needed because ε·|f| underestimates the noise of losses computed through cancellation, such as
 * −log(1 − p) for a saturated sigmoid p; there Ridders' error estimate can be fooled by the staircase of f.
 */
final class NoiseEstimate {

    /** Points on each side of x, besides x itself. */
    static final int WINDOW = 8;

    /** The outcome: a noise level, or that the spacing was too small (f flat) or too large (no noise visible). */
    enum Outcome { DETECTED, SPACING_TOO_SMALL, SPACING_TOO_LARGE }

    record Result(Outcome outcome, double sigma) {
    }

    private NoiseEstimate() {
    }

    /**
     * σ of f near x at spacing δ, from two one-sided windows f(x ± i·δ), i = 0 … {@value #WINDOW}, taking the smaller
     * estimate: a kink at x (ReLU at 0) or on one side looks like noise to the differences that straddle it, but
     * rounding noise shows on both sides. SPACING_TOO_SMALL when f is flat on either side (look further out); no
     * noise (SPACING_TOO_LARGE) unless both sides show it.
     */
    static Result along(FiniteDifferences fd, double delta, double f0) {
        Result right = of(window(fd, delta, f0));
        Result left = of(window(fd, -delta, f0));
        if (right.outcome() == Outcome.SPACING_TOO_SMALL || left.outcome() == Outcome.SPACING_TOO_SMALL) {
            return new Result(Outcome.SPACING_TOO_SMALL, 0);
        }
        if (right.outcome() == Outcome.DETECTED && left.outcome() == Outcome.DETECTED) {
            return right.sigma() <= left.sigma() ? right : left;
        }
        return new Result(Outcome.SPACING_TOO_LARGE, 0);
    }

    private static double[] window(FiniteDifferences fd, double delta, double f0) {
        double[] values = new double[WINDOW + 1];
        values[0] = f0;
        for (int i = 1; i <= WINDOW; i++) {
            values[i] = fd.valueAt(i * delta);
        }
        return values;
    }

    /** σ from values of f at equally spaced points. */
    static Result of(double[] values) {
        double[] d = values.clone();
        int n = d.length;
        double[] level = new double[n];
        boolean[] signChange = new boolean[n];
        double gamma = 1;
        for (int k = 1; k < n; k++) {
            int zeros = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sumSquares = 0;
            for (int i = 0; i < n - k; i++) {
                d[i] = d[i + 1] - d[i];
                zeros += d[i] == 0 ? 1 : 0;
                min = Math.min(min, d[i]);
                max = Math.max(max, d[i]);
                sumSquares += d[i] * d[i];
            }
            if (k == 1 && 2 * zeros >= n - 1) {
                return new Result(Outcome.SPACING_TOO_SMALL, 0);
            }
            gamma *= 0.5 * k / (2.0 * k - 1);
            level[k] = Math.sqrt(gamma * sumSquares / (n - k));
            signChange[k] = min < 0 && max > 0;
        }
        for (int k = 1; k + 2 < n; k++) {
            double min = Math.min(level[k], Math.min(level[k + 1], level[k + 2]));
            double max = Math.max(level[k], Math.max(level[k + 1], level[k + 2]));
            if (signChange[k] && max <= 4 * min) {
                return new Result(Outcome.DETECTED, level[k]);
            }
        }
        return new Result(Outcome.SPACING_TOO_LARGE, 0);
    }
}
