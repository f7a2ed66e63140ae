package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch of sequences in the one axis order used everywhere: inputs [seq][batch][features], that is T time steps,
 * each a batch × features matrix (TensorFlow's batch-major [batch][seq][features] must be transposed). Targets are
 * [batch][outputs] for a head on the last time step, or [seq][batch][outputs] for a head on every step.
 * Immutable; non-empty, rectangular and finite, or the factory names the argument, the axis and both sizes.
 */
public final class SequenceBatch {

    private final List<DMatrixRMaj> inputs;
    private final DMatrixRMaj targets;
    private final boolean perStep;

    private SequenceBatch(List<DMatrixRMaj> inputs, DMatrixRMaj targets, boolean perStep) {
        this.inputs = List.copyOf(inputs);
        this.targets = targets;
        this.perStep = perStep;
    }

    /** Targets on the last time step only: inputs [seq][batch][features], targets [batch][outputs]. */
    public static SequenceBatch lastStep(double[][][] inputs, double[][] targets) {
        List<DMatrixRMaj> xs = sequence("inputs", inputs);
        DMatrixRMaj y = Shapes.matrix("targets", targets);
        if (y.numRows != xs.get(0).numRows) {
            throw new IllegalArgumentException("targets: axis 0 (batch) must have " + xs.get(0).numRows
                    + " entries, the batch of inputs [seq][batch][features], got " + y.numRows);
        }
        Shapes.requireFinite("targets", y);
        return new SequenceBatch(xs, y, false);
    }

    /** Targets on every time step: inputs [seq][batch][features], targets [seq][batch][outputs]. */
    public static SequenceBatch everyStep(double[][][] inputs, double[][][] targets) {
        List<DMatrixRMaj> xs = sequence("inputs", inputs);
        List<DMatrixRMaj> ys = sequence("targets", targets);
        if (ys.size() != xs.size() || ys.get(0).numRows != xs.get(0).numRows) {
            throw new IllegalArgumentException("targets: expected [" + xs.size() + "][" + xs.get(0).numRows
                    + "][outputs] ([seq][batch][outputs], like the inputs), got [" + ys.size() + "]["
                    + ys.get(0).numRows + "][" + ys.get(0).numCols + "]");
        }
        return new SequenceBatch(xs, stack(ys), true);
    }

    private static List<DMatrixRMaj> sequence(String what, double[][][] a) {
        if (a == null || a.length == 0) {
            throw new IllegalArgumentException(what + ": axis 0 (time steps) is empty: a sequence needs at least one "
                    + "step; the axis order is [seq][batch][features]");
        }
        List<DMatrixRMaj> steps = new ArrayList<>();
        for (int t = 0; t < a.length; t++) {
            DMatrixRMaj m = Shapes.matrix(what + "[" + t + "]", a[t]);
            if (t > 0 && (m.numRows != steps.get(0).numRows || m.numCols != steps.get(0).numCols)) {
                throw new IllegalArgumentException(what + "[" + t + "]: every time step must be "
                        + Shapes.text(steps.get(0)) + " (batch x features, like step 0), got " + Shapes.text(m));
            }
            Shapes.requireFinite(what + "[" + t + "]", m);
            steps.add(m);
        }
        return steps;
    }

    /** Rows of every step stacked: (T·batch) × columns, step 0's rows first. */
    static DMatrixRMaj stack(List<DMatrixRMaj> steps) {
        DMatrixRMaj first = steps.get(0);
        DMatrixRMaj s = new DMatrixRMaj(steps.size() * first.numRows, first.numCols);
        for (int t = 0; t < steps.size(); t++) {
            System.arraycopy(steps.get(t).data, 0, s.data, t * first.getNumElements(), first.getNumElements());
        }
        return s;
    }

    /** T. */
    public int steps() {
        return inputs.size();
    }

    /** m. */
    public int size() {
        return inputs.get(0).numRows;
    }

    public int features() {
        return inputs.get(0).numCols;
    }

    /** Whether the targets are per time step. */
    public boolean perStep() {
        return perStep;
    }

    /** Copies of the T input matrices, batch × features. */
    public List<DMatrixRMaj> inputs() {
        return inputs.stream().map(DMatrixRMaj::copy).toList();
    }

    /** A copy of the targets: batch × outputs, or (T·batch) × outputs stacked by step for per-step targets. */
    public DMatrixRMaj targets() {
        return targets.copy();
    }

    public int targetWidth() {
        return targets.numCols;
    }

    /** The first {@code t} steps (for per-step targets, their targets too; last-step targets stay as they are). */
    public SequenceBatch prefix(int t) {
        if (t < 1 || t > steps()) {
            throw new IllegalArgumentException("prefix(" + t + "): must be in [1, " + steps() + "]");
        }
        DMatrixRMaj y = targets;
        if (perStep) {
            y = new DMatrixRMaj(t * size(), targets.numCols);
            System.arraycopy(targets.data, 0, y.data, 0, y.getNumElements());
        }
        return new SequenceBatch(inputs.subList(0, t), y.copy(), perStep);
    }
}
