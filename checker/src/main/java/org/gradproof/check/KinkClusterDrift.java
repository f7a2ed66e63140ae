package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The drift of central estimates across a cluster of kinks. Beyond kinks within w of x (units of a ReLU layer
 * switching for the examples of a batch), f(x + s) − f(x − s) is the slope beyond them times 2s plus a fixed offset, so
 * a central estimate reads
 * <pre>
 *   E(s) = A + B/s
 * </pre>
 * its deviation doubling with every halving of the step, while the slope at x is what only steps inside the cluster
 * see — in a float loss too noisy to resolve. (Sweep seed 101, cases 12683, 17177 and 18749: float32 leaky-ReLU nets
 * at weights of 0.1; in one a claim of 5.06e-5 convicted by 4.35e-6 ± 5.2e-6 from a step of 1, the estimates 4.4e-6,
 * 4.1e-6, 5.6e-6, 8.4e-6, 1.5e-5, 1.1e-5, 3.7e-5, 5.1e-5 from steps 1 down to 2⁻⁷.) A smooth f's extrapolated
 * estimates differ from f'(x) by O(s⁴) instead. So the ladder's trusted central estimates from the widest one, S, down
 * to S·2^−{@value #OCTAVES} are fitted with t = s/S by least squares of
 * <pre>
 *   E(t)·t = A·t + B + C·t⁵
 * </pre>
 * (E's noise grows like 1/t, so the implied weights t² are its inverse variance), and the drift counts when B exceeds
 * {@value #SIGNIFICANCE} standard errors from the fit's residuals and the offset in f, B·S, exceeds half the noise
 * bound σ of one evaluation — (f(x + s) − f(x − s))/2 carries up to σ of noise, and a fit over a few octaves can turn a
 * fraction of it into an offset. On float32 sweep models the three false alarms fitted offsets of 0.8σ to 4.9σ;
 * convictions of blocks planted ×1.01 that the fit also flags have offsets of 0.3σ (kept by the bound) or 0.5σ (held
 * back: unresolved, not passed).
 */
final class KinkClusterDrift {

    /** The estimates fitted span this many halvings below the widest, ... */
    static final int OCTAVES = 7;
    /** ... of which at least this many must be trusted, ... */
    static final int MIN_ESTIMATES = 5;
    /** ... and the offset must exceed this many standard errors of the fit. */
    static final double SIGNIFICANCE = 3;
    /** A drift must cover at least 1/this of the gap between the slope beyond and the claim over the steps fitted. */
    static final double MATERIAL = 16;

    /**
     * A significant drift.
     *
     * @param widest the widest step S fitted
     * @param slope  A, the slope beyond the cluster
     * @param offset B·S, the offset in f: E(s) = A + offset / s
     */
    record Drift(double widest, double slope, double offset) {

        /**
         * Whether it moves the estimates towards {@code claim} as the step shrinks, by at least 1/{@value #MATERIAL}
         * of the gap between the slope beyond the cluster and the claim over the steps fitted (from S down to
         * S·2^−{@value #OCTAVES}): a drift that covers a negligible share of the gap there is the truncation of a
         * smooth f, not a cluster (an erf-logistic BCE at a loss of 7.7e-262 drifted 4e-5 of the gap, and held back
         * the conviction of a zeroed block).
         */
        boolean towards(double claim) {
            double drift = Math.abs(offset) * (Math.scalb(1.0, OCTAVES) - 1) / widest;
            return Math.signum(offset) == Math.signum(claim - slope) && drift * MATERIAL >= Math.abs(claim - slope);
        }
    }

    private KinkClusterDrift() {
    }

    /** The drift of these central estimates (the ladder's, with {@code bestStep} among them), or null if none counts. */
    static Drift of(List<Extrapolation.Estimate> ladder, double bestStep, double sigma) {
        double widest = bestStep;
        for (Extrapolation.Estimate e : ladder) {
            widest = Math.max(widest, e.step());
        }
        List<Extrapolation.Estimate> window = new ArrayList<>();
        for (Extrapolation.Estimate e : ladder) {
            if (e.step() >= Math.scalb(widest, -OCTAVES)) {
                window.add(e);
            }
        }
        int n = window.size();
        if (n < MIN_ESTIMATES) {
            return null;
        }
        double[][] design = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double t = window.get(i).step() / widest;
            design[i] = new double[] {t, 1, Math.pow(t, 5)};
            y[i] = window.get(i).value() * t;
        }
        double[] fit = PolynomialFit.leastSquares(design, y);
        double standardError = PolynomialFit.residualRms(design, y, 0)
                * Math.sqrt(Math.max(PolynomialFit.coefficientVariance(design, 1), 0));
        boolean significant = Math.abs(fit[1]) > SIGNIFICANCE * standardError && Math.abs(fit[1]) * widest > sigma / 2;
        return significant ? new Drift(widest, fit[0], fit[1] * widest) : null;
    }
}
