package org.gradproof.properties.contract;

import org.gradproof.check.CheckOptions;
import org.gradproof.check.GradientReport;
import org.gradproof.io.BatchDocument;
import org.gradproof.io.Layout;
import org.gradproof.io.ModelDocument;
import org.gradproof.nn.Activation;
import org.gradproof.nn.Reduction;
import org.gradproof.properties.ArchitectureSpace;
import org.gradproof.properties.Head;
import org.gradproof.properties.NetworkCase;
import org.gradproof.properties.NetworkGenerators;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;


/**
 * The contract test kit for dense networks: runs the property suite against <em>your</em> network code. It generates
 * random architectures (depth 2–4, widths 2–8, inputs 1–8, at least 2 outputs, every hidden activation and head, MEAN
 * and SUM by default), weights (uniform, scales 0.1 to a saturating 8) and batches (3–6), asks your {@link Subject}
 * for its loss and its gradients, and checks the gradients against your loss with the checker.
 *
 * <pre>{@code
 * GradientContract.forSubject(new MyNetwork())
 *         .activations("sigmoid", "tanh")
 *         .heads(Head.MSE_IDENTITY, Head.SOFTMAX_CROSS_ENTROPY_LOGITS)
 *         .reductions(Reduction.MEAN)
 *         .verify();
 * }</pre>
 *
 * <h2>Reproducible</h2>
 * The same cases on every run: the seed is fixed ({@code -DQT_SEED=…} replays another), and printed as the run starts
 * and ends. {@link #explore()} or {@code -Dgradproof.explore=true} draws a new seed on every run instead, for looking
 * at new cases outside the gate. {@value #DEFAULT_EXAMPLES} cases by default ({@link #examples(int)}, or
 * {@code -DQT_EXAMPLES}).
 *
 * <h2>A failure</h2>
 * QuickTheories shrinks a failing case to the smallest one that still fails <em>the same way</em> — the same
 * diagnosis on the same layer position (the output layer only, the first layer only, every layer, the biases only…):
 * a bug in the output layer is not shrunk into a one-layer network, where it would read "k = 3 on every block", and a
 * wrong derivative is not shrunk into one-entry blocks, where any value fits some factor k (hence widths from 2 by
 * default). The {@link AssertionError}'s message starts with the verdict, the replay line ({@code -DQT_SEED=…}) and a
 * line of Java that rebuilds the smallest case from the JSON files written for it under
 * {@code target/gradproof-counterexamples/} ({@link ContractCase#fromJson}); then the checker's report.
 *
 * <h2>Settings</h2>
 * Immutable: every setting returns a new contract and leaves this one as it was; a setting out of range is an
 * {@link IllegalArgumentException} that names the setting, the allowed range and what came.
 */
public final class GradientContract extends ContractSettings<GradientContract> {

    /** Your code under test. */
    public interface Subject {

        /** The loss your code computes for this network and batch, reading the weights from {@code c} now. */
        double loss(ContractCase c);

        /**
         * Your gradients of that loss, one array per block in {@link ContractCase#blockNames()} order (layer l's
         * weights row-major [out][in], then its bias), reading the weights from {@code c} now.
         */
        double[][] gradients(ContractCase c);

        /**
         * A magnitude S such that ε·S bounds the rounding error of your {@link #loss} at the case's current weights
         * (ε = 2⁻⁵², to first order), when your loss is computed in a way that loses more precision than its value
         * suggests. The checker takes max(|L|, S) as the scale of the loss's rounding noise; too small an S makes
         * rounding look like a wrong gradient. Example: softmax cross-entropy computed as max + log Σ e^(z − max) − z_y
         * rounds at the size of the logits, not of the (small, when confident) loss: S = w · Σ_n (|max_n| + |z_y,n|),
         * with w = 1/m for MEAN. Default 0: the loss rounds at ε·|L|, as the reference's does.
         */
        default double noiseScale(ContractCase c) {
            return 0;
        }
    }

    /** Cases per run when neither {@link #examples(int)} nor {@code -DQT_EXAMPLES} says otherwise. */
    public static final int DEFAULT_EXAMPLES = 1000;
    /** The largest batch {@link #batchSizes(int, int)} allows. */
    public static final int MAX_BATCH = 32;
    /** The largest weight scale {@link #weightScales(double...)} allows: U(±16) saturates every unit. */
    public static final double MAX_WEIGHT_SCALE = 16;

    private final Subject subject;
    private final ArchitectureSpace space;
    private final IntRange batch;
    private final List<Double> weightScales;
    private GradientContract(Subject subject, ArchitectureSpace space, IntRange batch, List<Double> weightScales,
                             RunSettings run) {
        super(run, DEFAULT_EXAMPLES);
        this.subject = subject;
        this.space = space;
        this.batch = batch;
        this.weightScales = weightScales;
    }

    /**
     * The contract with its defaults: depth 2–4, widths 2–8, inputs 1–8, at least 2 outputs, every hidden activation
     * and head, MEAN and SUM, batch 3–6, weight scales 1, 0.1, 0.5, 2, 4, 8, {@link CheckOptions#defaults()}, your
     * loss compared with the reference's, {@value #DEFAULT_EXAMPLES} cases, the fixed seed.
     */
    public static GradientContract forSubject(Subject subject) {
        ArchitectureSpace space = ArchitectureSpace.all().withDepths(2, NetworkGenerators.MAX_DEPTH)
                .withWidths(2, NetworkGenerators.MAX_WIDTH).withMinOutputs(2);
        return new GradientContract(Objects.requireNonNull(subject, "subject"), space,
                new IntRange(3, NetworkGenerators.MAX_BATCH), NetworkGenerators.WEIGHT_SCALES, RunSettings.defaults());
    }

    /** The hidden activations your code supports, by name (default: all of the reference's). */
    public GradientContract activations(String... names) {
        List<Activation> list = new ArrayList<>();
        for (String n : SettingChecks.requireSome("activations", names)) {
            try {
                list.add(Activation.named(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("activations: " + e.getMessage(), e);
            }
        }
        return with(space.withActivations(list));
    }

    /** The output/loss pairings your code supports (default: all). */
    public GradientContract heads(Head... heads) {
        return with(space.withHeads(SettingChecks.requireSome("heads", heads)));
    }

    /** The batch reductions your loss uses: MEAN (L = (1/m) Σ ℓ_n), SUM, or both (default both). */
    public GradientContract reductions(Reduction... reductions) {
        return with(space.withReductions(SettingChecks.requireSome("reductions", reductions)));
    }

    /**
     * Dense layers per network, output layer included: 1 ≤ min ≤ max ≤ 4 (default 2–4). In a one-layer network the
     * output layer is every layer, so a failure there cannot say which layer is wrong: keep min ≥ 2 unless your code
     * has one layer only.
     */
    public GradientContract depths(int min, int max) {
        SettingChecks.requireRange("depths", min, max, 1, NetworkGenerators.MAX_DEPTH);
        return with(space.withDepths(min, max));
    }

    /**
     * Units of hidden and output layers: 1 ≤ min ≤ max ≤ 8 (default 2–8). A width of 1 makes blocks of one entry, whose
     * one wrong value always fits some factor k, and hides bugs that mix units: keep min ≥ 2.
     */
    public GradientContract widths(int min, int max) {
        SettingChecks.requireRange("widths", min, max, 1, NetworkGenerators.MAX_WIDTH);
        return with(space.withWidths(min, max));
    }

    /** Input features: 1 ≤ min ≤ max ≤ 8 (default 1–8). */
    public GradientContract inputs(int min, int max) {
        SettingChecks.requireRange("inputs", min, max, 1, NetworkGenerators.MAX_WIDTH);
        return with(space.withInputs(min, max));
    }

    /** The smallest number of output units: 1 to 8 (default 2; some bugs hide at one output). */
    public GradientContract minimumOutputs(int n) {
        SettingChecks.requireRange("minimumOutputs", n, n, 1, NetworkGenerators.MAX_WIDTH);
        return with(space.withMinOutputs(n));
    }

    /** Batch sizes: 1 ≤ min ≤ max ≤ {@value #MAX_BATCH} (default 3–6; bugs of the 1/m kind hide at batch 1). */
    public GradientContract batchSizes(int min, int max) {
        return new GradientContract(subject, space, IntRange.of("batchSizes", min, max, 1, MAX_BATCH), weightScales,
                run);
    }

    /**
     * Weights and biases are drawn from U(−s, s) for s among these, each in (0, {@value #MAX_WEIGHT_SCALE}] (default
     * 1, 0.1, 0.5, 2, 4, 8; 4 and 8 saturate sigmoid and tanh units). Shrinking moves towards the first.
     */
    public GradientContract weightScales(double... scales) {
        return new GradientContract(subject, space, batch,
                SettingChecks.requirePositive("weightScales", MAX_WEIGHT_SCALE, scales), run);
    }

    /**
     * Runs the contract over {@link #exampleCount()} cases and returns what the checker said of each. Prints the seed
     * as it starts and the tally when it is done.
     *
     * @throws AssertionError describing the smallest case that fails the way the first failure did
     */
    public ContractSummary verify() {
        Gen<NetworkCase> cases = NetworkGenerators.networkCases(space.architectures(), Generate.pick(weightScales),
                batch.values()).assuming(NetworkCase::finite);
        return ContractRun.verify(new Kit(), cases, run.plan(DEFAULT_EXAMPLES), run.counterexamples());
    }

    /**
     * Checks one case: your loss against the reference's (if asked), then your gradients against your loss.
     *
     * @return the checker's report, if the case passed
     * @throws AssertionError with the case and the checker's report, if it failed; what your code throws is thrown
     */
    public GradientReport check(ContractCase c) {
        return CaseCheck.require(evaluate(c));
    }

    /** The settings, as the failure message prints them. */
    @Override
    public String toString() {
        return "GradientContract[depths " + space.minDepth() + "–" + space.maxDepth() + ", widths " + space.minWidth()
                + "–" + space.maxWidth() + ", inputs " + space.minInputs() + "–" + space.maxInputs()
                + ", minimumOutputs " + space.minOutputs() + ", activations " + space.activations().stream()
                .map(Activation::id).toList() + ", heads " + space.heads() + ", reductions " + space.reductions()
                + ", batchSizes " + batch + ", weightScales " + weightScales + ", "
                + run.describe(DEFAULT_EXAMPLES) + "]";
    }

    private GradientContract with(ArchitectureSpace other) {
        return new GradientContract(subject, other, batch, weightScales, run);
    }

    @Override
    GradientContract withRun(RunSettings other) {
        return new GradientContract(subject, space, batch, weightScales, other);
    }

    private CaseOutcome evaluate(ContractCase c) {
        return CaseCheck.evaluate(c.toString(), run, () -> subject.loss(c), c::referenceLoss,
                () -> new SubjectFunction(subject, c));
    }

    /** This contract as {@link ContractRun} sees it. */
    private final class Kit implements ContractKit<NetworkCase, ContractCase> {

        @Override
        public String name() {
            return "GradientContract";
        }

        @Override
        public String subjectName() {
            return SubjectNames.of(subject);
        }

        @Override
        public boolean strict() {
            return run.strict();
        }

        @Override
        public String settings() {
            return GradientContract.this.toString();
        }

        @Override
        public ContractCase build(NetworkCase description) {
            return new ContractCase(description);
        }

        @Override
        public CaseOutcome evaluate(ContractCase c) {
            return GradientContract.this.evaluate(c);
        }

        @Override
        public LayerRoles layers(ContractCase c) {
            return LayerRoles.of(c);
        }

        @Override
        public Counterexample write(ContractCase c, Path directory) throws IOException {
            ModelDocument model = ModelDocument.of(c.reference(), 1, Layout.REFERENCE);
            String yours = null;
            try {
                yours = model.gradientsJson(subject.gradients(c), subject.loss(c), Layout.REFERENCE, null);
            } catch (RuntimeException e) {
                // your code cannot give its gradients for this case (the failure says why): model and batch only
            }
            return Counterexample.write(directory, model.toJson(),
                    BatchDocument.toJson(c.batch(), false), yours, "ContractCase", name(),
                    run.compareLossWithReference());
        }
    }
}
