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

    /** The relative change of the curvature between neighbouring steps beyond which a window counts as bent. */
    static final double CURVATURE_CHANGE = 0.5;

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
        this.central = Extrapolation.of(c, centralNoise, steps, 2, bent(r, l, steps, sigma));
        this.right = Extrapolation.of(r, sideNoise, steps, 1);
        this.left = Extrapolation.of(l, sideNoise, steps, 1);
    }

    /**
     * The steps whose window holds a kink a central difference cannot see: the curvature (r(s) − l(s)) / s, which is
     * f''(x) + O(s²) for a smooth f, changes between neighbouring steps by more than half of itself beyond its noise
     * (4σ/s²). A kink at distance d &lt; s adds J·(s − d)/s² to it, which doubles as s halves; several kinks in one
     * window (a unit seen by many examples of a batch) can make the central differences converge smoothly to a
     * wrong value, and this is what gives them away. Both steps of a pair that disagree are marked.
     */
    private static boolean[] bent(double[] r, double[] l, double[] steps, double sigma) {
        int n = steps.length;
        boolean[] bent = new boolean[n];
        for (int k = 0; k + 1 < n; k++) {
            double a = (r[k] - l[k]) / steps[k];
            double b = (r[k + 1] - l[k + 1]) / steps[k + 1];
            double noise = 4 * sigma / (steps[k] * steps[k]) + 4 * sigma / (steps[k + 1] * steps[k + 1]);
            if (Double.isFinite(a) && Double.isFinite(b) && Math.abs(a - b) > CURVATURE_CHANGE
                    * Math.max(Math.abs(a), Math.abs(b)) + noise) {
                bent[k] = true;
                bent[k + 1] = true;
            }
        }
        return bent;
    }

    /**
     * How close to x a kink has been pinned: the smallest step at which a left and a right estimate from that same step
     * disagree beyond their error bars; infinity if none does. A kink seen only from wider steps may be one of several
     * clustered near x (a unit whose pre-activations are all tiny puts every example's kink there), and the slope
     * between them can be anything: the one-sided derivatives beyond the cluster say nothing about x.
     */
    double kinkReach() {
        double reach = Double.POSITIVE_INFINITY;
        for (Extrapolation.Estimate l : left) {
            for (Extrapolation.Estimate r : right) {
                if (l.step() == r.step() && l.step() < reach
                        && Math.abs(l.value() - r.value()) > l.error() + r.error()) {
                    reach = l.step();
                }
            }
        }
        return reach;
    }

    /** The trusted estimates of f'(x) from central differences whose steps are all below {@code below}. */
    List<Extrapolation.Estimate> central(double below) {
        return central.stream().filter(e -> e.step() < below).toList();
    }

    /** The best estimate of the right derivative from steps below {@code below}, or null. */
    Extrapolation.Estimate right(double below) {
        return Extrapolation.best(right.stream().filter(e -> e.step() < below).toList());
    }

    /** The best estimate of the left derivative from steps below {@code below}, or null. */
    Extrapolation.Estimate left(double below) {
        return Extrapolation.best(left.stream().filter(e -> e.step() < below).toList());
    }
}
