package org.gradproof.check;

import java.util.function.DoubleUnaryOperator;

/**
 * Ridders' method (Numerical Recipes §5.7): central differences D(h) at steps h, h/1.4, h/1.4², … extrapolated to
 * h → 0 by a Neville tableau,
 * <pre>
 *   T[0][i] = D(h / 1.4^i),   T[j][i] = (1.4^{2j} · T[j−1][i] − T[j−1][i−1]) / (1.4^{2j} − 1)
 * </pre>
 * The error estimate of T[j][i] is its larger distance from its two parents; the answer is the entry with the smallest
 * estimate, and the tableau stops once its diagonal moves by more than twice that (higher orders getting worse).
 */
public final class Ridders {

    /** The step shrink factor and its square (Numerical Recipes' CON and CON2). */
    private static final double SHRINK = 1.4;
    private static final double SHRINK2 = SHRINK * SHRINK;
    /** Stop when the tableau's diagonal moves by this factor more than the best error seen (NR's SAFE). */
    private static final double DIVERGENCE = 2.0;

    private Ridders() {
    }

    /**
     * An extrapolated derivative.
     *
     * @param estimate the derivative
     * @param error    its error estimate
     * @param step     the smallest step the estimate used
     */
    public record Extrapolation(double estimate, double error, double step) {
        public boolean finite() {
            return Double.isFinite(estimate) && Double.isFinite(error);
        }
    }

    /** f′(x) from central differences (f(x + h) − f(x − h)) / ((x + h) − (x − h)), starting at step {@code h}. */
    public static Extrapolation derivative(DoubleUnaryOperator f, double x, double h) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("h: the initial step must be positive and finite, got " + h);
        }
        return extrapolate(step -> (f.applyAsDouble(x + step) - f.applyAsDouble(x - step)) / ((x + step) - (x - step)),
                h);
    }

    /** Extrapolates {@code central}, the central difference as a function of its step, from {@code initialStep}. */
    static Extrapolation extrapolate(DoubleUnaryOperator central, double initialStep) {
        int levels = CheckOptions.RIDDERS_LEVELS;
        double[][] tableau = new double[levels][levels];
        double step = initialStep;
        tableau[0][0] = central.applyAsDouble(step);
        double best = tableau[0][0];
        double bestError = Double.POSITIVE_INFINITY;
        double bestStep = step;
        for (int i = 1; i < levels; i++) {
            step /= SHRINK;
            tableau[0][i] = central.applyAsDouble(step);
            double factor = SHRINK2;
            for (int j = 1; j <= i; j++) {
                tableau[j][i] = (tableau[j - 1][i] * factor - tableau[j - 1][i - 1]) / (factor - 1);
                factor *= SHRINK2;
                double error = Math.max(Math.abs(tableau[j][i] - tableau[j - 1][i]),
                        Math.abs(tableau[j][i] - tableau[j - 1][i - 1]));
                if (error <= bestError) {
                    bestError = error;
                    best = tableau[j][i];
                    bestStep = step;
                }
            }
            if (!Double.isFinite(tableau[i][i])
                    || Math.abs(tableau[i][i] - tableau[i - 1][i - 1]) >= DIVERGENCE * bestError) {
                break;
            }
        }
        return new Extrapolation(best, bestError, bestStep);
    }
}
