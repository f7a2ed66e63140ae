package org.gradproof.check;

/**
 * The numerical derivatives the checker uses: central differences, Ridders' extrapolation and one-sided differences,
 * all along one parameter entry through a {@link Probe}.
 *
 * <p>Every step is taken as the difference of two representable points, (x + h) − (x − h), so the division uses the
 * step that was really taken, not the one that was asked for.
 */
final class FiniteDifferences {

    /** Ridders' step shrink factor and its square (Numerical Recipes' CON and CON2). */
    private static final double SHRINK = 1.4;
    private static final double SHRINK2 = SHRINK * SHRINK;
    /** Stop when the tableau's diagonal moves by this factor more than the best error seen (NR's SAFE). */
    private static final double DIVERGENCE = 2.0;

    private final Probe probe;
    private final int block;
    private final int index;
    private final double x;

    FiniteDifferences(Probe probe, int block, int index, double x) {
        this.probe = probe;
        this.block = block;
        this.index = index;
        this.x = x;
    }

    /** The loss at x + offset along this entry. */
    double valueAt(double offset) {
        return probe.valueWith(block, index, x + offset);
    }

    /** (f(x + h) − f(x − h)) / ((x + h) − (x − h)). */
    double central(double h) {
        double up = x + h;
        double down = x - h;
        return (probe.valueWith(block, index, up) - probe.valueWith(block, index, down)) / (up - down);
    }

    /** (f(x + s) − f(x)) / s for s &gt; 0 (right) or (f(x) − f(x + s)) / −s for s &lt; 0 (left), s as really taken. */
    double oneSided(double s, double f0) {
        double moved = x + s;
        return (probe.valueWith(block, index, moved) - f0) / (moved - x);
    }

    /** Ridders' estimate, its error estimate, and the smallest step that estimate used. */
    record Extrapolation(double estimate, double error, double step) {
        boolean finite() {
            return Double.isFinite(estimate) && Double.isFinite(error);
        }
    }

    /**
     * Ridders' method (Numerical Recipes §5.7): central differences at steps h, h/1.4, h/1.4², … are extrapolated to
     * h → 0 by a Neville tableau; the error estimate is the larger distance of each extrapolated value from its two
     * parents, and the answer is the value with the smallest estimate. Stops early once higher orders get worse.
     */
    Extrapolation ridders(double initialStep) {
        int levels = CheckOptions.RIDDERS_LEVELS;
        double[][] tableau = new double[levels][levels];
        double step = initialStep;
        tableau[0][0] = central(step);
        double best = tableau[0][0];
        double bestError = Double.POSITIVE_INFINITY;
        double bestStep = step;
        for (int i = 1; i < levels; i++) {
            step /= SHRINK;
            tableau[0][i] = central(step);
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
