package org.gradproof.check;

import java.util.List;

/**
 * The loss along one entry at x ± s for halving steps s = h · 2^j, j = top … bottom, and the three difference
 * quotients those values give at each step, extrapolated by {@link Extrapolation}:
 * <pre>
 *   central   c(s) = (f(x + s) − f(x − s)) / ((x + s) − (x − s))     order 2
 *   right     r(s) = (f(x + s) − f(x)) / ((x + s) − x)               order 1
 *   left      l(s) = (f(x) − f(x − s)) / (x − (x − s))               order 1
 * </pre>
 * The noise bound of a quotient is the per-evaluation noise σ divided by its step, doubled for the one-sided ones (f(x)
 * is noisy too). h is a power of two, so every step is exact for |x| &lt; 2^53 · h.
 */
final class StepLadder {

    private final List<Extrapolation.Estimate> central;
    private final List<Extrapolation.Estimate> right;
    private final List<Extrapolation.Estimate> left;

    /**
     * @param sigma  a bound of the noise of one evaluation of f
     * @param top    the exponent of the largest step, h · 2^top
     * @param bottom the exponent of the smallest step, h · 2^bottom
     */
    StepLadder(FiniteDifferences fd, double f0, double h, double sigma, int top, int bottom) {
        int n = top - bottom + 1;
        double x = fd.x();
        double[] steps = new double[n];
        double[] c = new double[n];
        double[] r = new double[n];
        double[] l = new double[n];
        double[] centralNoise = new double[n];
        double[] sideNoise = new double[n];
        for (int k = 0; k < n; k++) {
            double s = Math.scalb(h, top - k);
            double up = fd.valueAt(s);
            double down = fd.valueAt(-s);
            steps[k] = s;
            c[k] = (up - down) / ((x + s) - (x - s));
            r[k] = (up - f0) / ((x + s) - x);
            l[k] = (f0 - down) / (x - (x - s));
            centralNoise[k] = sigma / s;
            sideNoise[k] = 2 * sigma / s;
        }
        this.central = Extrapolation.of(c, centralNoise, steps, 2);
        this.right = Extrapolation.of(r, sideNoise, steps, 1);
        this.left = Extrapolation.of(l, sideNoise, steps, 1);
    }

    /** The trusted estimates of f'(x) from central differences, largest step first. */
    List<Extrapolation.Estimate> central() {
        return central;
    }

    /** The best estimate of the right derivative, or null. */
    Extrapolation.Estimate right() {
        return Extrapolation.best(right);
    }

    /** The best estimate of the left derivative, or null. */
    Extrapolation.Estimate left() {
        return Extrapolation.best(left);
    }
}
