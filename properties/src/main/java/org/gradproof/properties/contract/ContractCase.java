package org.gradproof.properties.contract;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.Activation;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.gradproof.properties.NetworkCase;

import java.util.ArrayList;
import java.util.List;

/**
 * One network the contract asks your code to build and differentiate: layer widths and activations, a loss and its
 * reduction, weights and a batch. The weights are live: the checker moves one entry at a time, so read them from here
 * on every call rather than copying them once.
 *
 * <p>Conventions: layer l (0-based) maps {@code inputWidth(l)} features to {@code width(l)} units; its weights are
 * row-major [out][in] ({@code weights(l)[i * inputWidth(l) + j]} is W[i][j]), its bias has {@code width(l)} entries;
 * examples are rows. The loss is the reference's {@link Loss} with its {@link Reduction} over the batch; activations
 * are named as in {@link Activation#named(String)}.
 */
public final class ContractCase {

    private final NetworkCase source;
    private final Mlp reference;
    private final Batch batch;
    private final List<ParameterBlock> blocks;

    ContractCase(NetworkCase source) {
        this.source = source;
        this.reference = source.network();
        this.batch = source.batch();
        this.blocks = reference.parameterBlocks();
    }

    /** The number of dense layers, output layer included. */
    public int depth() {
        return reference.layers().size();
    }

    /** Units of layer l. */
    public int width(int layer) {
        return reference.layers().get(layer).outputs();
    }

    /** Inputs of layer l: the batch's features for l = 0, else the width of layer l − 1. */
    public int inputWidth(int layer) {
        return reference.layers().get(layer).inputs();
    }

    /** The activation of layer l, e.g. {@code sigmoid}, {@code leaky_relu(0.1)}, {@code softmax}. */
    public String activation(int layer) {
        return reference.activations().get(layer).id();
    }

    public Loss loss() {
        return reference.lossFunction();
    }

    public Reduction reduction() {
        return reference.reduction();
    }

    /** Layer l's weights, live, row-major [out][in]. */
    public double[] weights(int layer) {
        return blocks.get(2 * layer).data();
    }

    /** Layer l's bias, live. */
    public double[] bias(int layer) {
        return blocks.get(2 * layer + 1).data();
    }

    /** The batch's inputs, one row per example (a copy). */
    public double[][] inputs() {
        return rows(batch.inputs());
    }

    /** The batch's targets, one row per example (a copy). */
    public double[][] targets() {
        return rows(batch.targets());
    }

    /** m, the number of examples. */
    public int batchSize() {
        return batch.size();
    }

    /** Block names in the order your gradients must come in: dense1.W, dense1.b, dense2.W, … */
    public List<String> blockNames() {
        return reference.blockNames();
    }

    List<ParameterBlock> blocks() {
        return blocks;
    }

    /** The reference implementation's loss at the current weights, for comparing yours against. */
    public double referenceLoss() {
        return reference.loss(batch);
    }

    @Override
    public String toString() {
        return source.toString();
    }

    private static double[][] rows(DMatrixRMaj m) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < m.numRows; i++) {
            double[] row = new double[m.numCols];
            System.arraycopy(m.data, i * m.numCols, row, 0, m.numCols);
            rows.add(row);
        }
        return rows.toArray(double[][]::new);
    }
}
