package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.BlockFunction;
import org.gradproof.check.BlockFunction.KnownFactor;
import org.gradproof.check.ParameterBlock;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A stack of LSTM layers ({@code lstm1 … lstmN}) with a dense head and a loss, on sequences in the axis order
 * [seq][batch][features]. The head reads either the top layer's last hidden state (sequence regression:
 * last time step → dense → MSE) or every step's (time-distributed: one batched multiply over T·batch rows, loss over
 * those T·batch rows). The initial state is [layers][2][batch][cells]; the final state is returned so a sequence can
 * be continued. With {@code sharedCell}, one cell's weights serve every layer, as {@code [cell] * n} does in
 * TensorFlow; its gradient is then the sum over the layers that use it.
 *
 * <pre>{@code
 * Lstm net = Lstm.builder(2).layers(3, 4).lastStepHead(1, "identity").loss(Loss.MSE, Reduction.MEAN).seed(1).build();
 * LstmGradients g = net.gradients(batch, LstmState.zeros(3, batch.size(), 4));
 * }</pre>
 *
 * <p>As a {@link Model}, its data are {@link Sequences} (the batch and the initial state together); each
 * {@code Model} method is its two-argument twin here.
 */
public final class Lstm implements Model<Sequences> {

    /** Where the head reads the top layer. */
    public enum HeadPlacement { LAST_STEP, EVERY_STEP }

    private final int inputs;
    private final List<LstmLayer> layers;
    private final Dense head;
    private final Activation headActivation;
    private final HeadPlacement placement;
    private final Loss loss;
    private final Reduction reduction;

    private Lstm(int inputs, List<LstmLayer> layers, Dense head, Activation headActivation, HeadPlacement placement,
                 Loss loss, Reduction reduction) {
        this.inputs = inputs;
        this.layers = List.copyOf(layers);
        this.head = head;
        this.headActivation = headActivation;
        this.placement = placement;
        this.loss = loss;
        this.reduction = reduction;
    }

    /** A deep copy with the same parameters; a cell shared by every layer stays one cell. */
    public Lstm copy() {
        java.util.Map<LstmLayer, LstmLayer> copies = new java.util.IdentityHashMap<>();
        List<LstmLayer> layerCopies = new ArrayList<>();
        for (LstmLayer layer : layers) {
            layerCopies.add(copies.computeIfAbsent(layer, LstmLayer::copy));
        }
        Dense headCopy = new Dense(head.name(), head.inputs(), head.outputs());
        headCopy.weights().setTo(head.weights());
        headCopy.bias().setTo(head.bias());
        return new Lstm(inputs, layerCopies, headCopy, headActivation, placement, loss, reduction);
    }

    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /** The forward pass of every layer and the head. */
    record Trace(List<LstmLayer.Trace> traces, DMatrixRMaj headInput, DMatrixRMaj z, DMatrixRMaj output) {
    }

    Trace run(SequenceBatch batch, LstmState state) {
        requireFits(batch, state);
        List<DMatrixRMaj> xs = batch.inputs();
        List<LstmLayer.Trace> traces = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            LstmLayer.Trace t = layers.get(l).forward(xs, state.hidden(l), state.cell(l));
            traces.add(t);
            xs = hidden(t);
        }
        DMatrixRMaj headInput = placement == HeadPlacement.LAST_STEP ? xs.get(xs.size() - 1) : SequenceBatch.stack(xs);
        DMatrixRMaj z = head.forward(headInput);
        return new Trace(traces, headInput, z, headActivation.forward(z));
    }

    /**
     * L with the forward pass resumed from {@code cached} (a trace at the same parameters, inputs and state except one
     * entry, since changed in place) at layer {@code level} and step {@code step}: the layers below it and the steps
     * before it cannot have changed. A change at step t of layer l's input (or in its initial state, t = 0) changes
     * h_t+1 … h_T of layer l and so the same steps of every layer above; a change in layer l's weights changes all of
     * its steps; {@code level} = the number of layers resumes at the head. The same operations in the same order as
     * {@link #loss}, so the same bits.
     */
    double lossResumed(Trace cached, List<DMatrixRMaj> inputs, LstmState state, int level, int step,
                       DMatrixRMaj targets) {
        DMatrixRMaj headInput = cached.headInput();
        if (level < layers.size()) {
            List<DMatrixRMaj> xs = level == 0 ? inputs : hidden(cached.traces().get(level - 1));
            for (int l = level; l < layers.size(); l++) {
                LstmLayer.Trace before = cached.traces().get(l);
                LstmLayer.Trace after = layers.get(l).forward(xs.subList(step, xs.size()),
                        step == 0 ? state.hidden(l) : before.hs().get(step),
                        step == 0 ? state.cell(l) : before.cs().get(step));
                List<DMatrixRMaj> hs = new ArrayList<>(before.hs().subList(1, step + 1));
                hs.addAll(hidden(after));
                xs = hs;
            }
            headInput = placement == HeadPlacement.LAST_STEP ? xs.get(xs.size() - 1) : SequenceBatch.stack(xs);
        }
        return loss.value(headActivation.forward(head.forward(headInput)), targets, reduction);
    }

    /** h_1 … h_T of a layer's run: the next layer's inputs. */
    private static List<DMatrixRMaj> hidden(LstmLayer.Trace t) {
        return t.hs().subList(1, t.hs().size());
    }

    /** L on the batch from {@code state}. */
    public double loss(SequenceBatch batch, LstmState state) {
        return loss.value(run(batch, state).output(), batch.targets(), reduction);
    }

    @Override
    public double loss(Sequences data) {
        return loss(data.batch(), data.state());
    }

    /** The head's outputs: batch × outputs (last step) or (T·batch) × outputs stacked by step (every step). */
    public DMatrixRMaj predict(SequenceBatch batch, LstmState state) {
        return run(batch, state).output();
    }

    /** The state after the last step, from which the sequence can be continued. */
    public LstmState finalState(SequenceBatch batch, LstmState state) {
        return finalState(run(batch, state));
    }

    private LstmState finalState(Trace r) {
        List<DMatrixRMaj> h = new ArrayList<>();
        List<DMatrixRMaj> c = new ArrayList<>();
        for (LstmLayer.Trace t : r.traces()) {
            h.add(t.hs().get(t.hs().size() - 1).copy());
            c.add(t.cs().get(t.cs().size() - 1).copy());
        }
        return new LstmState(h, c);
    }

    /** Loss and every gradient, by backpropagation through time, freshly computed. */
    public LstmGradients gradients(SequenceBatch batch, LstmState state) {
        Trace r = run(batch, state);
        DMatrixRMaj targets = batch.targets();
        double value = loss.value(r.output(), targets, reduction);
        DMatrixRMaj gradZ = headActivation.backward(r.z(), r.output(), loss.gradient(r.output(), targets, reduction));
        DMatrixRMaj headW = new DMatrixRMaj(head.outputs(), head.inputs());
        DMatrixRMaj headB = new DMatrixRMaj(1, head.outputs());
        DMatrixRMaj dHead = head.backward(r.headInput(), gradZ, headW, headB);

        int steps = batch.steps();
        int m = batch.size();
        List<DMatrixRMaj> dhs = new ArrayList<>();
        if (placement == HeadPlacement.LAST_STEP) {
            for (int t = 0; t < steps; t++) {
                dhs.add(t == steps - 1 ? dHead : new DMatrixRMaj(m, dHead.numCols));
            }
        } else {
            dhs.addAll(TimeDistributedDense.split(dHead, steps));
        }
        Map<LstmLayer, DMatrixRMaj[]> grads = new IdentityHashMap<>();
        double[][][][] dState = new double[layers.size()][2][][];
        for (int l = layers.size() - 1; l >= 0; l--) {
            LstmLayer layer = layers.get(l);
            DMatrixRMaj[] g = grads.computeIfAbsent(layer, LstmLayer::zeroGradients);
            DMatrixRMaj zeros = new DMatrixRMaj(m, layer.cells());
            LstmLayer.Backward back = layer.backward(r.traces().get(l), dhs, zeros, zeros, g);
            dState[l][0] = rows(back.dh0());
            dState[l][1] = rows(back.dc0());
            dhs = back.dxs();
        }
        List<double[]> blocks = new ArrayList<>();
        for (LstmLayer layer : uniqueLayers()) {
            for (DMatrixRMaj g : grads.get(layer)) {
                blocks.add(g.data);
            }
        }
        blocks.add(headW.data);
        blocks.add(headB.data);
        double[][][] dx = dhs.stream().map(Lstm::rows).toArray(double[][][]::new);
        return new LstmGradients(value, blockNames(), blocks.toArray(double[][]::new), dx, dState,
                finalState(r).toArray());
    }

    @Override
    public LstmGradients gradients(Sequences data) {
        return gradients(data.batch(), data.state());
    }

    /** The live parameter blocks: each distinct layer's 12 blocks, then head.W and head.b. */
    @Override
    public List<ParameterBlock> parameterBlocks() {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (LstmLayer layer : uniqueLayers()) {
            blocks.addAll(layer.blocks());
        }
        blocks.addAll(head.blocks());
        return blocks;
    }

    /**
     * The loss as a function of the parameters, of every input step {@code x[t=k]} (batch × features) and of the
     * initial state {@code h0.lstmN}, {@code c0.lstmN} (batch × cells), for the checker. Inputs and state are copied
     * into the objective. Each input step's block is {@linkplain ParameterBlock#atTimeStep tagged} with its step, so a
     * report localises a bug in time.
     */
    public BlockFunction objective(SequenceBatch batch, LstmState state) {
        requireFits(batch, state);
        return new LstmObjective(this, batch, state);
    }

    @Override
    public BlockFunction objective(Sequences data) {
        return objective(data.batch(), data.state());
    }

    /**
     * The batch size m; for T &gt; 1 also the number of time steps T and, for an every-step head, T·m (the rows of its
     * loss); and the head's outputs K when there is more than one.
     */
    @Override
    public List<KnownFactor> knownFactors(Sequences data) {
        int m = data.batch().size();
        int steps = data.batch().steps();
        List<KnownFactor> factors = new ArrayList<>(List.of(new KnownFactor("the batch size m", m)));
        if (steps > 1) {
            factors.add(new KnownFactor("the number of time steps T", steps));
            if (data.batch().perStep()) {
                factors.add(new KnownFactor("T·m, the rows of the every-step loss", steps * m));
            }
        }
        if (head.outputs() > 1) {
            factors.add(new KnownFactor("the number of output units", head.outputs()));
        }
        return factors;
    }

    /** Each layer object once, in stack order (a shared cell appears once). */
    List<LstmLayer> uniqueLayers() {
        return List.copyOf(new LinkedHashSet<>(layers));
    }

    public int inputs() {
        return inputs;
    }

    /** The layers in stack order (the same object repeated when the cell is shared). */
    public List<LstmLayer> layers() {
        return layers;
    }

    public Dense head() {
        return head;
    }

    public HeadPlacement placement() {
        return placement;
    }

    public boolean sharedCell() {
        return layers.size() > 1 && layers.get(0) == layers.get(1);
    }

    @Override
    public String describe() {
        return "lstm " + inputs + "-" + layers.stream().map(l -> Integer.toString(l.cells()))
                .reduce((a, b) -> a + "-" + b).orElse("") + (sharedCell() ? " (one shared cell)" : "") + ", "
                + (placement == HeadPlacement.LAST_STEP ? "last-step" : "every-step") + " head " + head.outputs()
                + " " + headActivation.id() + ", " + loss.id() + "/" + reduction.id();
    }

    @Override
    public String toString() {
        return describe();
    }

    void requireFits(SequenceBatch batch, LstmState state) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(state, "state");
        if (batch.features() != inputs) {
            throw new IllegalArgumentException("inputs: axis 2 (features) must have " + inputs + " entries, the input "
                    + "width of lstm1, got " + batch.features() + "; the axis order is [seq][batch][features] "
                    + "(a [batch][seq][features] array must be transposed)");
        }
        int outputs = head.outputs();
        if (batch.targetWidth() != outputs) {
            throw new IllegalArgumentException("targets: the last axis (outputs) must have " + outputs
                    + " entries, the head's outputs, got " + batch.targetWidth());
        }
        if (batch.perStep() != (placement == HeadPlacement.EVERY_STEP)) {
            throw new IllegalArgumentException("targets: the head reads " + (placement == HeadPlacement.LAST_STEP
                    ? "the last step, so targets are [batch][outputs]" : "every step, so targets are "
                    + "[seq][batch][outputs]") + ", got " + (batch.perStep() ? "[seq][batch][outputs]"
                    : "[batch][outputs]"));
        }
        if (state.layers() != layers.size()) {
            throw new IllegalArgumentException("initial state: axis 0 (layers) must have " + layers.size()
                    + " entries, got " + state.layers());
        }
        for (int l = 0; l < layers.size(); l++) {
            DMatrixRMaj h = state.hidden(l);
            if (h.numRows != batch.size()) {
                throw new IllegalArgumentException("initial state[" + l + "]: axis 2 (batch) has " + h.numRows
                        + " entries but the inputs have a batch of " + batch.size()
                        + " (axis 1 of [seq][batch][features])");
            }
            if (h.numCols != layers.get(l).cells()) {
                throw new IllegalArgumentException("initial state[" + l + "]: axis 3 (cells) must have "
                        + layers.get(l).cells() + " entries, the cells of " + layers.get(l).name() + ", got "
                        + h.numCols);
            }
        }
    }

    private static double[][] rows(DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, r[i], 0, m.numCols);
        }
        return r;
    }

    /** Builds and initialises an {@link Lstm}. */
    public static final class Builder {
        private final int inputs;
        private final List<Integer> cells = new ArrayList<>();
        private boolean shared;
        private int outputs = -1;
        private Activation headActivation = StandardActivation.IDENTITY;
        private HeadPlacement placement = HeadPlacement.LAST_STEP;
        private Loss loss = Loss.MSE;
        private Reduction reduction = Reduction.MEAN;
        private Initializer weights = Initializer.glorotUniform(1);
        private double forgetBias;
        private long seed;

        private Builder(int inputs) {
            if (inputs < 1) {
                throw new IllegalArgumentException("inputs: the input width must be at least 1, got " + inputs);
            }
            this.inputs = inputs;
        }

        /** Adds {@code count} layers of {@code cellsPerLayer} cells each. */
        public Builder layers(int count, int cellsPerLayer) {
            if (count < 1 || cellsPerLayer < 1) {
                throw new IllegalArgumentException("layers: need at least 1 layer of at least 1 cell, got " + count
                        + " of " + cellsPerLayer);
            }
            for (int i = 0; i < count; i++) {
                cells.add(cellsPerLayer);
            }
            return this;
        }

        /** One cell object for every layer ({@code [cell] * n}); needs inputs == cells. */
        public Builder sharedCell() {
            this.shared = true;
            return this;
        }

        /** A dense head on the top layer's last hidden state. */
        public Builder lastStepHead(int outputs, String activation) {
            return head(outputs, activation, HeadPlacement.LAST_STEP);
        }

        /** A time-distributed dense head on every step's hidden state. */
        public Builder everyStepHead(int outputs, String activation) {
            return head(outputs, activation, HeadPlacement.EVERY_STEP);
        }

        private Builder head(int outputs, String activation, HeadPlacement placement) {
            if (outputs < 1) {
                throw new IllegalArgumentException("head: outputs must be at least 1, got " + outputs);
            }
            Activation named = Activation.named(activation);
            if (named == Softmax.INSTANCE && outputs == 1) {
                throw new IllegalArgumentException("head: softmax over a single unit is the constant 1; "
                        + "give it at least 2 outputs or use sigmoid");
            }
            this.outputs = outputs;
            this.headActivation = named;
            this.placement = placement;
            return this;
        }

        public Builder loss(Loss loss, Reduction reduction) {
            this.loss = Objects.requireNonNull(loss, "loss");
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /** How W, U and the head are drawn (default Glorot uniform); biases start at 0. */
        public Builder weights(Initializer initializer) {
            this.weights = Objects.requireNonNull(initializer, "weights");
            return this;
        }

        /** The forget gate's initial bias (default 0; 1 is the common choice that lets memory flow at first). */
        public Builder forgetGateBias(double bias) {
            this.forgetBias = bias;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Lstm build() {
            if (cells.isEmpty()) {
                throw new IllegalArgumentException("the network has no LSTM layers: call layers(count, cells)");
            }
            if (outputs < 0) {
                throw new IllegalArgumentException("no head: call lastStepHead(...) or everyStepHead(...)");
            }
            String problem = loss.pairingProblem(headActivation);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (shared && cells.stream().anyMatch(c -> c != inputs)) {
                throw new IllegalArgumentException("sharedCell: one cell for every layer needs inputs == cells (the "
                        + "cell's W is cells x inputs and serves layers whose input is the previous layer's h), got "
                        + "inputs " + inputs + " and cells " + cells.get(0));
            }
            SplittableRandom random = new SplittableRandom(seed);
            List<LstmLayer> layers = new ArrayList<>();
            int in = inputs;
            for (int l = 0; l < cells.size(); l++) {
                if (shared && l > 0) {
                    layers.add(layers.get(0));
                    continue;
                }
                LstmLayer layer = new LstmLayer(shared ? "lstm" : "lstm" + (l + 1), in, cells.get(l));
                for (int q = 0; q < 4; q++) {
                    weights.fill(layer.inputWeights(q), in, cells.get(l), random);
                    weights.fill(layer.recurrentWeights(q), cells.get(l), cells.get(l), random);
                }
                java.util.Arrays.fill(layer.bias(1).data, forgetBias);
                layers.add(layer);
                in = cells.get(l);
            }
            Dense head = new Dense("head", in, outputs);
            weights.fill(head.weights(), in, outputs, random);
            return new Lstm(inputs, layers, head, headActivation, placement, loss, reduction);
        }
    }
}
