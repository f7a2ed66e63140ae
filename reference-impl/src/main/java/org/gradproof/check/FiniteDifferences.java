package org.gradproof.check;

/**
 * The numerical derivatives the checker uses: values along one entry, central differences and Ridders' extrapolation,
 * all along one parameter entry through a {@link Probe}.
 *
 * <p>Every step is taken as the difference of two representable points, (x + h) − (x − h), so the division uses the
 * step that was really taken, not the one that was asked for.
 */
final class FiniteDifferences {

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

    /** Ridders' extrapolation of this entry's central differences from {@code initialStep} down. */
    Ridders.Extrapolation ridders(double initialStep) {
        return Ridders.extrapolate(this::central, initialStep);
    }
}
