package org.gradproof.properties.contract;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.Activation;
import org.gradproof.properties.Head;
import org.gradproof.properties.NetworkCase;
import org.gradproof.properties.NetworkGenerators;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * The contract test kit: runs the property suite against <em>your</em> network code. It generates random
 * architectures (depth 1–4, widths 1–8, batch ≥ 3, at least 2 outputs by default), weights and batches, asks your
 * {@link Subject} for its loss and its gradients, and checks the gradients against the loss with
 * {@link GradientCheck}. A failure is shrunk by QuickTheories to the smallest architecture and batch that still fail,
 * and printed with the checker's report and the seed to replay it ({@code -DQT_SEED=…}).
 *
 * <pre>{@code
 * GradientContract.forSubject(new MyNetwork())
 *         .activations("sigmoid", "tanh")
 *         .heads(Head.MSE_IDENTITY, Head.SOFTMAX_CROSS_ENTROPY_LOGITS)
 *         .verify();
 * }</pre>
 */
public final class GradientContract {

    /** Your code under test. */
    public interface Subject {

        /** The loss your code computes for this network and batch, reading the weights from {@code c} now. */
        double loss(ContractCase c);

        /**
         * Your gradients of that loss, one array per block in {@link ContractCase#blockNames()} order (layer l's
         * weights row-major [out][in], then its bias), reading the weights from {@code c} now.
         */
        double[][] gradients(ContractCase c);
    }

    private final Subject subject;
    private final List<Activation> activations;
    private final List<Head> heads;
    private final int minBatch;
    private final int maxBatch;
    private final int minOutputs;
    private final boolean compareLossWithReference;

    private GradientContract(Subject subject, List<Activation> activations, List<Head> heads, int minBatch,
                             int maxBatch, int minOutputs, boolean compareLossWithReference) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.activations = activations;
        this.heads = heads;
        this.minBatch = minBatch;
        this.maxBatch = maxBatch;
        this.minOutputs = minOutputs;
        this.compareLossWithReference = compareLossWithReference;
    }

    /** The contract with its defaults; each setting below returns a new, validated contract (this one is unchanged). */
    public static GradientContract forSubject(Subject subject) {
        return new GradientContract(subject, NetworkGenerators.HIDDEN_ACTIVATIONS, Arrays.asList(Head.values()), 3,
                NetworkGenerators.MAX_BATCH, 2, true);
    }

    /** The hidden activations your code supports, by name (default: all of the reference's). */
    public GradientContract activations(String... names) {
        List<Activation> list = new ArrayList<>();
        for (String n : names) {
            list.add(Activation.named(n));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("activations: give at least one");
        }
        return new GradientContract(subject, List.copyOf(list), heads, minBatch, maxBatch, minOutputs,
                compareLossWithReference);
    }

    /** The output/loss pairings your code supports (default: all). */
    public GradientContract heads(Head... heads) {
        if (heads.length == 0) {
            throw new IllegalArgumentException("heads: give at least one");
        }
        return new GradientContract(subject, activations, List.of(heads), minBatch, maxBatch, minOutputs,
                compareLossWithReference);
    }

    /** Batch sizes to try (default 3–6; bugs of the 1/m kind hide at batch 1). */
    public GradientContract batchSizes(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("batchSizes: need 1 ≤ min ≤ max, got " + min + ", " + max);
        }
        return new GradientContract(subject, activations, heads, min, max, minOutputs, compareLossWithReference);
    }

    /** The smallest number of output units (default 2; some bugs hide at one output). */
    public GradientContract minimumOutputs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("minimumOutputs must be at least 1, got " + n);
        }
        return new GradientContract(subject, activations, heads, minBatch, maxBatch, n, compareLossWithReference);
    }

    /**
     * Whether your loss must also equal the reference implementation's to a relative 1e-9 (default true). Turn it
     * off when your loss differs by design (a different reduction, an added regulariser): the gradients are then
     * checked against your own loss only.
     */
    public GradientContract compareLossWithReference(boolean compare) {
        return new GradientContract(subject, activations, heads, minBatch, maxBatch, minOutputs, compare);
    }

    /**
     * Runs the contract: QuickTheories' example count ({@code -DQT_EXAMPLES}, default 1000) and seed
     * ({@code -DQT_SEED}) apply. Throws an {@link AssertionError} describing the smallest failing case.
     */
    public void verify() {
        Gen<NetworkCase> cases = NetworkGenerators.networkCases(
                NetworkGenerators.architectures(activations, heads, minOutputs), NetworkGenerators.weightScales(),
                integers().between(minBatch, maxBatch)).assuming(NetworkCase::finite);
        qt().forAll(cases).checkAssert(c -> check(new ContractCase(c)));
    }

    /** Checks one case: your loss against the reference's (if asked), then your gradients against your loss. */
    public void check(ContractCase c) {
        if (compareLossWithReference) {
            double yours = subject.loss(c);
            double reference = c.referenceLoss();
            if (!(Math.abs(yours - reference) <= 1e-9 * Math.max(1, Math.abs(reference)))) {
                throw new AssertionError("your loss is " + yours + " but the reference loss is " + reference
                        + " for " + c + "; the loss must be right before its gradient can be (or call "
                        + "compareLossWithReference(false))");
            }
        }
        GradientReport report = GradientCheck.check(new SubjectFunction(subject, c));
        if (!report.passed()) {
            throw new AssertionError(c + "\n" + report.summary());
        }
    }

    /** Your loss and gradients as a function of the case's live blocks. */
    private record SubjectFunction(Subject subject, ContractCase c) implements BlockFunction {

        @Override
        public List<ParameterBlock> blocks() {
            return c.blocks();
        }

        @Override
        public double value() {
            return subject.loss(c);
        }

        @Override
        public double[][] gradient() {
            return subject.gradients(c);
        }

        @Override
        public String description() {
            return "your network, " + c;
        }

        @Override
        public List<KnownFactor> knownFactors() {
            List<KnownFactor> factors = new ArrayList<>(List.of(new KnownFactor("the batch size m", c.batchSize())));
            int outputs = c.width(c.depth() - 1);
            if (outputs > 1) {
                factors.add(new KnownFactor("the number of output units", outputs));
            }
            return factors;
        }
    }
}
