package org.gradproof.check;

import java.util.HashMap;
import java.util.Map;

/**
 * The loss along one line through the parameters, at x + offset — one parameter entry, or a block moved along a
 * direction ({@link #along}) — through a {@link Probe}: values (each offset evaluated once and remembered, since the
 * screening, the noise windows and the step ladder share points), central differences and Ridders' extrapolation.
 *
 * <p>Every step is taken as the difference of two representable points, (x + h) − (x − h), so the division uses the
 * step that was really taken, not the one that was asked for.
 */
final class FiniteDifferences {

    /** The loss at a point of the line, evaluated afresh. */
    @FunctionalInterface
    interface Line {
        double valueAt(double point);
    }

    private final Line line;
    private final double x;
    private final Map<Double, Double> values = new HashMap<>();

    /** The loss along entry {@code index} of block {@code block}, whose value is x. */
    FiniteDifferences(Probe probe, int block, int index, double x) {
        this(point -> probe.valueWith(block, index, point), x);
    }

    private FiniteDifferences(Line line, double x) {
        this.line = line;
        this.x = x;
    }

    /**
     * The loss with entries {@code support} of block {@code block} moved together by t · direction (called
     * {@code name} in errors), as a function of t (x = 0).
     */
    static FiniteDifferences along(Probe probe, int block, int[] support, double[] direction, String name) {
        return new FiniteDifferences(t -> probe.valueAlong(block, support, direction, name, t), 0);
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
        double value = line.valueAt(point);
        values.put(point, value);
        return value;
    }

    /** Every value of f along this entry evaluated so far, by the point (x + offset) it was evaluated at. */
    Map<Double, Double> valuesByPoint() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The loss at a point evaluated again, not from memory (see {@link #valuesByPoint}). */
    double freshValueAtPoint(double point) {
        return line.valueAt(point);
    }

    /** The loss at x + offset evaluated again, not from memory: a deterministic function gives the same bits. */
    double freshValueAt(double offset) {
        return line.valueAt(x + offset);
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
