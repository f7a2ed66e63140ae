package org.gradproof.check;

import java.util.HashMap;
import java.util.Map;

/**
 * The loss along one parameter entry, x + offset, through a {@link Probe}: values (each offset evaluated once and
 * remembered, since the screening, the noise windows and the step ladder share points), central differences and
 * Ridders' extrapolation.
 *
 * <p>Every step is taken as the difference of two representable points, (x + h) − (x − h), so the division uses the
 * step that was really taken, not the one that was asked for.
 */
final class FiniteDifferences {

    private final Probe probe;
    private final int block;
    private final int index;
    private final double x;
    private final Map<Double, Double> values = new HashMap<>();

    FiniteDifferences(Probe probe, int block, int index, double x) {
        this.probe = probe;
        this.block = block;
        this.index = index;
        this.x = x;
    }

    /** The parameter's value. */
    double x() {
        return x;
    }

    /** The loss at x + offset along this entry (evaluated once per point). */
    double valueAt(double offset) {
        double point = x + offset;
        Double known = values.get(point);
        if (known != null) {
            return known;
        }
        double value = probe.valueWith(block, index, point);
        values.put(point, value);
        return value;
    }

    /** Every value of f along this entry evaluated so far, by the point (x + offset) it was evaluated at. */
    Map<Double, Double> valuesByPoint() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The loss at a point evaluated again, not from memory (see {@link #valuesByPoint}). */
    double freshValueAtPoint(double point) {
        return probe.valueWith(block, index, point);
    }

    /** The loss at x + offset evaluated again, not from memory: a deterministic function gives the same bits. */
    double freshValueAt(double offset) {
        return probe.valueWith(block, index, x + offset);
    }

    /** (f(x + h) − f(x − h)) / ((x + h) − (x − h)). */
    double central(double h) {
        return (valueAt(h) - valueAt(-h)) / ((x + h) - (x - h));
    }

    /** Ridders' extrapolation of this entry's central differences from {@code initialStep} down. */
    Ridders.Extrapolation ridders(double initialStep) {
        return Ridders.extrapolate(this::central, initialStep);
    }
}
