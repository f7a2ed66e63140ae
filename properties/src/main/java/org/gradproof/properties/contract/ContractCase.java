package org.gradproof.properties.contract;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.ParameterBlock;
import org.gradproof.io.BatchDocument;
import org.gradproof.io.DocumentNetworks;
import org.gradproof.io.ModelDocument;
import org.gradproof.nn.Activation;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.gradproof.properties.NetworkCase;

import java.io.IOException;
import java.nio.file.Path;
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
 *
 * <p>A failing case is written as interchange JSON ({@code model.json}, {@code batch.json}); {@link #fromJson(Path,
 * Path)} rebuilds it bit for bit, e.g. to step through your backprop in a debugger:
 * <pre>{@code
 * GradientContract.forSubject(new MyNetwork())
 *         .check(ContractCase.fromJson(Path.of("model.json"), Path.of("batch.json")));
 * }</pre>
 */
public final class ContractCase {

    private final String description;
    private final Mlp reference;
    private final Batch batch;
    private final List<ParameterBlock> blocks;

    ContractCase(NetworkCase source) {
        this(source.network(), source.batch(), source.toString());
    }

    private ContractCase(Mlp reference, Batch batch, String description) {
        this.description = description;
        this.reference = reference;
        this.batch = batch;
        this.blocks = reference.parameterBlocks();
    }

    /**
     * The case of a network (copied: its weights are not touched) on a batch, e.g. one you built by hand to debug.
     *
     * @throws IllegalArgumentException if the batch does not fit the network; the message names both shapes
     */
    public static ContractCase of(Mlp network, Batch batch) {
        Mlp copy = network.copy();
        copy.objective(batch); // throws unless the batch fits the network, naming both shapes
        return new ContractCase(copy, batch, "case " + copy.describe() + ", batch " + batch.size());
    }

    /**
     * The case in a {@code gradproof-model} and a {@code gradproof-batch} document, such as the ones a failing contract
     * writes; the weights are read back bit for bit. The model's loss scale must be 1 (a contract's loss has none).
     *
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if a document is not valid (the message names the file and the JSON path), the
     *                                  batch does not fit the model, or the loss has a scale
     */
    public static ContractCase fromJson(Path model, Path batch) throws IOException {
        ModelDocument document = ModelDocument.read(model);
        if (document.lossScale() != 1) {
            throw new IllegalArgumentException(model + ": $.loss.scale: a contract case has no loss scale (1), got "
                    + document.lossScale());
        }
        Batch examples = document.architecture().requireFits(BatchDocument.read(batch), batch.toString());
        Mlp network = DocumentNetworks.network(document);
        return new ContractCase(network, examples, "case from " + model + " and " + batch + " ("
                + network.describe() + ", batch " + examples.size() + ")");
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

    /** The reference network, live: its blocks are the case's weights. */
    Mlp reference() {
        return reference;
    }

    Batch batch() {
        return batch;
    }

    /** The reference implementation's loss at the current weights, for comparing yours against. */
    public double referenceLoss() {
        return reference.loss(batch);
    }

    @Override
    public String toString() {
        return description;
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
