package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The result of one forward and backward pass of an {@link Mlp}: the loss, dL/dθ per named parameter block (in the
 * model's block order, {@link BlockGradients}), and dL/dX for the inputs. Freshly computed: nothing is shared with
 * the model or with other calls.
 */
public final class Gradients implements BlockGradients {

    private final double loss;
    private final List<String> names;
    private final double[][] blocks;
    private final DMatrixRMaj inputGradient;

    Gradients(double loss, List<String> names, double[][] blocks, DMatrixRMaj inputGradient) {
        this.loss = loss;
        this.names = List.copyOf(names);
        this.blocks = blocks;
        this.inputGradient = inputGradient;
    }

    @Override
    public double loss() {
        return loss;
    }

    @Override
    public List<String> names() {
        return names;
    }

    /** All blocks' gradients, in block order; copies. */
    @Override
    public double[][] blocks() {
        double[][] copy = new double[blocks.length][];
        for (int i = 0; i < blocks.length; i++) {
            copy[i] = blocks[i].clone();
        }
        return copy;
    }

    /** All gradients concatenated in block order, matching {@link Mlp#parameters()}. */
    public double[] flat() {
        return concatenate(blocks);
    }

    /** The blocks concatenated in order. */
    static double[] concatenate(double[][] blocks) {
        int total = 0;
        for (double[] b : blocks) {
            total += b.length;
        }
        double[] flat = new double[total];
        int offset = 0;
        for (double[] b : blocks) {
            System.arraycopy(b, 0, flat, offset, b.length);
            offset += b.length;
        }
        return flat;
    }

    /** dL/dX, batch × features; a copy. */
    public DMatrixRMaj inputGradient() {
        return inputGradient.copy();
    }
}
