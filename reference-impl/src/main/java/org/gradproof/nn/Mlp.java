package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.BlockFunction;
import org.gradproof.check.BlockFunction.KnownFactor;
import org.gradproof.check.ParameterBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A multi-layer perceptron: dense layers {@code dense1 … denseL}, each followed by its activation, then a loss.
 *
 * <pre>{@code
 * Mlp net = Mlp.builder(2).dense(3, "sigmoid").dense(1, "sigmoid")
 *         .loss(Loss.BINARY_CROSS_ENTROPY, Reduction.MEAN).weights(Initializer.uniform(1)).seed(7).build();
 * Gradients g = net.gradients(batch);                       // backprop, by hand
 * GradientReport r = GradientCheck.check(net.objective(batch)); // and its proof
 * }</pre>
 *
 * <p>Forward: A₀ = X; Z_l = A_{l−1}·W_lᵀ + 1·b_lᵀ; A_l = φ_l(Z_l); L = loss(A_L, Y).
 * Backward: δA_L = ∂L/∂A_L; δZ_l = φ_l'(Z_l) applied to δA_l; dW_l = δZ_lᵀ·A_{l−1}; db_l = 1ᵀ·δZ_l;
 * δA_{l−1} = δZ_l·W_l.
 *
 * <p>The parameters live in the layers; {@link #parameterBlocks()} exposes them by name, {@link #parameters()} as one
 * flat copy in block order ({@code dense1.W, dense1.b, dense2.W, …}, each row-major).
 */
public final class Mlp implements Model<Batch> {

    private final int inputs;
    private final List<Dense> layers;
    private final List<Activation> activations;
    private final Loss loss;
    private final Reduction reduction;

    private Mlp(int inputs, List<Dense> layers, List<Activation> activations, Loss loss, Reduction reduction) {
        this.inputs = inputs;
        this.layers = List.copyOf(layers);
        this.activations = List.copyOf(activations);
        this.loss = loss;
        this.reduction = reduction;
    }

    /** Starts a network that takes {@code inputs} features per example. */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /**
     * The forward pass's intermediate values, layer by layer: inputs A_{l−1} (A_0 = X), pre-activations
     * Z_l = A_{l−1}·W_lᵀ + b_l and activations A_l = φ_l(Z_l), each batch × width.
     */
    public record Trace(List<DMatrixRMaj> layerInputs, List<DMatrixRMaj> preActivations, List<DMatrixRMaj> outputs) {
        /** A_L, the network's output. */
        public DMatrixRMaj output() {
            return outputs.get(outputs.size() - 1);
        }
    }

    /** The forward pass on inputs X (batch × features), with every intermediate value kept. */
    public Trace trace(DMatrixRMaj x) {
        Shapes.require("inputs", x, x.numRows, inputs, "batch x " + inputs + ", the input width of dense1");
        return run(x);
    }

    Trace run(DMatrixRMaj x) {
        List<DMatrixRMaj> ins = new ArrayList<>();
        List<DMatrixRMaj> zs = new ArrayList<>();
        List<DMatrixRMaj> as = new ArrayList<>();
        DMatrixRMaj a = x;
        for (int l = 0; l < layers.size(); l++) {
            ins.add(a);
            DMatrixRMaj z = layers.get(l).forward(a);
            a = activations.get(l).forward(z);
            zs.add(z);
            as.add(a);
        }
        return new Trace(ins, zs, as);
    }

    /** The network's output A_L for inputs X (batch × features). */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        return trace(x).output();
    }

    /** L on the batch at the current parameters. */
    @Override
    public double loss(Batch batch) {
        requireFits(batch);
        return loss.value(run(batch.inputs()).output(), batch.targets(), reduction);
    }

    /** Loss and gradients on the batch at the current parameters, freshly computed. */
    @Override
    public Gradients gradients(Batch batch) {
        requireFits(batch);
        DMatrixRMaj targets = batch.targets();
        Trace t = run(batch.inputs());
        double value = loss.value(t.output(), targets, reduction);
        DMatrixRMaj gradA = loss.gradient(t.output(), targets, reduction);
        List<DMatrixRMaj> gradW = new ArrayList<>();
        List<DMatrixRMaj> gradB = new ArrayList<>();
        for (Dense layer : layers) {
            gradW.add(new DMatrixRMaj(layer.outputs(), layer.inputs()));
            gradB.add(new DMatrixRMaj(1, layer.outputs()));
        }
        for (int l = layers.size() - 1; l >= 0; l--) {
            DMatrixRMaj gradZ = activations.get(l).backward(t.preActivations().get(l), t.outputs().get(l), gradA);
            gradA = layers.get(l).backward(t.layerInputs().get(l), gradZ, gradW.get(l), gradB.get(l));
        }
        double[][] blocks = new double[2 * layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            blocks[2 * l] = gradW.get(l).data;
            blocks[2 * l + 1] = gradB.get(l).data;
        }
        return new Gradients(value, blockNames(), blocks, gradA);
    }

    /**
     * A first-order bound S of the rounding error of {@link #loss(Batch)}: ε · S bounds it, with
     * S = Σ_l [ |δA_l| · |A_l| + |δZ_l| · (|A_{l−1}| · |W_l|ᵀ + |b_l|) ] + |δA_L| · |Y| (sums over all entries, δ the
     * loss gradients; the last term only for losses of the residual ŷ − y, whose subtraction rounds at ε · |y| — a
     * cross-entropy takes its targets as exact weights, and −y/p there is not a rounding). Large when the loss is
     * computed through cancellation: a small residual of large outputs, or a saturated unit whose output rounds near 1
     * (its δA is then large next to its own tiny effect).
     */
    public double roundingScale(Batch batch) {
        requireFits(batch);
        DMatrixRMaj targets = batch.targets();
        Trace t = run(batch.inputs());
        DMatrixRMaj gradA = loss.gradient(t.output(), targets, reduction);
        double scale = loss.takesResiduals() ? dotOfAbs(gradA, targets) : 0;
        for (int l = layers.size() - 1; l >= 0; l--) {
            Dense layer = layers.get(l);
            DMatrixRMaj gradZ = activations.get(l).backward(t.preActivations().get(l), t.outputs().get(l), gradA);
            scale += dotOfAbs(gradA, t.outputs().get(l));
            DMatrixRMaj magnitude = new DMatrixRMaj(gradZ.numRows, gradZ.numCols);
            org.ejml.dense.row.CommonOps_DDRM.multTransB(abs(t.layerInputs().get(l)), abs(layer.weights()), magnitude);
            for (int n = 0; n < magnitude.numRows; n++) {
                for (int j = 0; j < magnitude.numCols; j++) {
                    magnitude.data[n * magnitude.numCols + j] += Math.abs(layer.bias().data[j]);
                }
            }
            scale += dotOfAbs(gradZ, magnitude);
            gradA = layer.backward(t.layerInputs().get(l), gradZ,
                    new DMatrixRMaj(layer.outputs(), layer.inputs()), new DMatrixRMaj(1, layer.outputs()));
        }
        return scale;
    }

    private static double dotOfAbs(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            sum += Math.abs(a.data[i] * b.data[i]);
        }
        return sum;
    }

    private static DMatrixRMaj abs(DMatrixRMaj m) {
        DMatrixRMaj a = m.copy();
        for (int i = 0; i < a.getNumElements(); i++) {
            a.data[i] = Math.abs(a.data[i]);
        }
        return a;
    }

    /** The live, named parameter blocks: {@code dense1.W} (out × in), {@code dense1.b} (out), … */
    @Override
    public List<ParameterBlock> parameterBlocks() {
        return layers.stream().flatMap(l -> l.blocks().stream()).toList();
    }

    /** The number of parameters. */
    public int parameterCount() {
        return parameterBlocks().stream().mapToInt(ParameterBlock::size).sum();
    }

    /** All parameters, one flat copy in block order. */
    public double[] parameters() {
        double[] flat = new double[parameterCount()];
        int offset = 0;
        for (ParameterBlock b : parameterBlocks()) {
            System.arraycopy(b.data(), 0, flat, offset, b.size());
            offset += b.size();
        }
        return flat;
    }

    /** Overwrites all parameters from one flat array in block order. */
    public void setParameters(double[] flat) {
        if (flat == null || flat.length != parameterCount()) {
            throw new IllegalArgumentException("parameters: expected " + parameterCount() + " values (blocks "
                    + parameterBlocks() + "), got " + (flat == null ? "null" : flat.length));
        }
        int offset = 0;
        for (ParameterBlock b : parameterBlocks()) {
            for (int k = 0; k < b.size(); k++) {
                if (!Double.isFinite(flat[offset + k])) {
                    throw new IllegalArgumentException("parameters[" + (offset + k) + "] (" + b.label(k) + ") is "
                            + flat[offset + k] + ": parameters must be finite");
                }
            }
            offset += b.size();
        }
        offset = 0;
        for (ParameterBlock b : parameterBlocks()) {
            System.arraycopy(flat, offset, b.data(), 0, b.size());
            offset += b.size();
        }
    }

    /** The loss on this batch as a function of the live named parameters, for {@code GradientCheck}. */
    @Override
    public BlockFunction objective(Batch batch) {
        requireFits(batch);
        return new MlpObjective(this, batch);
    }

    /** The batch size m, and the number of output units when there is more than one. */
    @Override
    public List<KnownFactor> knownFactors(Batch batch) {
        List<KnownFactor> factors = new ArrayList<>();
        factors.add(new KnownFactor("the batch size m", batch.size()));
        if (outputs() > 1) {
            factors.add(new KnownFactor("the number of output units", outputs()));
        }
        return factors;
    }

    /**
     * The loss on this batch as a function of the batch's inputs, with the weights fixed: one block {@code inputs}
     * (batch × features, a copy the checker may perturb) and the gradient dL/dX. For checking input gradients, and
     * for optimising an input against a trained network.
     */
    public BlockFunction inputObjective(Batch batch) {
        requireFits(batch);
        DMatrixRMaj x = batch.inputs();
        DMatrixRMaj y = batch.targets();
        List<ParameterBlock> blocks = List.of(new ParameterBlock("inputs", x.data, x.numRows, x.numCols));
        return new BlockFunction() {
            @Override
            public List<ParameterBlock> blocks() {
                return blocks;
            }

            @Override
            public double value() {
                return loss(Batch.of(x, y));
            }

            @Override
            public double[][] gradient() {
                return new double[][] {gradients(Batch.of(x, y)).inputGradient().data};
            }

            @Override
            public String description() {
                return describe() + ", as a function of its " + x.numRows + "x" + x.numCols + " inputs";
            }
        };
    }

    /** A deep copy with the same parameters. */
    public Mlp copy() {
        List<Dense> copies = new ArrayList<>();
        for (Dense layer : layers) {
            Dense c = new Dense(layer.name(), layer.inputs(), layer.outputs());
            c.weights().setTo(layer.weights());
            c.bias().setTo(layer.bias());
            copies.add(c);
        }
        return new Mlp(inputs, copies, activations, loss, reduction);
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    public List<Dense> layers() {
        return layers;
    }

    public List<Activation> activations() {
        return activations;
    }

    public Loss lossFunction() {
        return loss;
    }

    public Reduction reduction() {
        return reduction;
    }

    /** e.g. {@code mlp 2-3-1 (sigmoid, sigmoid), bce/mean}. */
    @Override
    public String describe() {
        String widths = inputs + "-" + layers.stream().map(l -> Integer.toString(l.outputs()))
                .collect(Collectors.joining("-"));
        String acts = activations.stream().map(Activation::id).collect(Collectors.joining(", "));
        return "mlp " + widths + " (" + acts + "), " + loss.id() + "/" + reduction.id();
    }

    @Override
    public String toString() {
        return describe();
    }

    private void requireFits(Batch batch) {
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        if (batch.inputWidth() != inputs) {
            throw new IllegalArgumentException("batch inputs: expected " + batch.size() + "x" + inputs
                    + " (batch x the input width of dense1.W, which is " + outputsOf(0) + "x" + inputs + "), got "
                    + batch.size() + "x" + batch.inputWidth());
        }
        if (batch.targetWidth() != outputs()) {
            throw new IllegalArgumentException("batch targets: expected " + batch.size() + "x" + outputs()
                    + " (batch x the output width of " + layers.get(layers.size() - 1).name() + "), got "
                    + batch.size() + "x" + batch.targetWidth());
        }
    }

    private int outputsOf(int layer) {
        return layers.get(layer).outputs();
    }

    /** Builds and initialises an {@link Mlp}; validates widths, activations and the output/loss pairing. */
    public static final class Builder {
        private final int inputs;
        private final List<Integer> widths = new ArrayList<>();
        private final List<Activation> activations = new ArrayList<>();
        private Loss loss;
        private Reduction reduction = Reduction.MEAN;
        private Initializer weights = Initializer.glorotUniform(1);
        private Initializer biases = Initializer.zeros();
        private long seed;

        private Builder(int inputs) {
            if (inputs < 1) {
                throw new IllegalArgumentException("inputs: the input width must be at least 1, got " + inputs);
            }
            this.inputs = inputs;
        }

        /** Adds a dense layer of {@code units} outputs followed by {@code activation}. */
        public Builder dense(int units, Activation activation) {
            String name = "dense" + (widths.size() + 1);
            if (units < 1) {
                throw new IllegalArgumentException(name + ": width must be at least 1, got " + units);
            }
            if (activation == null) {
                throw new IllegalArgumentException(name + ": activation must not be null");
            }
            if (activation == Softmax.INSTANCE && units == 1) {
                throw new IllegalArgumentException(name + ": softmax over a single unit is the constant 1; "
                        + "give it at least 2 units or use sigmoid");
            }
            widths.add(units);
            activations.add(activation);
            return this;
        }

        /** Adds a dense layer with an activation by name, see {@link Activation#named(String)}. */
        public Builder dense(int units, String activation) {
            return dense(units, Activation.named(activation));
        }

        public Builder loss(Loss loss, Reduction reduction) {
            if (loss == null || reduction == null) {
                throw new IllegalArgumentException("loss and reduction must not be null");
            }
            this.loss = loss;
            this.reduction = reduction;
            return this;
        }

        /** How weights are drawn (default Glorot uniform). */
        public Builder weights(Initializer initializer) {
            this.weights = java.util.Objects.requireNonNull(initializer, "weights initializer");
            return this;
        }

        /** How biases are drawn (default zeros). */
        public Builder biases(Initializer initializer) {
            this.biases = java.util.Objects.requireNonNull(initializer, "bias initializer");
            return this;
        }

        /** The seed of the initialisation; the same seed gives the same parameters. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Mlp build() {
            if (widths.isEmpty()) {
                throw new IllegalArgumentException("the network has no layers: add at least one dense(...)");
            }
            if (loss == null) {
                throw new IllegalArgumentException("no loss: call loss(Loss, Reduction)");
            }
            String problem = loss.pairingProblem(activations.get(activations.size() - 1));
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            SplittableRandom random = new SplittableRandom(seed);
            List<Dense> layers = new ArrayList<>();
            int in = inputs;
            for (int l = 0; l < widths.size(); l++) {
                Dense layer = new Dense("dense" + (l + 1), in, widths.get(l));
                weights.fill(layer.weights(), in, widths.get(l), random);
                biases.fill(layer.bias(), in, widths.get(l), random);
                layers.add(layer);
                in = widths.get(l);
            }
            return new Mlp(inputs, layers, activations, loss, reduction);
        }
    }
}
