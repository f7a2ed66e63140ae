package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Richardson extrapolation of a difference quotient over halving steps, keeping only the estimates whose steps are in
 * the asymptotic regime, each with an error bar that covers what the data can hide.
 *
 * <p>A quotient q(s) of order p (central differences p = 2, one-sided p = 1) behaves like D + α·s^p + … for a smooth
 * f, so at steps s_k = s_0 / 2^k its successive differences Δ_k = q_k − q_{k+1} shrink by 2^p per halving, and
 * <pre>
 *   E_k = (2^p · q_{k+1} − q_k) / (2^p − 1)        removes the s^p term
 * </pre>
 * A window that reaches across a kink breaks that law: while both windows straddle it, Δ grows by 2 per halving (the
 * quotient moves like A − B/s towards the slopes' average), and where the kink falls between two steps the pattern is
 * arbitrary. An extrapolation from such windows can be smooth-looking and consistently wrong, with a small error
 * estimate (Ridders' tableau is fooled this way). So E_k is kept only if the next {@value #LOOKAHEAD} differences each
 * shrink by at least 2^p / {@value #SHRINK_SLACK} — beyond what noise ν can explain — and its error bar is
 * <pre>
 *   error_k = {@value #SAFETY} · max(|E_k − E_{k+1}|, …, |E_{k+L−1} − E_{k+L}|) + 2 · noise(E_k)
 *   noise(E_k) = (2^p · ν_{k+1} + ν_k) / (2^p − 1)
 * </pre>
 * with ν_k a bound of the noise in q_k. Looking two differences ahead and taking the larger of the next
 * extrapolation differences is what makes the bar cover a kink anywhere between the steps used; noise in the next
 * extrapolations shows in their spread. Both were checked by sweeps of kink positions and noise levels against exact
 * derivatives ({@code ExtrapolationTest}).
 */
final class Extrapolation {

    /** How many further differences must follow the law before an estimate is trusted. */
    static final int LOOKAHEAD = 2;
    /** A difference may shrink by as little as 2^p divided by this (1.5: ratios up to 3/8 for p = 2, 3/4 for p = 1). */
    static final double SHRINK_SLACK = 1.5;
    /** The truncation part of the error bar is this many times the spread of the next extrapolations. */
    static final double SAFETY = 3;

    /**
     * One extrapolated derivative.
     *
     * @param value the estimate
     * @param error its error bar (absolute)
     * @param step  the largest step it used
     * @param noise the part of the error bar that is noise
     */
    record Estimate(double value, double error, double step, double noise) {
    }

    private Extrapolation() {
    }

    /**
     * The trusted estimates from quotients {@code q[k]} at steps {@code steps[k]} (halving: steps[k+1] = steps[k]/2),
     * whose noise is at most {@code noise[k]}; entries that are not finite break the sequence there.
     */
    static List<Estimate> of(double[] q, double[] noise, double[] steps, int order) {
        return of(q, noise, steps, order, new boolean[q.length]);
    }

    /**
     * As {@link #of(double[], double[], double[], int)}, skipping every estimate whose quotients include a step marked
     * {@code bent} (a kink seen inside that window by other means).
     */
    static List<Estimate> of(double[] q, double[] noise, double[] steps, int order, boolean[] bent) {
        double r = Math.scalb(1.0, order);
        int n = q.length;
        List<Estimate> estimates = new ArrayList<>();
        for (int k = 0; k + LOOKAHEAD + 1 < n; k++) {
            if (!finite(q, k, k + LOOKAHEAD + 1) || any(bent, k, k + LOOKAHEAD + 1)) {
                continue;
            }
            boolean regular = true;
            for (int i = k; i < k + LOOKAHEAD && regular; i++) {
                double d = q[i] - q[i + 1];
                double next = q[i + 1] - q[i + 2];
                regular = Math.abs(next) <= SHRINK_SLACK / r * Math.abs(d) + noise[i + 1] + noise[i + 2];
            }
            if (!regular) {
                continue;
            }
            double spread = 0;
            for (int i = k; i < k + LOOKAHEAD; i++) {
                spread = Math.max(spread, Math.abs(extrapolate(q, i, r) - extrapolate(q, i + 1, r)));
            }
            double noiseBound = 2 * (r * noise[k + 1] + noise[k]) / (r - 1);
            estimates.add(new Estimate(extrapolate(q, k, r), SAFETY * spread + noiseBound, steps[k], noiseBound));
        }
        return estimates;
    }

    /** The estimate with the smallest error bar, or null if there is none. */
    static Estimate best(List<Estimate> estimates) {
        Estimate best = null;
        for (Estimate e : estimates) {
            if (best == null || e.error() < best.error()) {
                best = e;
            }
        }
        return best;
    }

    private static double extrapolate(double[] q, int k, double r) {
        return (r * q[k + 1] - q[k]) / (r - 1);
    }

    private static boolean any(boolean[] marks, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (marks[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean finite(double[] q, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (!Double.isFinite(q[i])) {
                return false;
            }
        }
        return true;
    }
}
