package org.gradproof.properties;

import org.gradproof.nn.Activation;
import org.gradproof.nn.Reduction;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The dense architectures a generator draws from: ranges of depth (dense layers, output layer included), of hidden
 * and output widths and of input features, the hidden activations, the heads, the reductions, and the least number of
 * output units.
 *
 * <p>Depth is drawn first, on its own, over fixed-length lists of widths and activations (the first depth − 1 are the
 * hidden layers, the last width the output layer's), and every other part independently, so that QuickTheories shrinks
 * each towards its minimum on its own. The output layer has max(last width, {@code minOutputs}, the head's minimum)
 * units.
 *
 * @param minDepth    the least number of dense layers, ≥ 1
 * @param maxDepth    the most, ≥ minDepth
 * @param minWidth    the least width of a hidden or output layer, ≥ 1
 * @param maxWidth    the most, ≥ minWidth
 * @param minInputs   the least number of input features, ≥ 1
 * @param maxInputs   the most, ≥ minInputs
 * @param activations the hidden activations, at least one
 * @param heads       the output/loss pairings, at least one
 * @param reductions  the batch reductions, at least one
 * @param minOutputs  the least number of output units, ≥ 1
 */
public record ArchitectureSpace(int minDepth, int maxDepth, int minWidth, int maxWidth, int minInputs, int maxInputs,
                                List<Activation> activations, List<Head> heads, List<Reduction> reductions,
                                int minOutputs) {

    public ArchitectureSpace {
        requireRange("depth", minDepth, maxDepth);
        requireRange("width", minWidth, maxWidth);
        requireRange("inputs", minInputs, maxInputs);
        activations = requireSome("activations", activations);
        heads = requireSome("heads", heads);
        reductions = requireSome("reductions", reductions);
        if (minOutputs < 1) {
            throw new IllegalArgumentException("minOutputs must be at least 1, got " + minOutputs);
        }
    }

    /** The whole space the property suite explores: depth 1–4, widths and inputs 1–8, everything else all. */
    public static ArchitectureSpace all() {
        return new ArchitectureSpace(NetworkGenerators.MIN_DEPTH, NetworkGenerators.MAX_DEPTH, 1,
                NetworkGenerators.MAX_WIDTH, 1, NetworkGenerators.MAX_WIDTH, NetworkGenerators.HIDDEN_ACTIVATIONS,
                List.of(Head.values()), List.of(Reduction.values()), 1);
    }

    /** This space with depths from {@code min} to {@code max}. */
    public ArchitectureSpace withDepths(int min, int max) {
        return new ArchitectureSpace(min, max, minWidth, maxWidth, minInputs, maxInputs, activations, heads,
                reductions, minOutputs);
    }

    /** This space with hidden and output widths from {@code min} to {@code max}. */
    public ArchitectureSpace withWidths(int min, int max) {
        return new ArchitectureSpace(minDepth, maxDepth, min, max, minInputs, maxInputs, activations, heads,
                reductions, minOutputs);
    }

    /** This space with input features from {@code min} to {@code max}. */
    public ArchitectureSpace withInputs(int min, int max) {
        return new ArchitectureSpace(minDepth, maxDepth, minWidth, maxWidth, min, max, activations, heads, reductions,
                minOutputs);
    }

    /** This space with other hidden activations. */
    public ArchitectureSpace withActivations(List<? extends Activation> hidden) {
        return new ArchitectureSpace(minDepth, maxDepth, minWidth, maxWidth, minInputs, maxInputs,
                List.copyOf(hidden), heads, reductions, minOutputs);
    }

    /** This space with other heads. */
    public ArchitectureSpace withHeads(List<Head> other) {
        return new ArchitectureSpace(minDepth, maxDepth, minWidth, maxWidth, minInputs, maxInputs, activations, other,
                reductions, minOutputs);
    }

    /** This space with other reductions. */
    public ArchitectureSpace withReductions(List<Reduction> other) {
        return new ArchitectureSpace(minDepth, maxDepth, minWidth, maxWidth, minInputs, maxInputs, activations, heads,
                other, minOutputs);
    }

    /** This space with at least {@code n} output units. */
    public ArchitectureSpace withMinOutputs(int n) {
        return new ArchitectureSpace(minDepth, maxDepth, minWidth, maxWidth, minInputs, maxInputs, activations, heads,
                reductions, n);
    }

    /** The generator of architectures in this space. */
    public Gen<Architecture> architectures() {
        Gen<Integer> depths = integers().between(minDepth, maxDepth);
        Gen<List<Integer>> widths = lists().of(integers().between(minWidth, maxWidth)).ofSize(maxDepth);
        Gen<List<Activation>> hidden = lists().of(Generate.pick(activations)).ofSize(maxDepth);
        Gen<Layers> layers = depths.zip(widths, hidden, Layers::new);
        return layers.zip(integers().between(minInputs, maxInputs), Generate.pick(heads), Generate.pick(reductions),
                (l, in, head, reduction) -> new Architecture(in, l.widths().subList(0, l.depth() - 1),
                        l.activations().subList(0, l.depth() - 1), Math.max(Math.max(minOutputs,
                        head.minimumOutputs()), l.widths().get(l.depth() - 1)), head, reduction))
                .describedAs(Architecture::toString);
    }

    private static void requireRange(String what, int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException(what + ": need 1 ≤ min ≤ max, got min " + min + ", max " + max);
        }
    }

    private static <T> List<T> requireSome(String what, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + ": give at least one");
        }
        return List.copyOf(values);
    }

    /** The layer part of an architecture before the depth cut: depth plus full-length lists of widths/activations. */
    private record Layers(int depth, List<Integer> widths, List<Activation> activations) {
    }
}
