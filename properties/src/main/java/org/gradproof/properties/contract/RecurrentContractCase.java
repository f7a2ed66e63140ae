package org.gradproof.properties.contract;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.ParameterBlock;
import org.gradproof.io.DocumentNetworks;
import org.gradproof.io.LstmArchitecture;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.SequenceBatchDocument;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.LstmLayer;
import org.gradproof.nn.LstmState;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.SequenceBatch;
import org.gradproof.nn.Sequences;
import org.gradproof.properties.LstmCase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One recurrent network the {@link RecurrentGradientContract} asks your code to build and differentiate: a stack of
 * LSTM layers, a dense head, a loss, live weights, a batch of sequences and an initial state. Everything you read
 * from here is read <em>now</em>: the checker moves one weight (or input, or state) entry at a time, so call the
 * accessors inside every {@code loss} and {@code gradients} call rather than keeping what you read once.
 *
 * <h2>The model</h2>
 * Layer l = 0 … {@link #layers()} − 1 has {@link #cells()} cells and reads {@link #inputWidth(int) inputWidth(l)}
 * features per step: the sequence's {@link #features()} for l = 0, the cells of layer l − 1 above that. For each
 * sequence n of the batch, each step t = 0 … T − 1 and each gate q ∈ {i, f, g, o} (index 0, 1, 2, 3):
 * <pre>
 *   z_q = W_q·x_t + U_q·h_{t−1} + b_q
 *   i = σ(z_i)   f = σ(z_f)   g = tanh(z_g)   o = σ(z_o)          σ(z) = 1 / (1 + e^−z)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)
 * </pre>
 * where x_t is the layer's input at step t (the sequence's for layer 0, h_t of the layer below otherwise) and
 * (h_{−1}, c_{−1}) is the layer's {@linkplain #initialState() initial state} for that sequence (zero, or random
 * and nonzero some of the time). The head is dense with no activation: ŷ = V·h + v on the top layer's h at the steps
 * it {@linkplain #headReads(int) reads} — the last step only, or every step ({@link #everyStep()}).
 *
 * <h2>The loss</h2>
 * One row r per (step the head reads, sequence): R = {@link #lossRows()} rows (m, or T·m for an every-step head),
 * K = {@link #outputs()} outputs, and with {@link Reduction#MEAN} the loss is the mean over the rows,
 * L = (1/R) Σ_r ℓ(ŷ_r, y_r), where ℓ is {@link #loss()}:
 * <ul>
 *   <li>{@link Loss#MSE}: ℓ = (1/K) Σ_j (ŷ_j − y_j)², on 2 real targets;</li>
 *   <li>{@link Loss#SOFTMAX_CROSS_ENTROPY} on the logits ŷ: ℓ = log Σ_k e^{ŷ_k} − Σ_j y_j ŷ_j, on 3 one-hot
 *   targets.</li>
 * </ul>
 *
 * <h2>Layouts</h2>
 * Weights are row-major [out][in]: {@code inputWeights(l, q)[k * inputWidth(l) + j]} is W_q[k][j] (cells ×
 * inputWidth(l)), {@code recurrentWeights(l, q)[k * cells() + j]} is U_q[k][j] (cells × cells), {@code bias(l, q)[k]}
 * is b_q[k]; {@code headWeights()[k * cells() + j]} is V[k][j] (outputs × cells), {@code headBias()[k]} is v[k].
 * Gradients come in {@link #blockNames()} order, the reference {@link Lstm}'s: per layer
 * {@code lstmN.W_i, W_f, W_g, W_o, U_i, U_f, U_g, U_o, b_i, b_f, b_g, b_o}, then {@code head.W, head.b}; each array in
 * the layout of its block. Inputs are [seq][batch][features], the initial state [layers][2][batch][cells] with
 * [l][0] = h and [l][1] = c, as in {@link SequenceBatch} and {@link LstmState}.
 *
 * <h2>As data</h2>
 * A failing case is written as interchange JSON (an LSTM {@code model.json} with the gates separate, a sequence
 * {@code batch.json} with the initial state); {@link #fromJson(Path, Path)} rebuilds it bit for bit.
 */
public final class RecurrentContractCase {

    /** The gates in block order: i (input), f (forget), g (cell candidate), o (output); gate q is index q here. */
    public static final List<String> GATES = LstmLayer.GATES;

    private final String description;
    private final Lstm reference;
    private final Loss loss;
    private final List<ParameterBlock> weights;
    private final double[][] x;
    private final double[][][] state;
    private final double[][][] targets;
    private final int cells;
    private final int steps;
    private final int batchSize;

    RecurrentContractCase(LstmCase source) {
        this(ownWeights(source).network(), source.classifier() ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.MSE,
                source.batch(), source.state(), describe(source));
    }

    private static LstmCase ownWeights(LstmCase source) {
        if (source.sharedCell()) {
            throw new IllegalArgumentException("a contract case has a weight set per layer: sharedCell must be false");
        }
        return source;
    }

    private RecurrentContractCase(Lstm reference, Loss loss, SequenceBatch batch, LstmState s, String description) {
        this.description = description;
        this.reference = reference;
        this.loss = loss;
        this.weights = reference.parameterBlocks();
        this.cells = reference.layers().get(0).cells();
        this.steps = batch.steps();
        this.batchSize = batch.size();
        List<DMatrixRMaj> xs = batch.inputs();
        this.x = new double[xs.size()][];
        for (int t = 0; t < x.length; t++) {
            x[t] = xs.get(t).data.clone();
        }
        this.state = new double[s.layers()][][];
        for (int l = 0; l < state.length; l++) {
            state[l] = new double[][] {s.hidden(l).data.clone(), s.cell(l).data.clone()};
        }
        DMatrixRMaj y = batch.targets();
        int m = batch.size();
        this.targets = new double[y.numRows / m][m][];
        for (int r = 0; r < y.numRows; r++) {
            targets[r / m][r % m] = Arrays.copyOfRange(y.data, r * y.numCols, (r + 1) * y.numCols);
        }
    }

    /**
     * The case in a {@code gradproof-model} document of LSTM layers and a sequence {@code gradproof-batch} document, such
     * as the ones a failing contract writes; weights, inputs, targets and initial state are read back bit for bit. The
     * model must be one the contract describes: every layer with the same cells, an identity head, {@code mse} or
     * {@code softmax_cross_entropy} with the {@code mean} reduction, no loss scale.
     *
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if a document is not valid (the message names the file and the JSON path), the
     *                                  batch does not fit the model, or the model is not a contract's
     */
    public static RecurrentContractCase fromJson(Path model, Path batch) throws IOException {
        LstmModelDocument document = LstmModelDocument.read(model);
        LstmArchitecture a = document.architecture();
        String problem = a.cells().stream().distinct().count() > 1 ? "every layer must have the same cells, got "
                + a.cells()
                : !a.activation().equals("identity") ? "the head's activation must be identity, got " + a.activation()
                : a.loss() != Loss.MSE && a.loss() != Loss.SOFTMAX_CROSS_ENTROPY ? "the loss must be mse or "
                + "softmax_cross_entropy, got " + a.loss().id()
                : a.reduction() != Reduction.MEAN ? "the reduction must be mean, got " + a.reduction().id()
                : document.lossScale() != 1 ? "a contract case has no loss scale (1), got " + document.lossScale()
                : null;
        if (problem != null) {
            throw new IllegalArgumentException(model + ": not a recurrent contract case: " + problem);
        }
        SequenceBatchDocument sequences = SequenceBatchDocument.read(batch).requireFits(a);
        Lstm network = DocumentNetworks.network(document);
        int layers = a.cells().size();
        int m = sequences.batch().size();
        double[][][][] initial = sequences.hasInitialState() ? sequences.initialState()
                : new double[layers][2][m][a.cells().get(0)];
        return new RecurrentContractCase(network, a.loss(), sequences.batch(),
                LstmState.of(initial, layers, m, a.cells().get(0)), "recurrent case from " + model + " and " + batch
                + " (" + network.describe() + ", T = " + sequences.batch().steps() + ", batch " + m + ")");
    }

    /** The number of stacked LSTM layers. */
    public int layers() {
        return reference.layers().size();
    }

    /** Cells per layer (the same in every layer). */
    public int cells() {
        return cells;
    }

    /** Features per step of the sequences. */
    public int features() {
        return reference.inputs();
    }

    /** Inputs per step of layer l: {@link #features()} for l = 0, else {@link #cells()}. */
    public int inputWidth(int layer) {
        requireLayer(layer);
        return layer == 0 ? features() : cells();
    }

    /** T, the steps of every sequence. */
    public int steps() {
        return steps;
    }

    /** m, the sequences in the batch. */
    public int batchSize() {
        return batchSize;
    }

    /** K, the head's outputs: in generated cases 2 for MSE, 3 for softmax cross-entropy. */
    public int outputs() {
        return reference.head().outputs();
    }

    /** Whether the head reads every step (else only the last). */
    public boolean everyStep() {
        return reference.placement() == Lstm.HeadPlacement.EVERY_STEP;
    }

    /** Whether the head reads step t: every t for an every-step head, else t = T − 1 only. */
    public boolean headReads(int t) {
        requireStep(t);
        return everyStep() || t == steps() - 1;
    }

    /** {@link Loss#MSE} or {@link Loss#SOFTMAX_CROSS_ENTROPY} (on the logits). */
    public Loss loss() {
        return loss;
    }

    /** {@link Reduction#MEAN}: the loss is the mean over the {@link #lossRows()} rows. */
    public Reduction reduction() {
        return Reduction.MEAN;
    }

    /** R, the rows the loss averages over: m for a last-step head, T·m for an every-step head. */
    public int lossRows() {
        return everyStep() ? steps() * batchSize() : batchSize();
    }

    /** W_q of layer l, live, cells × inputWidth(l) row-major; q indexes {@link #GATES}. */
    public double[] inputWeights(int layer, int gate) {
        return weights.get(blockIndex(layer, 0, gate)).data();
    }

    /** U_q of layer l, live, cells × cells row-major. */
    public double[] recurrentWeights(int layer, int gate) {
        return weights.get(blockIndex(layer, 1, gate)).data();
    }

    /** b_q of layer l, live, cells entries. */
    public double[] bias(int layer, int gate) {
        return weights.get(blockIndex(layer, 2, gate)).data();
    }

    /** V, the head's weights, live, outputs × cells row-major. */
    public double[] headWeights() {
        return weights.get(12 * layers()).data();
    }

    /** v, the head's bias, live, outputs entries. */
    public double[] headBias() {
        return weights.get(12 * layers() + 1).data();
    }

    /** The sequences' inputs now, [seq][batch][features] (a copy). */
    public double[][][] inputs() {
        double[][][] copy = new double[steps()][batchSize()][];
        for (int t = 0; t < steps(); t++) {
            for (int n = 0; n < batchSize(); n++) {
                copy[t][n] = Arrays.copyOfRange(x[t], n * features(), (n + 1) * features());
            }
        }
        return copy;
    }

    /** The initial state now, [layers][2][batch][cells], [l][0] = h and [l][1] = c (a copy). */
    public double[][][][] initialState() {
        double[][][][] copy = new double[layers()][2][batchSize()][];
        for (int l = 0; l < layers(); l++) {
            for (int s = 0; s < 2; s++) {
                for (int n = 0; n < batchSize(); n++) {
                    copy[l][s][n] = Arrays.copyOfRange(state[l][s], n * cells(), (n + 1) * cells());
                }
            }
        }
        return copy;
    }

    /** The targets at step t, [batch][outputs] (a copy); only for a step the head {@linkplain #headReads reads}. */
    public double[][] targets(int t) {
        if (!headReads(t)) {
            throw new IllegalArgumentException("targets(" + t + "): the head reads the last step only (t = "
                    + (steps() - 1) + "); see headReads(t)");
        }
        double[][] at = targets[everyStep() ? t : 0];
        double[][] copy = new double[at.length][];
        for (int n = 0; n < at.length; n++) {
            copy[n] = at[n].clone();
        }
        return copy;
    }

    /** Block names in the order your weight gradients must come in: lstm1.W_i … lstm1.b_o, lstm2.W_i …, head.W, head.b. */
    public List<String> blockNames() {
        return weights.stream().map(ParameterBlock::name).toList();
    }

    /** The reference {@link Lstm}'s loss at the current weights, inputs and initial state. */
    public double referenceLoss() {
        return reference.loss(data());
    }

    /** The live weight blocks, in {@link #blockNames()} order. */
    List<ParameterBlock> weightBlocks() {
        return weights;
    }

    /** The live input steps, {@code x[t=k]} (batch × features), tagged with their step so the checker localises in time. */
    List<ParameterBlock> inputBlocks() {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (int t = 0; t < steps(); t++) {
            blocks.add(new ParameterBlock("x[t=" + t + "]", x[t], batchSize(), features()).atTimeStep(t));
        }
        return blocks;
    }

    /** The live initial state, {@code h0.lstmN} and {@code c0.lstmN} per layer (batch × cells). */
    List<ParameterBlock> stateBlocks() {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (int l = 0; l < layers(); l++) {
            blocks.add(new ParameterBlock("h0.lstm" + (l + 1), state[l][0], batchSize(), cells()));
            blocks.add(new ParameterBlock("c0.lstm" + (l + 1), state[l][1], batchSize(), cells()));
        }
        return blocks;
    }

    @Override
    public String toString() {
        return description;
    }

    /** The reference network, live: its blocks are the case's weights. */
    Lstm reference() {
        return reference;
    }

    /** The case's architecture, as an LSTM model document states it. */
    LstmArchitecture architecture() {
        return new LstmArchitecture(features(), java.util.Collections.nCopies(layers(), cells),
                reference.placement(), outputs(), "identity", loss, Reduction.MEAN);
    }

    /** The sequences, targets and initial state now, as the reference reads them. */
    Sequences data() {
        return new Sequences(sequenceBatch(), LstmState.of(initialState(), layers(), batchSize(), cells()));
    }

    /** The sequences and targets now, as the reference reads them. */
    SequenceBatch sequenceBatch() {
        return everyStep() ? SequenceBatch.everyStep(inputs(), targets) : SequenceBatch.lastStep(inputs(), targets[0]);
    }

    /** How a case built from {@code s} prints, without building it (QuickTheories describes every candidate). */
    static String describe(LstmCase s) {
        int outputs = s.classifier() ? 3 : 2;
        return "recurrent case[" + s.inputs() + " input" + (s.inputs() == 1 ? "" : "s") + ", " + s.layers()
                + " layer" + (s.layers() == 1 ? "" : "s") + " x " + s.cells() + " cell" + (s.cells() == 1 ? "" : "s")
                + ", T = " + s.steps() + ", batch " + s.batchSize() + ", " + (s.everyStep() ? "every-step"
                : "last-step") + " head " + outputs + " " + (s.classifier() ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.MSE)
                .id() + "/" + Reduction.MEAN.id() + ", " + (s.stateScale() == 0 ? "zero initial state"
                : "initial state ±" + s.stateScale()) + (s.weightGain() == 1 ? "" : ", weight gain " + s.weightGain())
                + ", seeds " + s.weightSeed() + "/" + s.dataSeed() + "]";
    }

    private int blockIndex(int layer, int kind, int gate) {
        requireLayer(layer);
        if (gate < 0 || gate > 3) {
            throw new IllegalArgumentException("gate " + gate + " out of range: gates are 0..3 for " + GATES);
        }
        return 12 * layer + 4 * kind + gate;
    }

    private void requireLayer(int layer) {
        if (layer < 0 || layer >= layers()) {
            throw new IllegalArgumentException("layer " + layer + " out of range: the stack has " + layers()
                    + " layer(s), 0.." + (layers() - 1));
        }
    }

    private void requireStep(int t) {
        if (t < 0 || t >= steps()) {
            throw new IllegalArgumentException("step " + t + " out of range: the sequences have T = " + steps()
                    + " steps, 0.." + (steps() - 1));
        }
    }
}
