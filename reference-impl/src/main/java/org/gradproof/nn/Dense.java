package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gradproof.check.ParameterBlock;

import java.util.List;

/**
 * A fully connected layer on a batch (rows are examples): Z = X·Wᵀ + 1·bᵀ, with W stored [out][in] and b of length
 * out. Forward and backward side by side; the backward pass accumulates (+=) into gradient buffers.
 */
public final class Dense {

    private final String name;
    private final DMatrixRMaj weights;
    private final DMatrixRMaj bias;

    /** A layer with zero parameters; see {@link Initializer} to fill them. */
    public Dense(String name, int inputs, int outputs) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("layer " + name + ": widths must be at least 1, got " + inputs
                    + " inputs and " + outputs + " outputs");
        }
        this.name = name;
        this.weights = new DMatrixRMaj(outputs, inputs);
        this.bias = new DMatrixRMaj(1, outputs);
    }

    /** Z = X·Wᵀ + 1·bᵀ: X is batch × in, Z is batch × out. X is not modified. */
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Shapes.require("input of " + name, x, x.numRows, inputs(),
                "batch x " + inputs() + ", the width of " + name + ".W (" + Shapes.text(weights) + ")");
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, outputs());
        CommonOps_DDRM.multTransB(x, weights, z);
        for (int n = 0; n < z.numRows; n++) {
            for (int j = 0; j < z.numCols; j++) {
                z.data[n * z.numCols + j] += bias.data[j];
            }
        }
        return z;
    }

    /**
     * Given X of the forward pass and δ = dL/dZ: dW += δᵀ·X, db += 1ᵀ·δ (the column sums of δ), returns dL/dX = δ·W.
     * X and δ are not modified.
     */
    public DMatrixRMaj backward(DMatrixRMaj x, DMatrixRMaj delta, DMatrixRMaj gradWeights, DMatrixRMaj gradBias) {
        Shapes.require("input of " + name, x, x.numRows, inputs(),
                "batch x " + inputs() + ", the width of " + name + ".W (" + Shapes.text(weights) + ")");
        Shapes.require("delta of " + name, delta, x.numRows, outputs(),
                "one row per example of the input (" + Shapes.text(x) + ") and one column per unit of " + name);
        Shapes.require("gradient buffer of " + name + ".W", gradWeights, outputs(), inputs(), "the shape of " + name + ".W");
        Shapes.require("gradient buffer of " + name + ".b", gradBias, 1, outputs(), "the shape of " + name + ".b");
        CommonOps_DDRM.multAddTransA(delta, x, gradWeights);
        for (int n = 0; n < delta.numRows; n++) {
            for (int j = 0; j < delta.numCols; j++) {
                gradBias.data[j] += delta.data[n * delta.numCols + j];
            }
        }
        DMatrixRMaj gradX = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.mult(delta, weights, gradX);
        return gradX;
    }

    public String name() {
        return name;
    }

    public int inputs() {
        return weights.numCols;
    }

    public int outputs() {
        return weights.numRows;
    }

    /** The live weight matrix W, out × in. */
    public DMatrixRMaj weights() {
        return weights;
    }

    /** The live bias, 1 × out. */
    public DMatrixRMaj bias() {
        return bias;
    }

    /** {@code name.W} (shape out × in) and {@code name.b} (shape out), over the live storage. */
    public List<ParameterBlock> blocks() {
        return List.of(new ParameterBlock(name + ".W", weights.data, outputs(), inputs()),
                new ParameterBlock(name + ".b", bias.data, outputs()));
    }
}
