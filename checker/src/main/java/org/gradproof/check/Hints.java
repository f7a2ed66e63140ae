package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Likely causes of a wrong gradient, read from where the wrong blocks sit in the model — each a question, and each only
 * when its pattern holds:
 * <ul>
 *   <li>only bias blocks wrong, the weights right, not by one constant factor: the deltas are right, so is each bias
 *       gradient its delta summed over the batch? (off by a known factor such as m: summed without the 1/m the
 *       weights get?);</li>
 *   <li>every wrong block in one layer, scaled by a known factor f or 1/f, the other layers right: that layer misses
 *       the 1/f of the mean (or divides by f once too often);</li>
 *   <li>a layer wholly wrong, every layer above it right and every layer below it wrong (or none below): its
 *       activation derivative, or the delta passed into it;</li>
 *   <li>a layer wholly wrong with the layers above and below it right: the delta it passes down is right, so its own
 *       dW and db are formed wrongly from it;</li>
 *   <li>a layer's weights wrong, its bias right: its delta is right, so dW multiplies the wrong input.</li>
 * </ul>
 * The layer patterns need the model's {@link ModelLayers} (declared by the function, or read from its block names);
 * the bias pattern needs only to know which blocks are biases. Nothing is said when every layer is wrong.
 */
final class Hints {

    private Hints() {
    }

    /**
     * The hints for a finding over these blocks.
     *
     * @param finding the diagnosis with the wrong blocks' patterns
     * @param blocks  every block of the function, in order
     * @param known   the function's known factors (see {@link ScaleCauses})
     * @param layers  the function's layers, if known
     */
    static List<String> of(DiagnosisFinder.Finding finding, List<ParameterBlock> blocks,
                           List<BlockFunction.KnownFactor> known, Optional<ModelLayers> layers) {
        Diagnosis d = finding.diagnosis();
        List<BlockPattern> wrong = finding.patterns();
        if (wrong.isEmpty() || d != Diagnosis.SCALED && d != Diagnosis.SIGN_FLIP && d != Diagnosis.MISMATCH) {
            return List.of();
        }
        Set<String> wrongNames = wrong.stream().map(p -> p.block().name()).collect(Collectors.toSet());
        List<String> names = blocks.stream().map(ParameterBlock::name).toList();
        List<String> hints = new ArrayList<>();
        Optional<String> bias = biasOnly(wrong, wrongNames, names, known, layers);
        if (bias.isPresent()) {
            hints.add(bias.get());
        } else if (layers.isPresent() && layers.get().layers().stream().flatMap(l -> l.blocks().stream())
                .collect(Collectors.toSet()).containsAll(wrongNames)) {
            oneLayerScaled(wrong, wrongNames, known, layers.get())
                    .or(() -> layerPosition(wrongNames, layers.get())).ifPresent(hints::add);
        }
        return List.copyOf(hints);
    }

    private static Optional<String> biasOnly(List<BlockPattern> wrong, Set<String> wrongNames, List<String> names,
                                             List<BlockFunction.KnownFactor> known, Optional<ModelLayers> layers) {
        boolean allBiases = wrongNames.stream().allMatch(n -> isBias(n, layers));
        boolean weightsRight = names.stream().anyMatch(n -> !wrongNames.contains(n) && isWeights(n, layers));
        if (!allBiases || !weightsRight) {
            return Optional.empty();
        }
        String which = "only bias gradients are wrong (" + String.join(", ", inOrder(wrongNames, names))
                + ") and the weights are right, so the deltas are";
        Optional<Double> k = commonScale(wrong);
        Optional<String> factor = k.flatMap(s -> factorOf(s, known));
        Optional<String> inverse = k.flatMap(s -> factorOf(1 / s, known));
        if (factor.isPresent()) {
            return Optional.of(which + ": is the bias gradient summed over the batch without the 1/"
                    + ScaleCauses.trim(k.get()) + " that the weights' gradients get (k = " + ScaleCauses.trim(k.get())
                    + " = " + factor.get() + ")?");
        }
        if (inverse.isPresent()) {
            String f = ScaleCauses.trim(1 / k.get());
            return Optional.of(which + ": is the bias gradient divided by " + f + " once more than the weights' "
                    + "(k = 1/" + f + ", " + f + " = " + inverse.get() + ")?");
        }
        if (wrong.stream().allMatch(p -> p.kind() == BlockPattern.Kind.SCALED)) {
            return Optional.empty(); // a sign flip or a factor of its own: the explanation's causes say more
        }
        return Optional.of(which + ": is each bias gradient its delta summed over the batch — every example's "
                + "added in (not assigned), along the examples and not the units?");
    }

    /** Every wrong block in one layer, all scaled by a known factor f or 1/f, and another layer right. */
    private static Optional<String> oneLayerScaled(List<BlockPattern> wrong, Set<String> wrongNames,
                                                   List<BlockFunction.KnownFactor> known, ModelLayers layers) {
        Set<Integer> wrongLayers = layersOf(wrongNames, layers);
        Optional<Double> k = commonScale(wrong);
        if (wrongLayers.size() != 1 || layers.layers().size() < 2 || k.isEmpty()) {
            return Optional.empty();
        }
        ModelLayers.Layer layer = layers.layers().get(wrongLayers.iterator().next());
        String subject = wrongNames.containsAll(layer.blocks()) ? layer.name()
                : String.join(", ", inOrder(wrongNames, layer.blocks()));
        String n = ScaleCauses.trim(k.get());
        Optional<String> factor = factorOf(k.get(), known);
        if (factor.isPresent()) {
            return Optional.of("only " + subject + " is off, by k = " + n + " = " + factor.get() + ", and the other "
                    + "layers are right: does " + subject + " miss the 1/" + n + " of the mean that the other layers' "
                    + "gradients get (summed over the examples, not averaged)?");
        }
        String f = ScaleCauses.trim(1 / k.get());
        return factorOf(1 / k.get(), known).map(name -> "only " + subject + " is off, by k = 1/" + f + " (" + f
                + " = " + name + "), and the other layers are right: does " + subject + " divide by " + f
                + " once more than the other layers (averaged twice)?");
    }

    /** A layer wrong as a whole, placed among right and wrong layers; or its weights alone wrong. */
    private static Optional<String> layerPosition(Set<String> wrongNames, ModelLayers layers) {
        TreeSet<Integer> wrongLayers = layersOf(wrongNames, layers);
        int count = layers.layers().size();
        if (wrongLayers.size() == count) {
            return Optional.empty();
        }
        int top = wrongLayers.last();
        ModelLayers.Layer layer = layers.layers().get(top);
        String name = layer.name();
        if (wrongLayers.size() == 1 && !layer.biases().isEmpty() && wrongNames.equals(Set.copyOf(layer.weights()))) {
            return Optional.of(name + "'s weights are wrong but its bias is right, so the delta at " + name + " is "
                    + "right: is dW formed with the wrong input (another layer's activation, or a product in the wrong "
                    + "order)?");
        }
        if (!wrongNames.containsAll(layer.blocks())) {
            return Optional.empty();
        }
        if (wrongLayers.size() == top + 1) {
            // this layer and every layer below it: an error that enters here and flows down
            return Optional.of(name + " is wrong and every layer above it is right"
                    + (top > 0 ? " (the layers below inherit its error)" : "") + ": is it " + name
                    + "'s activation derivative (φ′ given the wrong argument? φ′(z) needs z, a formula in a such as "
                    + "1 − a² needs a = φ(z)), or the delta passed into it from "
                    + layers.layers().get(top + 1).name() + "?");
        }
        if (wrongLayers.size() == 1) {
            return Optional.of("only " + name + " is wrong: the layers " + (top == count - 1 ? "below it are right"
                    : "above and below it are right") + ", so the delta it passes down is right: is " + name
                    + "'s own gradient formed wrongly from it (dW = δ·aᵀ with the layer's own input a, db = δ "
                    + "summed over the examples)?");
        }
        return Optional.empty();
    }

    /** The one scale every wrong block is off by, if they are all SCALED by the same k. */
    private static Optional<Double> commonScale(List<BlockPattern> wrong) {
        double k = wrong.get(0).scale();
        boolean common = wrong.stream().allMatch(p -> p.kind() == BlockPattern.Kind.SCALED
                && ScaleCauses.near(p.scale(), k));
        return common && k > 0 ? Optional.of(k) : Optional.empty();
    }

    /** The names of the known factors without a cause of their own that k equals, e.g. "the batch size m". */
    private static Optional<String> factorOf(double k, List<BlockFunction.KnownFactor> known) {
        List<String> names = known.stream()
                .filter(f -> f.cause() == null && f.value() > 0 && f.value() != 1
                        && ScaleCauses.near(k, f.value()))
                .map(BlockFunction.KnownFactor::name).distinct().toList();
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(" or ", names));
    }

    private static TreeSet<Integer> layersOf(Set<String> blocks, ModelLayers layers) {
        return blocks.stream().map(layers::layerOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isBias(String block, Optional<ModelLayers> layers) {
        return layers.map(l -> l.isBias(block)).orElse(BlockNames.kind(block) == BlockNames.Kind.BIAS);
    }

    private static boolean isWeights(String block, Optional<ModelLayers> layers) {
        return layers.map(l -> l.isWeights(block)).orElse(BlockNames.kind(block) == BlockNames.Kind.WEIGHTS);
    }

    private static List<String> inOrder(Set<String> subset, List<String> order) {
        return order.stream().filter(subset::contains).toList();
    }
}
