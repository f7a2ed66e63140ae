package org.gradproof.properties;

import org.gradproof.nn.Activation;
import org.gradproof.nn.LeakyRelu;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.StandardActivation;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.Arrays;
import java.util.List;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * QuickTheories generators of reference networks and their batches.
 *
 * <p>Dimensions come first and every part is drawn independently, then combined with {@code zip} (see
 * {@link ArchitectureSpace}), so shrinking reduces depth, widths, batch size and activations each on its own, down to
 * the smallest failing case. Weights and data come from seeds, so they always have the chosen dimensions.
 *
 * <pre>{@code
 * qt().forAll(NetworkGenerators.networkCases())
 *     .checkAssert(c -> assertTrue(GradientCheck.check(c.objective()).passed()));
 * }</pre>
 */
public final class NetworkGenerators {

    /** Dense layers per network, output layer included. */
    public static final int MIN_DEPTH = 1;
    public static final int MAX_DEPTH = 4;
    public static final int MAX_WIDTH = 8;
    public static final int MAX_BATCH = 6;

    /** Every hidden activation of the reference implementation. */
    public static final List<Activation> HIDDEN_ACTIVATIONS = List.of(StandardActivation.IDENTITY,
            StandardActivation.SIGMOID, StandardActivation.TANH, StandardActivation.RELU, new LeakyRelu(0.1),
            StandardActivation.SOFTPLUS, StandardActivation.ERF_LOGISTIC);
    /** The activations with kinks. */
    public static final List<Activation> KINKED_ACTIVATIONS = List.of(StandardActivation.RELU, new LeakyRelu(0.1));
    /** Weight scales from small to saturating; shrinking moves towards the first, 1. */
    public static final List<Double> WEIGHT_SCALES = List.of(1.0, 0.1, 0.5, 2.0, 4.0, 8.0);
    /** The scales at which sigmoid and tanh units saturate. */
    public static final List<Double> SATURATING_SCALES = List.of(4.0, 8.0);

    private NetworkGenerators() {
    }

    /** Architectures with any hidden activation and any head. */
    public static Gen<Architecture> architectures() {
        return architectures(HIDDEN_ACTIVATIONS, Arrays.asList(Head.values()));
    }

    /** Architectures of depth 1–4, widths 1–8, hidden activations from {@code hidden}, heads from {@code heads}. */
    public static Gen<Architecture> architectures(List<? extends Activation> hidden, List<Head> heads) {
        return architectures(hidden, heads, 1);
    }

    /** As {@link #architectures(List, List)}, with at least {@code minOutputs} output units. */
    public static Gen<Architecture> architectures(List<? extends Activation> hidden, List<Head> heads,
                                                  int minOutputs) {
        return ArchitectureSpace.all().withActivations(hidden).withHeads(heads).withMinOutputs(minOutputs)
                .architectures();
    }

    /**
     * Architectures of depth 2–4 whose first layer is square (dense1.W is n × n, n ≥ 2), so that a transposed
     * gradient can be planted; otherwise as {@link #architectures()}.
     */
    public static Gen<Architecture> squareFirstLayerArchitectures() {
        Gen<Integer> depths = integers().between(2, MAX_DEPTH);
        Gen<List<Integer>> widths = lists().of(integers().between(1, MAX_WIDTH)).ofSize(MAX_DEPTH);
        Gen<List<Activation>> activations = lists().of(Generate.<Activation>pick(HIDDEN_ACTIVATIONS)).ofSize(MAX_DEPTH);
        Gen<Integer> inputs = integers().between(2, MAX_WIDTH);
        Gen<Layers> layers = depths.zip(widths, activations, Layers::new);
        return layers.zip(inputs, Generate.pick(Arrays.asList(Head.values())), Generate.enumValues(Reduction.class),
                (l, in, head, reduction) -> {
                    List<Integer> hidden = new java.util.ArrayList<>(l.widths().subList(0, l.depth() - 1));
                    hidden.set(0, in);
                    return new Architecture(in, hidden, l.activations().subList(0, l.depth() - 1),
                            Math.max(head.minimumOutputs(), l.widths().get(l.depth() - 1)), head, reduction);
                }).describedAs(Architecture::toString);
    }

    /** Batch sizes 1–6. */
    public static Gen<Integer> batchSizes() {
        return integers().between(1, MAX_BATCH);
    }

    /** Weight scales from 0.1 to 8. */
    public static Gen<Double> weightScales() {
        return Generate.pick(WEIGHT_SCALES);
    }

    /** Seeds for weights and data. */
    public static Gen<Long> seeds() {
        return longs().between(0, Long.MAX_VALUE);
    }

    /** Cases over every architecture, batch size and weight scale. */
    public static Gen<NetworkCase> networkCases() {
        return networkCases(architectures(), weightScales());
    }

    /** Cases whose hidden layers are all relu or leaky relu (kinks everywhere). */
    public static Gen<NetworkCase> kinkedNetworkCases() {
        return networkCases(architectures(KINKED_ACTIVATIONS, Arrays.asList(Head.values())), weightScales());
    }

    /** Cases with weights large enough to saturate sigmoid, tanh and erf units. */
    public static Gen<NetworkCase> saturatedNetworkCases() {
        return networkCases(architectures(), Generate.pick(SATURATING_SCALES));
    }

    /** Cases over the given architectures and weight scales. */
    public static Gen<NetworkCase> networkCases(Gen<Architecture> architectures, Gen<Double> scales) {
        return networkCases(architectures, scales, batchSizes());
    }

    /** Cases over the given architectures, weight scales and batch sizes. */
    public static Gen<NetworkCase> networkCases(Gen<Architecture> architectures, Gen<Double> scales,
                                                Gen<Integer> batches) {
        return architectures.zip(batches, scales, seeds(), seeds(), NetworkCase::new)
                .describedAs(NetworkCase::toString);
    }

    /** The layer part of an architecture before the depth cut: depth plus a full-length list of widths/activations. */
    private record Layers(int depth, List<Integer> widths, List<Activation> activations) {
    }
}
