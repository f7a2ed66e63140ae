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
    /** A smooth f's quotient gap halves with the step; a kink's keeps more than this share of itself. */
    static final double KINK_GAP_KEPT = 0.75;
    /** ... and grows by at most this factor per halving (a jump's gap doubles). */
    static final double KINK_GAP_GROWTH = 1.25;

    private final List<Extrapolation.Estimate> central;
    private final List<Extrapolation.Estimate> right;
    private final List<Extrapolation.Estimate> left;
    /** The raw quotients and their steps, for {@link #pinnedByQuotients}. */
    private final double[] rightQuotients;
    private final double[] leftQuotients;
    private final double[] steps;
    private final double sigma;

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
        this.rightQuotients = r;
        this.leftQuotients = l;
        this.steps = steps;
        this.sigma = sigma;
    }

    /**
     * How close to x the raw quotients put a kink: a bound of its distance, infinity if they show none. Their gap
     * D(s) = r(s) − l(s) = (f(x + s) − 2f(x) + f(x − s)) / s is f''(x)·s + O(s³) for a smooth f, and halves with s;
     * a kink of jump J at distance d &lt; s keeps it at J·(s − d)/s, nearly constant, and a jump of f itself (a stair)
     * at d &lt; s adds about J/s, which doubles. So a gap beyond its noise (4σ/s, four times over) that keeps more than
     * {@value #KINK_GAP_KEPT} of itself, and grows by at most {@value #KINK_GAP_GROWTH}, of one sign, over two halvings
     * (from 4s to 2s to s) is a kink within s, and the ratio ρ = D(s)/D(2s) = 2(s − d)/(2s − d) gives its distance,
     * d = 2s(1 − ρ)/(2 − ρ) (with ρ taken at the low end its noise allows). Needed because the one-sided
     * extrapolations cannot pin such a kink: the quotient of the side with the kink moves like J·d/s there, which
     * breaks Richardson's law, so only steps far wider than the kink are trusted and the kink seems far away. The
     * reading assumes one kink in the widest window, 4s, so only windows up to {@code largestWindow} count (several
     * kinks in one window — a unit of small weights seen by every example of a batch — can keep the gap too).
     */
    private double pinnedByQuotients(double largestWindow) {
        double[] r = rightQuotients;
        double[] l = leftQuotients;
        double pinned = Double.POSITIVE_INFINITY;
        for (int k = steps.length - 1; k >= 2 && steps[k - 2] <= largestWindow; k--) {
            double gap = r[k] - l[k];
            double wider = r[k - 1] - l[k - 1];
            double widest = r[k - 2] - l[k - 2];
            double noise = 4 * sigma / steps[k];
            double widerNoise = 4 * sigma / steps[k - 1];
            double widestNoise = 4 * sigma / steps[k - 2];
            double kept = (Math.abs(gap) - noise) / (Math.abs(wider) + widerNoise);
            // a kink keeps at most all of its gap; a jump of f (a stair) at distance d adds J/s, which doubles
            boolean kinkLike = kept > KINK_GAP_KEPT && Math.abs(gap) + noise <= KINK_GAP_GROWTH * (Math.abs(wider)
                    - widerNoise) && Math.abs(wider) - widerNoise > KINK_GAP_KEPT * (Math.abs(widest) + widestNoise)
                    && Math.abs(wider) + widerNoise <= KINK_GAP_GROWTH * (Math.abs(widest) - widestNoise);
            if (Math.abs(gap) > 4 * noise && gap * wider > 0 && wider * widest > 0 && kinkLike) {
                double rho = Math.min(1, kept);
                pinned = Math.min(pinned, 2 * steps[k] * (1 - rho) / (2 - rho));
            }
        }
        return pinned;
    }

    /**
     * The steps whose window holds a kink a central difference cannot see: the curvature (r(s) − l(s)) / s, which is
     * f''(x) + O(s²) for a smooth f, changes between neighbouring steps by more than half of itself beyond its noise
     * (4σ/s²), or the gap r(s) − l(s) itself, which halves with s for a smooth f, keeps more than
     * {@value #KINK_GAP_KEPT} of itself beyond its noise (4σ/s). A kink at distance d &lt; s adds J·(s − d)/s to the
     * gap: kept nearly whole when d ≪ s, a quarter or less when d nears s, and the two tests take both ends. Several
     * kinks in one window (a unit seen by many examples of a batch) can make the central differences converge smoothly
     * to a wrong value — the slope averaged over the cluster, not the slope at x — and this is what gives them away.
     * Both steps of a pair that disagree are marked.
     */
    private static boolean[] bent(double[] r, double[] l, double[] steps, double sigma) {
        int n = steps.length;
        boolean[] bent = new boolean[n];
        for (int k = 0; k + 1 < n; k++) {
            double wide = r[k] - l[k];
            double narrow = r[k + 1] - l[k + 1];
            double a = wide / steps[k];
            double b = narrow / steps[k + 1];
            double noise = 4 * sigma / (steps[k] * steps[k]) + 4 * sigma / (steps[k + 1] * steps[k + 1]);
            boolean curvatureChanges = Math.abs(a - b) > CURVATURE_CHANGE * Math.max(Math.abs(a), Math.abs(b))
                    + noise;
            boolean gapKept = wide * narrow > 0 && Math.abs(narrow) - 4 * sigma / steps[k + 1]
                    > KINK_GAP_KEPT * (Math.abs(wide) + 4 * sigma / steps[k]);
            if (Double.isFinite(a) && Double.isFinite(b) && (curvatureChanges || gapKept)) {
                bent[k] = true;
                bent[k + 1] = true;
            }
        }
        return bent;
    }

    /**
     * How close to x a kink has been pinned: the smallest step at which a left and a right estimate from that same step
     * disagree beyond their error bars, or the distance the raw quotients put one at ({@link #pinnedByQuotients}), if
     * smaller, from windows up to {@code largestWindow}; infinity if neither shows one. A kink seen only from wider
     * steps may be one of several clustered near x (a unit whose pre-activations are all tiny puts every example's kink there), and the slope
     * between them can be anything: the one-sided derivatives beyond the cluster say nothing about x.
     */
    double kinkReach(double largestWindow) {
        double reach = pinnedByQuotients(largestWindow);
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

    /**
     * The first step at which a side's raw quotients contradict the side's slope {@code value} (estimated from steps up
     * to {@code step}), or NaN if none does. With a kink within {@code reach} of x and the other side's slope
     * {@code other}, a quotient of that side at step s reads value + (other − value)·d/s for some d ≤ reach, plus
     * curvature and noise: steps from 16·reach up to {@code step} must lie in that band, widened by the estimate's
     * bar, the quotient's noise (4σ/s) and the curvature the side's own halvings show (|q(2s) − q(s)|). One outside it
     * reads another slope — a second kink between x and the steps that gave {@code value}.
     */
    double firstContradiction(boolean right, double value, double error, double other, double reach, double step) {
        double[] q = right ? rightQuotients : leftQuotients;
        for (int k = steps.length - 1; k >= 1; k--) {
            double s = steps[k];
            if (s <= 16 * reach || s >= step || !Double.isFinite(q[k]) || !Double.isFinite(q[k - 1])) {
                continue;
            }
            double drift = (other - value) * Math.min(1, reach / s);
            double lo = Math.min(value, value + drift);
            double hi = Math.max(value, value + drift);
            double slack = error + 4 * sigma / s + Math.abs(q[k - 1] - q[k]);
            if (q[k] < lo - slack || q[k] > hi + slack) {
                return s;
            }
        }
        return Double.NaN;
    }

    /** The trusted estimates of f'(x) from central differences whose steps are all below {@code below}. */
    List<Extrapolation.Estimate> central(double below) {
        return central.stream().filter(e -> e.step() < below).toList();
    }

    /**
     * The best estimate of the right derivative from steps below {@code below} that every estimate from a smaller step
     * confirms ({@link #confirmedByNarrower}), or null.
     */
    Extrapolation.Estimate right(double below) {
        return Extrapolation.best(rightsAtX(below));
    }

    /** As {@link #right}, for the left derivative. */
    Extrapolation.Estimate left(double below) {
        return Extrapolation.best(leftsAtX(below));
    }

    /** The right derivative's estimates from steps below {@code below} that read the slope at x (see {@link #right}). */
    List<Extrapolation.Estimate> rightsAtX(double below) {
        return confirmedByNarrower(rights(below));
    }

    /** As {@link #rightsAtX}, for the left derivative. */
    List<Extrapolation.Estimate> leftsAtX(double below) {
        return confirmedByNarrower(lefts(below));
    }

    /**
     * The one-sided estimates whose bars overlap those of every estimate of the same side from a smaller step. A
     * one-sided derivative is the limit of the quotients as the step shrinks, and an estimate from step s reads the
     * slope over (0, s]: when a narrower one, beyond both error bars, reads another, a kink lies between their steps
     * and the wider one describes the slope beyond it, not at x. (A second kink 1e-5 right of a kink at x: the right
     * quotients from steps of 0.004 to 0.03 gave −0.39620 ± 4e-5, those from 8e-6 gave −0.3895 ± 3e-4, the slope at
     * x, and the wider reading had let a claim of −0.3909 pass as a one-sided derivative.)
     */
    private static List<Extrapolation.Estimate> confirmedByNarrower(List<Extrapolation.Estimate> side) {
        return side.stream().filter(e -> side.stream().allMatch(n -> n.step() >= e.step()
                || Math.abs(n.value() - e.value()) <= n.error() + e.error())).toList();
    }

    /** The trusted estimates of the right derivative from steps below {@code below}. */
    List<Extrapolation.Estimate> rights(double below) {
        return right.stream().filter(e -> e.step() < below).toList();
    }

    /** The trusted estimates of the left derivative from steps below {@code below}. */
    List<Extrapolation.Estimate> lefts(double below) {
        return left.stream().filter(e -> e.step() < below).toList();
    }
}
