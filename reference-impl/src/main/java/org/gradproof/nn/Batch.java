package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * A batch of examples: inputs (m × features) and targets (m × outputs), rows are examples. Immutable: the matrices
 * are copied in and out. Non-empty, rectangular and finite, or the constructor says which argument is not.
 */
public final class Batch {

    private final DMatrixRMaj inputs;
    private final DMatrixRMaj targets;

    private Batch(DMatrixRMaj inputs, DMatrixRMaj targets) {
        if (inputs.numRows == 0 || inputs.numCols == 0) {
            throw new IllegalArgumentException("inputs is empty (" + Shapes.text(inputs)
                    + "): a batch needs at least one example with at least one feature");
        }
        if (targets.numRows != inputs.numRows) {
            throw new IllegalArgumentException("targets: expected " + inputs.numRows + " rows, one per example in "
                    + "inputs (" + Shapes.text(inputs) + "), got " + Shapes.text(targets));
        }
        if (targets.numCols == 0) {
            throw new IllegalArgumentException("targets has no columns (" + Shapes.text(targets) + ")");
        }
        Shapes.requireFinite("inputs", inputs);
        Shapes.requireFinite("targets", targets);
        this.inputs = inputs;
        this.targets = targets;
    }

    /** A batch from rows: {@code inputs[n]} is example n's features, {@code targets[n]} its target. */
    public static Batch of(double[][] inputs, double[][] targets) {
        return new Batch(Shapes.matrix("inputs", inputs), Shapes.matrix("targets", targets));
    }

    /** A batch from matrices (copied). */
    public static Batch of(DMatrixRMaj inputs, DMatrixRMaj targets) {
        if (inputs == null || targets == null) {
            throw new IllegalArgumentException((inputs == null ? "inputs" : "targets") + " must not be null");
        }
        return new Batch(inputs.copy(), targets.copy());
    }

    /** m, the number of examples. */
    public int size() {
        return inputs.numRows;
    }

    public int inputWidth() {
        return inputs.numCols;
    }

    public int targetWidth() {
        return targets.numCols;
    }

    /** A copy of the inputs, m × features. */
    public DMatrixRMaj inputs() {
        return inputs.copy();
    }

    /** A copy of the targets, m × outputs. */
    public DMatrixRMaj targets() {
        return targets.copy();
    }

    /** The first {@code n} examples. */
    public Batch head(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("head(" + n + "): must be in [1, " + size() + "]");
        }
        DMatrixRMaj x = new DMatrixRMaj(n, inputs.numCols);
        DMatrixRMaj y = new DMatrixRMaj(n, targets.numCols);
        System.arraycopy(inputs.data, 0, x.data, 0, x.getNumElements());
        System.arraycopy(targets.data, 0, y.data, 0, y.getNumElements());
        return new Batch(x, y);
    }

    @Override
    public String toString() {
        return "batch of " + size() + " (inputs " + Shapes.text(inputs) + ", targets " + Shapes.text(targets) + ")";
    }
}
