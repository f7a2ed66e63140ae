package org.gradproof.properties.contract;

import org.gradproof.check.DifferentiableLayer;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.LayerGradients;
import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.Activation;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The contract test kit for one layer: runs your layer's backward pass against its own forward pass on generated
 * shapes, batch sizes, parameters, inputs and upstream gradients ({@link GradientCheck#layer}), after checking that
 * its forward pass is the reference layer's. Plug in your dense layer, activation, softmax or LSTM cell:
 *
 * <pre>{@code
 * LayerContract.dense(c -> new MyDense(c.inputs(), c.outputs(), c.batch(),
 *         c.parameter("dense.W"), c.parameter("dense.b"))).verify();
 * LayerContract.activation("softmax", c -> new MySoftmax(c.batch(), c.inputs())).verify();
 * }</pre>
 *
 * Your layer's {@code parameters()} must hold the case's blocks in {@link LayerCase#parameterNames()} order, each of
 * its size (any names: the report uses the case's); it reads them in place, as the checker moves them. Also
 * {@link #timeDistributed} and {@link #lstmCell}. Sizes are drawn
 * from {@link #widths(int, int)} (inputs and outputs, or cells), batches from {@link #batchSizes(int, int)}, parameters
 * from U(−s, s) for s among {@link #weightScales(double...)}.
 *
 * <p>Like the network kits: reproducible (a fixed seed, printed; {@code -DQT_SEED} replays; {@link #explore()} draws a
 * new one); a failure is shrunk to the smallest layer that fails the same way — the same diagnosis on the same kinds of
 * blocks (weights, biases, inputs) — and written as {@code layer.json} under the counterexample directory, with the
 * line of Java that rebuilds it ({@link LayerCase#fromJson}). Immutable, validated settings.
 */
public final class LayerContract extends ContractSettings<LayerContract> {

    /** Cases per run by default. */
    public static final int DEFAULT_EXAMPLES = 200;
    /** The widest layer generated. */
    public static final int MAX_WIDTH = 8;
    /** The largest batch generated. */
    public static final int MAX_BATCH = 8;
    /** The largest weight scale. */
    public static final double MAX_WEIGHT_SCALE = 8;
    /** How close your forward pass must be to the reference's: relatively, or absolutely below 1. */
    static final double OUTPUT_TOLERANCE = 1e-9;

    /** Your layer, built for a case. */
    @FunctionalInterface
    public interface Subject {

        /**
         * Your layer for case {@code c}: of its kind and sizes, for its batch, with parameters set to
         * {@link LayerCase#parameter(String)} for each of {@link LayerCase#parameterNames()}, in that order.
         */
        DifferentiableLayer layer(LayerCase c);
    }

    private final Subject subject;
    private final LayerCase.Kind kind;
    private final String activation;
    private final IntRange widths;
    private final IntRange batch;
    private final List<Double> weightScales;

    private LayerContract(Subject subject, LayerCase.Kind kind, String activation, IntRange widths, IntRange batch,
                          List<Double> weightScales, RunSettings run) {
        super(run, DEFAULT_EXAMPLES);
        this.subject = subject;
        this.kind = kind;
        this.activation = activation;
        this.widths = widths;
        this.batch = batch;
        this.weightScales = weightScales;
    }

    /** A dense layer Z = X·Wᵀ + 1·bᵀ: widths 2–6, batch 1–4, scales 1, 0.1, 0.5, 2. */
    public static LayerContract dense(Subject subject) {
        return of(subject, LayerCase.Kind.DENSE, null);
    }

    /**
     * An activation by name, as {@link Activation#named} takes it ({@code sigmoid}, {@code tanh}, {@code relu},
     * {@code softmax}, {@code leaky_relu(0.1)} …), on inputs U(−3, 3): widths 2–6, batch 1–4.
     */
    public static LayerContract activation(String name, Subject subject) {
        try {
            Activation.named(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activation: " + e.getMessage(), e);
        }
        return of(subject, LayerCase.Kind.ACTIVATION, name);
    }

    /**
     * The dense layer applied to each of {@value LayerCase#STEPS} time steps, the input the steps stacked
     * ((steps · batch) × inputs): widths 2–6, batch 1–4 per step. Its dW and db must sum over the steps.
     */
    public static LayerContract timeDistributed(Subject subject) {
        return of(subject, LayerCase.Kind.TIME_DISTRIBUTED, null);
    }

    /** One step of an LSTM layer (output h_t then c_t): widths 2–6 (inputs and cells), batch 1–4. */
    public static LayerContract lstmCell(Subject subject) {
        return of(subject, LayerCase.Kind.LSTM_CELL, null);
    }

    private static LayerContract of(Subject subject, LayerCase.Kind kind, String activation) {
        return new LayerContract(Objects.requireNonNull(subject, "subject"), kind, activation, new IntRange(2, 6),
                new IntRange(1, 4), List.of(1.0, 0.1, 0.5, 2.0), RunSettings.defaults());
    }

    /**
     * Inputs and outputs (cells): 1 ≤ min ≤ max ≤ {@value #MAX_WIDTH} (default 2–6). A width of 1 makes blocks of one
     * entry, whose one wrong value always fits some factor k: keep min ≥ 2.
     */
    public LayerContract widths(int min, int max) {
        return new LayerContract(subject, kind, activation, IntRange.of("widths", min, max, 1, MAX_WIDTH), batch,
                weightScales, run);
    }

    /** Batch sizes: 1 ≤ min ≤ max ≤ {@value #MAX_BATCH} (default 1–4). */
    public LayerContract batchSizes(int min, int max) {
        return new LayerContract(subject, kind, activation, widths, IntRange.of("batchSizes", min, max, 1, MAX_BATCH),
                weightScales, run);
    }

    /** Parameters are U(−s, s) for s among these, each in (0, {@value #MAX_WEIGHT_SCALE}]; shrinking moves to the first. */
    public LayerContract weightScales(double... scales) {
        return new LayerContract(subject, kind, activation, widths, batch,
                SettingChecks.requirePositive("weightScales", MAX_WEIGHT_SCALE, scales), run);
    }

    /**
     * Runs the contract over {@link #exampleCount()} cases.
     *
     * @throws AssertionError describing the smallest case that fails the way the first failure did
     */
    public ContractSummary verify() {
        Gen<Integer> outputs = widths.values();
        Gen<Shape> shapes = widths.values().zip(outputs, batch.values(), Generate.pick(weightScales),
                longs().between(0, Long.MAX_VALUE), Shape::new);
        return ContractRun.verify(new Kit(), shapes, run.plan(DEFAULT_EXAMPLES), run.counterexamples());
    }

    /**
     * Checks one case: your forward pass against the reference's (if {@link #compareLossWithReference} is on, as by
     * default), then your backward pass against your forward pass.
     *
     * @return the checker's report, if the case passed or could not be decided
     * @throws AssertionError with the case and the report, if it failed; what your code throws is thrown
     */
    public GradientReport check(LayerCase c) {
        return CaseCheck.require(evaluate(c));
    }

    @Override
    public String toString() {
        return "LayerContract[" + (kind == LayerCase.Kind.ACTIVATION ? activation : kind) + ", widths " + widths
                + ", batchSizes " + batch + ", weightScales " + weightScales + ", " + run.describe(DEFAULT_EXAMPLES)
                + "]";
    }

    @Override
    LayerContract withRun(RunSettings other) {
        return new LayerContract(subject, kind, activation, widths, batch, weightScales, other);
    }

    /** A generated case: sizes, scale and seed (outputs equal inputs for an activation). */
    private record Shape(int inputs, int outputs, int batch, double scale, long seed) {
    }

    private LayerCase build(Shape s) {
        return LayerCase.of(kind, activation, s.inputs(), kind == LayerCase.Kind.ACTIVATION ? s.inputs() : s.outputs(),
                s.batch(), s.scale(), s.seed());
    }

    private CaseOutcome evaluate(LayerCase c) {
        String description = c.toString();
        try {
            DifferentiableLayer yours = new CaseNamed(subject.layer(c), c);
            List<ParameterBlock> inputs = c.inputBlocks();
            if (run.compareLossWithReference()) {
                String differs = outputDiffers(yours, c, inputs);
                if (differs != null) {
                    return CaseOutcome.lossDiffers(description, differs);
                }
            }
            return CaseOutcome.checked(description, GradientCheck.layer(yours, inputs, run.checkOptions()));
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return CaseOutcome.threw(description, e);
        }
    }

    /** Why your forward pass is not the reference's, or null if it is. */
    private static String outputDiffers(DifferentiableLayer yours, LayerCase c, List<ParameterBlock> inputs) {
        double[][] x = inputs.stream().map(b -> b.data().clone()).toArray(double[][]::new);
        double[] mine = yours.forward(x);
        double[] reference = c.reference().forward(x);
        if (mine == null || mine.length != reference.length) {
            return "your forward pass returned " + (mine == null ? "null" : mine.length + " outputs") + " but the "
                    + "reference's has " + reference.length + " for " + c;
        }
        for (int i = 0; i < mine.length; i++) {
            if (!(Math.abs(mine[i] - reference[i]) <= OUTPUT_TOLERANCE * Math.max(1, Math.abs(reference[i])))) {
                return "your forward pass gives output " + i + " = " + mine[i] + " but the reference's is "
                        + reference[i] + " for " + c + "; the forward pass must be right before its gradient can be "
                        + "(check the parameters' layout against LayerCase's, or call compareLossWithReference(false))";
            }
        }
        return null;
    }

    /**
     * Your layer with its parameter blocks named as the case names them (over your blocks' storage, which the checker
     * moves), after checking that there are as many as the case has, each of its size.
     */
    private static final class CaseNamed implements DifferentiableLayer {
        private final DifferentiableLayer layer;
        private final List<ParameterBlock> named = new ArrayList<>();
        private final String description;

        CaseNamed(DifferentiableLayer layer, LayerCase c) {
            if (layer == null) {
                throw new IllegalArgumentException("Subject.layer returned null for " + c);
            }
            List<ParameterBlock> own = layer.parameters();
            List<String> names = c.parameterNames();
            if (own == null || own.size() != names.size()) {
                throw new IllegalArgumentException("your layer's parameters() gave " + (own == null ? "null"
                        : own.size() + " blocks") + ", but the case has " + names.size() + ": " + names);
            }
            for (int i = 0; i < names.size(); i++) {
                ParameterBlock b = own.get(i);
                int expected = c.parameter(names.get(i)).length;
                if (b == null || b.size() != expected) {
                    throw new IllegalArgumentException("your layer's parameter block " + i + " ("
                            + (b == null ? "null" : b.name() + ", " + b.size() + " entries") + ") should be "
                            + names.get(i) + " with " + expected + " entries (shape "
                            + java.util.Arrays.toString(c.parameterShape(names.get(i))) + ")");
                }
                named.add(new ParameterBlock(names.get(i), b.data(), c.parameterShape(names.get(i))));
            }
            this.layer = layer;
            this.description = "your " + c;
        }

        @Override
        public List<ParameterBlock> parameters() {
            return named;
        }

        @Override
        public double[] forward(double[][] inputs) {
            return layer.forward(inputs);
        }

        @Override
        public LayerGradients backward(double[][] inputs, double[] upstream) {
            return layer.backward(inputs, upstream);
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** This contract as {@link ContractRun} sees it. */
    private final class Kit implements ContractKit<Shape, LayerCase> {

        @Override
        public String name() {
            return "LayerContract";
        }

        @Override
        public String subjectName() {
            return SubjectNames.of(subject);
        }

        @Override
        public String comparedValue() {
            return "forward pass";
        }

        @Override
        public boolean strict() {
            return run.strict();
        }

        @Override
        public String settings() {
            return LayerContract.this.toString();
        }

        @Override
        public LayerCase build(Shape description) {
            return LayerContract.this.build(description);
        }

        @Override
        public CaseOutcome evaluate(LayerCase c) {
            return LayerContract.this.evaluate(c);
        }

        @Override
        public LayerRoles layers(LayerCase c) {
            return new LayerRoles(List.of(c.layerName()), "the layer", "the layer");
        }

        @Override
        public Counterexample write(LayerCase c, Path directory) throws IOException {
            Files.writeString(directory.resolve("layer.json"), c.toJson(), StandardCharsets.UTF_8);
            String call = "contract.check(LayerCase.fromJson(Path.of(\"" + directory.resolve("layer.json").toString()
                    .replace("\\", "\\\\").replace("\"", "\\\"") + "\")));   // contract: this LayerContract";
            return new Counterexample(directory, List.of("layer.json"), call,
                    List.of("layer.json holds the layer's kind, sizes, scale and seed (which rebuild it) and every "
                            + "parameter and input value"));
        }
    }
}
