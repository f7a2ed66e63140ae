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

    /** Points looked up by a scan while there are at most this many; an index beyond (most entries never get there). */
    private static final int SCANNED = 8;

    private final Line line;
    private final double x;
    private double[] points = new double[SCANNED];
    private double[] values = new double[SCANNED];
    private int count;
    /** Point → position, once there are more than {@value #SCANNED} points. */
    private Map<Double, Integer> index;
    /** {@link #valuesByPoint()}, built on demand and dropped when a point is added. */
    private Map<Double, Double> byPoint;

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
        int known = find(point);
        if (known >= 0) {
            return values[known];
        }
        double value = line.valueAt(point);
        add(point, value);
        return value;
    }

    /**
     * Every value of f along this entry evaluated so far, by the point (x + offset) it was evaluated at: a hash map
     * filled in the order the points were first evaluated.
     */
    Map<Double, Double> valuesByPoint() {
        if (byPoint == null) {
            Map<Double, Double> map = new HashMap<>();
            for (int i = 0; i < count; i++) {
                map.put(points[i], values[i]);
            }
            byPoint = java.util.Collections.unmodifiableMap(map);
        }
        return byPoint;
    }

    /** The position of {@code point} among the points evaluated (equal as {@link Double#equals} has it), or −1. */
    private int find(double point) {
        if (index != null) {
            Integer i = index.get(point);
            return i == null ? -1 : i;
        }
        long bits = Double.doubleToLongBits(point);
        for (int i = 0; i < count; i++) {
            if (Double.doubleToLongBits(points[i]) == bits) {
                return i;
            }
        }
        return -1;
    }

    private void add(double point, double value) {
        if (count == points.length) {
            points = java.util.Arrays.copyOf(points, 2 * count);
            values = java.util.Arrays.copyOf(values, 2 * count);
        }
        points[count] = point;
        values[count] = value;
        count++;
        byPoint = null;
        if (index != null) {
            index.put(point, count - 1);
        } else if (count > SCANNED) {
            index = new HashMap<>();
            for (int i = 0; i < count; i++) {
                index.put(points[i], i);
            }
        }
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
