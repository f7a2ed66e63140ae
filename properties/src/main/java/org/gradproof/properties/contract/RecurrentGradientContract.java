package org.gradproof.properties.contract;

import org.gradproof.check.CheckOptions;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.io.GateLayout;
import org.gradproof.io.Layout;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.SequenceBatchDocument;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm.HeadPlacement;
import org.gradproof.properties.LstmCase;
import org.gradproof.properties.NetworkGenerators;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;


/**
 * The contract test kit for recurrent networks: runs the LSTM property suite against <em>your</em> code. It generates
 * random stacks (layers 1–3, cells 2–6, inputs 1–4), sequences (T 3–6 by default: carry bugs are invisible at T = 1),
 * batches (3–5 by default: 1/m bugs hide at m = 1), a last-step or every-step head with ≥ 2 outputs (2 for MSE, 3 for
 * softmax cross-entropy on logits), zero or random nonzero initial states, and live weights in the reference
 * {@link org.gradproof.nn.Lstm}'s block order and layouts (the equations are in {@link RecurrentContractCase}). For each
 * case it asks your {@link Subject} for its loss and gradients and checks the gradients against <em>your own</em> loss
 * with {@link GradientCheck} — the weights always; every input step {@code x[t=k]} and the initial state
 * {@code h0.lstmN}, {@code c0.lstmN} too if your subject also implements {@link InputGradients}, so that a report can
 * say in which steps the gradient goes wrong. Optionally (on by default) your loss must first equal the reference's,
 * which catches a model that is not the one described.
 *
 * <p>Reproducible as {@link GradientContract} is: a fixed seed, printed, {@code -DQT_SEED=…} to replay another,
 * {@link #explore()} or {@code -Dgradproof.explore=true} for a new one on every run. {@value #DEFAULT_EXAMPLES} cases
 * by default ({@link #examples(int)}, or {@code -DQT_EXAMPLES}). Dimensions are drawn first and independently, the
 * data from seeds after them, so QuickTheories shrinks a failure to the fewest layers, cells, inputs, steps and
 * sequences that still fail <em>the same way</em> (the same diagnosis on the same layers: the head, lstm1, the layers
 * between, the input gradients). The failure message starts with the verdict, the replay line and a line of Java that
 * rebuilds the smallest case from the JSON written for it ({@link RecurrentContractCase#fromJson}); then the checker's
 * report.
 *
 * <p>Immutable: every setting returns a new contract and leaves this one as it was; a setting out of range is an
 * {@link IllegalArgumentException} naming the setting, its range and what came.
 *
 * <pre>{@code
 * RecurrentGradientContract.forSubject(new MyRecurrentNetwork())
 *         .timeSteps(3, 5)
 *         .examples(50)
 *         .verify();
 * }</pre>
 */
public final class RecurrentGradientContract extends ContractSettings<RecurrentGradientContract> {

    /** Your code under test: its loss and its weight gradients. */
    public interface Subject {

        /** The loss your code computes for this case, reading weights, inputs and initial state from {@code c} now. */
        double loss(RecurrentContractCase c);

        /**
         * Your gradients of that loss with respect to the weights, one array per block in
         * {@link RecurrentContractCase#blockNames()} order, each in its block's layout (W_q cells × inputs, U_q
         * cells × cells row-major, b_q, then head.W outputs × cells and head.b), reading everything from {@code c} now.
         */
        double[][] gradients(RecurrentContractCase c);

        /**
         * A magnitude S such that ε·S bounds the rounding error of your {@link #loss} at the case's current weights,
         * when your loss loses more precision than its value suggests (see
         * {@link GradientContract.Subject#noiseScale(ContractCase)}). Default 0: it rounds at ε·|L|.
         */
        default double noiseScale(RecurrentContractCase c) {
            return 0;
        }
    }

    /**
     * A subject that also offers the gradients with respect to its inputs and its initial state (BPTT computes them on
     * the way: dx_t of the bottom layer, and what is carried back past step 0). They are checked too, and a report can
     * then localise a bug in time ("the input gradients are wrong for t ≤ 1 only").
     */
    public interface InputGradients extends Subject {

        /** dL/dx, [seq][batch][features]. */
        double[][][] inputGradients(RecurrentContractCase c);

        /** dL/d(initial state), [layers][2][batch][cells] with [l][0] = dL/dh0 and [l][1] = dL/dc0. */
        double[][][][] initialStateGradients(RecurrentContractCase c);
    }

    /** The largest number of stacked layers generated. */
    public static final int MAX_LAYERS = 3;
    /** The most cells per layer {@link #cells(int, int)} allows. */
    public static final int MAX_CELLS = 8;
    /** The most input features {@link #inputs(int, int)} allows. */
    public static final int MAX_INPUTS = 8;
    /** The longest sequences {@link #timeSteps(int, int)} allows. */
    public static final int MAX_STEPS = 12;
    /** The largest batch {@link #batchSizes(int, int)} allows. */
    public static final int MAX_BATCH = 8;
    /** The largest weight gain {@link #weightScales(double...)} allows. */
    public static final double MAX_WEIGHT_GAIN = 8;
    /**
     * Cases checked when neither {@link #examples(int)} nor {@code -DQT_EXAMPLES} says otherwise: 100. The checker
     * evaluates your loss twice per checked entry (a few hundred entries a case on average, a few thousand on the
     * largest), so a plain-loops subject such as the example takes 10–30 ms a case, 1–3 s for the 100. A failure costs
     * more: each shrinking step checks a case and re-measures its wrong entries (seconds in all).
     */
    public static final int DEFAULT_EXAMPLES = 100;

    private final Subject subject;
    private final IntRange layers;
    private final IntRange cells;
    private final IntRange inputs;
    private final IntRange steps;
    private final IntRange batch;
    private final List<HeadPlacement> placements;
    private final List<Loss> losses;
    private final boolean randomInitialStates;
    private final List<Double> weightGains;

    private RecurrentGradientContract(Draft d) {
        super(d.run, DEFAULT_EXAMPLES);
        this.subject = d.subject;
        this.layers = d.layers;
        this.cells = d.cells;
        this.inputs = d.inputs;
        this.steps = d.steps;
        this.batch = d.batch;
        this.placements = d.placements;
        this.losses = d.losses;
        this.randomInitialStates = d.randomInitialStates;
        this.weightGains = d.weightGains;
    }

    /**
     * The contract with its defaults: layers 1–3, cells 2–6, inputs 1–4, T 3–6, batch 3–5, both head placements, both
     * losses, random initial states, Glorot weights of gain 1, {@link CheckOptions#defaults()}, the loss compared with
     * the reference's, {@value #DEFAULT_EXAMPLES} examples, the fixed seed.
     */
    public static RecurrentGradientContract forSubject(Subject subject) {
        Draft d = new Draft();
        d.subject = Objects.requireNonNull(subject, "subject");
        return new RecurrentGradientContract(d);
    }

    /** Stacked LSTM layers to try, 1 ≤ min ≤ max ≤ {@value #MAX_LAYERS} (default 1–3). */
    public RecurrentGradientContract layers(int min, int max) {
        IntRange range = IntRange.of("layers", min, max, 1, MAX_LAYERS);
        return with(d -> d.layers = range);
    }

    /**
     * Cells per layer, 1 ≤ min ≤ max ≤ {@value #MAX_CELLS} (default 2–6). One cell makes every U_q and b_q a single
     * entry, whose one wrong value always fits some factor k: keep min ≥ 2.
     */
    public RecurrentGradientContract cells(int min, int max) {
        IntRange range = IntRange.of("cells", min, max, 1, MAX_CELLS);
        return with(d -> d.cells = range);
    }

    /** Input features per step, 1 ≤ min ≤ max ≤ {@value #MAX_INPUTS} (default 1–4). */
    public RecurrentGradientContract inputs(int min, int max) {
        IntRange range = IntRange.of("inputs", min, max, 1, MAX_INPUTS);
        return with(d -> d.inputs = range);
    }

    /**
     * Sequence lengths T to try, 1 ≤ min ≤ max ≤ {@value #MAX_STEPS} (default 3–6). What is carried from step to step
     * is only exercised for T ≥ 2, and with a zero initial state U·h_{t−1} is zero at the first step: keep min ≥ 2.
     */
    public RecurrentGradientContract timeSteps(int min, int max) {
        IntRange range = IntRange.of("timeSteps", min, max, 1, MAX_STEPS);
        return with(d -> d.steps = range);
    }

    /** Batch sizes m to try, 1 ≤ min ≤ max ≤ {@value #MAX_BATCH} (default 3–5; bugs of the 1/m kind hide at m = 1). */
    public RecurrentGradientContract batchSizes(int min, int max) {
        IntRange range = IntRange.of("batchSizes", min, max, 1, MAX_BATCH);
        return with(d -> d.batch = range);
    }

    /** Where the head may read the top layer: the last step, every step, or both (default both). */
    public RecurrentGradientContract placements(HeadPlacement... placements) {
        List<HeadPlacement> list = SettingChecks.requireSome("placements", placements);
        return with(d -> d.placements = list);
    }

    /** The losses your code supports: {@link Loss#MSE} and/or {@link Loss#SOFTMAX_CROSS_ENTROPY} (default both). */
    public RecurrentGradientContract losses(Loss... losses) {
        List<Loss> list = SettingChecks.requireSome("losses", losses);
        for (Loss loss : list) {
            if (loss != Loss.MSE && loss != Loss.SOFTMAX_CROSS_ENTROPY) {
                throw new IllegalArgumentException("losses: the recurrent contract has heads for mse and "
                        + "softmax_cross_entropy (on logits), got " + loss.id());
            }
        }
        return with(d -> d.losses = list);
    }

    /**
     * Whether initial states may be random and nonzero (standard deviation 0.5 or 1, two cases in three) or are always
     * zero (default true). Turn it off only if your code cannot start from a given state.
     */
    public RecurrentGradientContract randomInitialStates(boolean random) {
        return with(d -> d.randomInitialStates = random);
    }

    /**
     * The gains g of the Glorot-uniform weights, U(±g·√(6 / (fanIn + fanOut))), each in (0,
     * {@value #MAX_WEIGHT_GAIN}] (default 1; 3 or more saturates many gates). Shrinking moves towards the first.
     */
    public RecurrentGradientContract weightScales(double... gains) {
        List<Double> list = SettingChecks.requirePositive("weightScales", MAX_WEIGHT_GAIN, gains);
        return with(d -> d.weightGains = list);
    }

    /**
     * The generator of cases under these settings: dimensions first, each drawn on its own, then the data's seeds. It
     * makes the cheap description (an {@link LstmCase}); {@link #verify()} builds the case to check, so that the
     * candidates QuickTheories generates and discards while shrinking cost nothing.
     */
    Gen<LstmCase> cases() {
        Gen<Dimensions> dims = inputs.values().zip(layers.values(), cells.values(), steps.values(), Dimensions::new);
        Gen<HeadChoice> heads = batch.values().zip(Generate.pick(placements),
                Generate.pick(losses), Generate.pick(randomInitialStates ? List.of(0.0, 0.5, 1.0) : List.of(0.0)),
                HeadChoice::new);
        Gen<long[]> seeds = NetworkGenerators.seeds().zip(NetworkGenerators.seeds(), (w, d) -> new long[] {w, d});
        return dims.zip(heads, Generate.pick(weightGains), seeds, (d, h, gain, s) -> new LstmCase(d.inputs(),
                d.layers(), d.cells(), d.steps(), h.batch(), h.placement() == HeadPlacement.EVERY_STEP,
                h.loss() == Loss.SOFTMAX_CROSS_ENTROPY, h.stateScale(), false, gain, s[0], s[1]))
                .describedAs(RecurrentContractCase::describe);
    }

    /**
     * Runs the contract over {@link #exampleCount()} cases and returns what the checker said of each; prints the seed
     * as it starts and the tally when it is done.
     *
     * @throws AssertionError describing the smallest case that fails the way the first failure did
     */
    public ContractSummary verify() {
        return ContractRun.verify(new Kit(), cases(), run.plan(DEFAULT_EXAMPLES), run.counterexamples());
    }

    /**
     * Checks one case: your loss against the reference's (if asked), then your gradients against your loss.
     *
     * @return the checker's report, if the case passed
     * @throws AssertionError with the case and the checker's report, if it failed; what your code throws is thrown
     */
    public GradientReport check(RecurrentContractCase c) {
        return CaseCheck.require(evaluate(c));
    }

    /** The settings, as the failure message prints them. */
    @Override
    public String toString() {
        return "RecurrentGradientContract[layers " + layers + ", cells " + cells + ", inputs " + inputs
                + ", timeSteps " + steps + ", batchSizes " + batch + ", placements " + placements + ", losses "
                + losses.stream().map(Loss::id).toList() + ", randomInitialStates " + randomInitialStates
                + ", weightScales " + weightGains + ", " + run.describe(DEFAULT_EXAMPLES) + ", checking "
                + (subject instanceof InputGradients ? "weights, inputs and initial state" : "weights") + "]";
    }

    @Override
    RecurrentGradientContract withRun(RunSettings changed) {
        return with(d -> d.run = changed);
    }

    private RecurrentGradientContract with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new RecurrentGradientContract(d);
    }

    private CaseOutcome evaluate(RecurrentContractCase c) {
        return CaseCheck.evaluate(c.toString(), run, () -> subject.loss(c), c::referenceLoss,
                () -> new RecurrentSubjectFunction(subject, c));
    }

    /** The settings while one is being changed; the defaults when new. */
    private static final class Draft {
        private Subject subject;
        private IntRange layers = new IntRange(1, MAX_LAYERS);
        private IntRange cells = new IntRange(2, 6);
        private IntRange inputs = new IntRange(1, 4);
        private IntRange steps = new IntRange(3, 6);
        private IntRange batch = new IntRange(3, 5);
        private List<HeadPlacement> placements = List.of(HeadPlacement.LAST_STEP, HeadPlacement.EVERY_STEP);
        private List<Loss> losses = List.of(Loss.MSE, Loss.SOFTMAX_CROSS_ENTROPY);
        private boolean randomInitialStates = true;
        private List<Double> weightGains = List.of(1.0);
        private RunSettings run = RunSettings.defaults();

        private Draft() {
        }

        private Draft(RecurrentGradientContract c) {
            subject = c.subject;
            layers = c.layers;
            cells = c.cells;
            inputs = c.inputs;
            steps = c.steps;
            batch = c.batch;
            placements = c.placements;
            losses = c.losses;
            randomInitialStates = c.randomInitialStates;
            weightGains = c.weightGains;
            run = c.run;
        }
    }

    /** This contract as {@link ContractRun} sees it. */
    private final class Kit implements ContractKit<LstmCase, RecurrentContractCase> {

        @Override
        public String name() {
            return "RecurrentGradientContract";
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
            return RecurrentGradientContract.this.toString();
        }

        @Override
        public RecurrentContractCase build(LstmCase description) {
            return new RecurrentContractCase(description);
        }

        @Override
        public CaseOutcome evaluate(RecurrentContractCase c) {
            return RecurrentGradientContract.this.evaluate(c);
        }

        @Override
        public LayerRoles layers(RecurrentContractCase c) {
            return LayerRoles.of(c);
        }

        @Override
        public Counterexample write(RecurrentContractCase c, Path directory) throws IOException {
            LstmModelDocument model = LstmModelDocument.of(c.architecture(), c.reference(), 1, Layout.REFERENCE,
                    GateLayout.SEPARATE);
            String yours = null;
            try {
                yours = model.gradientsJson(subject.gradients(c), subject.loss(c), Layout.REFERENCE,
                        GateLayout.SEPARATE);
            } catch (RuntimeException e) {
                // your code cannot give its gradients for this case (the failure says why): model and batch only
            }
            return Counterexample.write(directory, model.toJson(),
                    SequenceBatchDocument.of(c.sequenceBatch(), c.initialState()).toJson(), yours,
                    "RecurrentContractCase", name(), run.compareLossWithReference());
        }
    }

    private record Dimensions(int inputs, int layers, int cells, int steps) {
    }

    private record HeadChoice(int batch, HeadPlacement placement, Loss loss, double stateScale) {
    }
}
