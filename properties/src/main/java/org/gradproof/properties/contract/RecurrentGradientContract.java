package org.gradproof.properties.contract;

import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm.HeadPlacement;
import org.gradproof.properties.LstmCase;
import org.gradproof.properties.NetworkGenerators;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * The contract test kit for recurrent networks: runs the LSTM property suite against <em>your</em> code. It generates
 * random stacks (layers 1–3, cells 1–6, inputs 1–4), sequences (T 3–6 by default: carry bugs are invisible at T = 1),
 * batches (3–5 by default: 1/m bugs hide at m = 1), a last-step or every-step head with ≥ 2 outputs (2 for MSE, 3 for
 * softmax cross-entropy on logits), zero or random nonzero initial states, and live weights in the reference
 * {@link org.gradproof.nn.Lstm}'s block order and layouts (the equations are in {@link RecurrentContractCase}). For each
 * case it asks your {@link Subject} for its loss and gradients and checks the gradients against <em>your own</em> loss
 * with {@link GradientCheck} — the weights always; every input step {@code x[t=k]} and the initial state
 * {@code h0.lstmN}, {@code c0.lstmN} too if your subject also implements {@link InputGradients}, so that a report can
 * say in which steps the gradient goes wrong. Optionally (on by default) your loss must first equal the reference's,
 * which catches a model that is not the one described.
 *
 * <p>{@value #DEFAULT_EXAMPLES} cases by default ({@link #examples(int)}, or {@code -DQT_EXAMPLES} when that is not
 * set). Dimensions are drawn first and independently, the data from seeds after them, so QuickTheories shrinks a
 * failure to the fewest layers, cells, inputs, steps and sequences that still fail. The failure message has the
 * smallest case, the checker's report on it, this contract's settings, and the seed to replay it with
 * {@code -DQT_SEED=…}.
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
public final class RecurrentGradientContract {

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
    /** The longest sequences {@link #timeSteps(int, int)} allows. */
    public static final int MAX_STEPS = 12;
    /** The largest batch {@link #batchSizes(int, int)} allows. */
    public static final int MAX_BATCH = 8;
    /**
     * Cases checked when neither {@link #examples(int)} nor {@code -DQT_EXAMPLES} says otherwise: 100. The checker
     * evaluates your loss twice per checked entry (a few hundred entries a case on average, a few thousand on the
     * largest), so a plain-loops subject such as the example takes 10–30 ms a case, 1–3 s for the 100. A failure costs
     * more: each shrinking step checks a failing case and re-measures its wrong entries (seconds in all).
     */
    public static final int DEFAULT_EXAMPLES = 100;

    private static final Pattern SEED = Pattern.compile("Seed was (-?\\d+)");

    private final Subject subject;
    private final int minLayers;
    private final int maxLayers;
    private final int minSteps;
    private final int maxSteps;
    private final int minBatch;
    private final int maxBatch;
    private final List<HeadPlacement> placements;
    private final List<Loss> losses;
    private final boolean randomInitialStates;
    private final boolean compareLossWithReference;
    private final int examples;

    private RecurrentGradientContract(Subject subject, int minLayers, int maxLayers, int minSteps, int maxSteps,
                                      int minBatch, int maxBatch, List<HeadPlacement> placements, List<Loss> losses,
                                      boolean randomInitialStates, boolean compareLossWithReference, int examples) {
        this.subject = subject;
        this.minLayers = minLayers;
        this.maxLayers = maxLayers;
        this.minSteps = minSteps;
        this.maxSteps = maxSteps;
        this.minBatch = minBatch;
        this.maxBatch = maxBatch;
        this.placements = placements;
        this.losses = losses;
        this.randomInitialStates = randomInitialStates;
        this.compareLossWithReference = compareLossWithReference;
        this.examples = examples;
    }

    /**
     * The contract with its defaults: layers 1–3, T 3–6, batch 3–5, both head placements, both losses, random initial
     * states, the loss compared with the reference's, {@value #DEFAULT_EXAMPLES} examples.
     */
    public static RecurrentGradientContract forSubject(Subject subject) {
        return new RecurrentGradientContract(Objects.requireNonNull(subject, "subject"), 1, MAX_LAYERS, 3, 6, 3, 5,
                List.of(HeadPlacement.LAST_STEP, HeadPlacement.EVERY_STEP), List.of(Loss.MSE,
                Loss.SOFTMAX_CROSS_ENTROPY), true, true, 0);
    }

    /** Stacked LSTM layers to try, 1 ≤ min ≤ max ≤ {@value #MAX_LAYERS} (default 1–3). */
    public RecurrentGradientContract layers(int min, int max) {
        requireRange("layers", min, max, 1, MAX_LAYERS);
        return new RecurrentGradientContract(subject, min, max, minSteps, maxSteps, minBatch, maxBatch, placements,
                losses, randomInitialStates, compareLossWithReference, examples);
    }

    /**
     * Sequence lengths T to try, 1 ≤ min ≤ max ≤ {@value #MAX_STEPS} (default 3–6). What is carried from step to step
     * is only exercised for T ≥ 2, and with a zero initial state U·h_{t−1} is zero at the first step: keep min ≥ 2.
     */
    public RecurrentGradientContract timeSteps(int min, int max) {
        requireRange("timeSteps", min, max, 1, MAX_STEPS);
        return new RecurrentGradientContract(subject, minLayers, maxLayers, min, max, minBatch, maxBatch, placements,
                losses, randomInitialStates, compareLossWithReference, examples);
    }

    /** Batch sizes m to try, 1 ≤ min ≤ max ≤ {@value #MAX_BATCH} (default 3–5; bugs of the 1/m kind hide at m = 1). */
    public RecurrentGradientContract batchSizes(int min, int max) {
        requireRange("batchSizes", min, max, 1, MAX_BATCH);
        return new RecurrentGradientContract(subject, minLayers, maxLayers, minSteps, maxSteps, min, max, placements,
                losses, randomInitialStates, compareLossWithReference, examples);
    }

    /** Where the head may read the top layer: the last step, every step, or both (default both). */
    public RecurrentGradientContract placements(HeadPlacement... placements) {
        List<HeadPlacement> list = List.copyOf(Arrays.asList(requireSome("placements", placements)));
        return new RecurrentGradientContract(subject, minLayers, maxLayers, minSteps, maxSteps, minBatch, maxBatch,
                list, losses, randomInitialStates, compareLossWithReference, examples);
    }

    /** The losses your code supports: {@link Loss#MSE} and/or {@link Loss#SOFTMAX_CROSS_ENTROPY} (default both). */
    public RecurrentGradientContract losses(Loss... losses) {
        List<Loss> list = List.copyOf(Arrays.asList(requireSome("losses", losses)));
        for (Loss loss : list) {
            if (loss != Loss.MSE && loss != Loss.SOFTMAX_CROSS_ENTROPY) {
                throw new IllegalArgumentException("losses: the recurrent contract has heads for mse and "
                        + "softmax_cross_entropy (on logits), got " + loss.id());
            }
        }
        return new RecurrentGradientContract(subject, minLayers, maxLayers, minSteps, maxSteps, minBatch, maxBatch,
                placements, list, randomInitialStates, compareLossWithReference, examples);
    }

    /**
     * Whether initial states may be random and nonzero (standard deviation 0.5 or 1, two cases in three) or are always
     * zero (default true). Turn it off only if your code cannot start from a given state.
     */
    public RecurrentGradientContract randomInitialStates(boolean random) {
        return new RecurrentGradientContract(subject, minLayers, maxLayers, minSteps, maxSteps, minBatch, maxBatch,
                placements, losses, random, compareLossWithReference, examples);
    }

    /**
     * Whether your loss must also equal the reference {@link org.gradproof.nn.Lstm}'s to a relative 1e-9 (default
     * true). Turn it off when your loss differs by design: the gradients are then checked against your own loss only.
     */
    public RecurrentGradientContract compareLossWithReference(boolean compare) {
        return new RecurrentGradientContract(subject, minLayers, maxLayers, minSteps, maxSteps, minBatch, maxBatch,
                placements, losses, randomInitialStates, compare, examples);
    }

    /**
     * Cases to check, at least 1. Unset, it is {@code -DQT_EXAMPLES} if given, else {@value #DEFAULT_EXAMPLES}.
     */
    public RecurrentGradientContract examples(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("examples: need at least 1, got " + count);
        }
        return new RecurrentGradientContract(subject, minLayers, maxLayers, minSteps, maxSteps, minBatch, maxBatch,
                placements, losses, randomInitialStates, compareLossWithReference, count);
    }

    /** The examples {@link #verify()} runs: {@link #examples(int)}, else {@code -DQT_EXAMPLES}, else the default. */
    public int exampleCount() {
        if (examples > 0) {
            return examples;
        }
        Integer property = Integer.getInteger("QT_EXAMPLES");
        return property != null && property > 0 ? property : DEFAULT_EXAMPLES;
    }

    /**
     * The generator of cases under these settings: dimensions first, each drawn on its own, then the data's seeds. It
     * makes the cheap description (an {@link LstmCase}); {@link #verify()} builds the case to check, so that the
     * candidates QuickTheories generates and discards while shrinking cost nothing.
     */
    Gen<LstmCase> cases() {
        Gen<Dimensions> dims = integers().between(1, 4).zip(integers().between(minLayers, maxLayers),
                integers().between(1, 6), integers().between(minSteps, maxSteps), Dimensions::new);
        Gen<HeadChoice> heads = integers().between(minBatch, maxBatch).zip(Generate.pick(placements),
                Generate.pick(losses), Generate.pick(randomInitialStates ? List.of(0.0, 0.5, 1.0) : List.of(0.0)),
                HeadChoice::new);
        Gen<long[]> seeds = NetworkGenerators.seeds().zip(NetworkGenerators.seeds(), (w, d) -> new long[] {w, d});
        return dims.zip(heads, seeds, (d, h, s) -> new LstmCase(d.inputs(), d.layers(), d.cells(), d.steps(),
                h.batch(), h.placement() == HeadPlacement.EVERY_STEP, h.loss() == Loss.SOFTMAX_CROSS_ENTROPY,
                h.stateScale(), false, s[0], s[1])).describedAs(RecurrentContractCase::describe);
    }

    /**
     * Runs the contract over {@link #exampleCount()} cases ({@code -DQT_SEED} replays a run). Throws an
     * {@link AssertionError} with the smallest failing case, the checker's report, the settings and the seed.
     */
    public void verify() {
        try {
            qt().withExamples(exampleCount()).forAll(cases()).checkAssert(s -> check(new RecurrentContractCase(s)));
        } catch (AssertionError e) {
            String message = String.valueOf(e.getMessage());
            Matcher seed = SEED.matcher(message);
            String replay = seed.find() ? "\nReplay: -DQT_SEED=" + seed.group(1) + " with the same settings and "
                    + "examples (" + exampleCount() + ")" : "";
            throw new AssertionError(message + "\nSettings: " + this + replay, e);
        }
    }

    /** Checks one case: your loss against the reference's (if asked), then your gradients against your loss. */
    public void check(RecurrentContractCase c) {
        if (compareLossWithReference) {
            double yours = subject.loss(c);
            double reference = c.referenceLoss();
            if (!(Math.abs(yours - reference) <= 1e-9 * Math.max(1, Math.abs(reference)))) {
                throw new AssertionError("your loss is " + yours + " but the reference loss is " + reference
                        + " (ratio " + yours / reference + ") for " + c + "; the loss must be right before its gradient"
                        + " can be (or call compareLossWithReference(false))");
            }
        }
        GradientReport report = GradientCheck.check(new RecurrentSubjectFunction(subject, c));
        if (!report.passed()) {
            throw new AssertionError(c + "\n" + report.summary());
        }
    }

    /** The settings, as the failure message prints them. */
    @Override
    public String toString() {
        return "RecurrentGradientContract[layers " + minLayers + "–" + maxLayers + ", timeSteps " + minSteps + "–"
                + maxSteps + ", batchSizes " + minBatch + "–" + maxBatch + ", placements " + placements + ", losses "
                + losses.stream().map(Loss::id).toList() + ", randomInitialStates " + randomInitialStates
                + ", compareLossWithReference " + compareLossWithReference + ", examples " + exampleCount()
                + ", checking " + (subject instanceof InputGradients ? "weights, inputs and initial state"
                : "weights") + "]";
    }

    private static void requireRange(String setting, int min, int max, int lowest, int highest) {
        if (min < lowest || max < min || max > highest) {
            throw new IllegalArgumentException(setting + ": need " + lowest + " ≤ min ≤ max ≤ " + highest + ", got min "
                    + min + ", max " + max);
        }
    }

    @SafeVarargs
    private static <T> T[] requireSome(String setting, T... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(setting + ": give at least one");
        }
        for (T v : values) {
            if (v == null) {
                throw new IllegalArgumentException(setting + ": null in " + Arrays.toString(values));
            }
        }
        return values;
    }

    private record Dimensions(int inputs, int layers, int cells, int steps) {
    }

    private record HeadChoice(int batch, HeadPlacement placement, Loss loss, double stateScale) {
    }
}
