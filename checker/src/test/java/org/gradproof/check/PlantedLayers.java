package org.gradproof.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A loss over the blocks of declared {@link ModelLayers}, with bugs planted in chosen blocks' claimed gradients, for
 * tests of what a report says about where the wrong blocks sit. Each weight block is 2x2 (square, so it can be
 * transposed), each bias block has 2 entries, and every entry θ adds c·sin θ + θ²/2 to the loss: its derivative
 * c·cos θ + θ is of order 1 and differs from entry to entry, so a scale, a sign or a transposition shows plainly. The
 * layers are declared, not read from the names, unless built {@link #namedOnly}.
 */
final class PlantedLayers implements BlockFunction {

    private final List<ParameterBlock> blocks;
    private final Optional<ModelLayers> layers;
    private final List<KnownFactor> known;
    private final Map<String, UnaryOperator<double[]>> bugs;

    private PlantedLayers(List<ParameterBlock> blocks, Optional<ModelLayers> layers, List<KnownFactor> known,
                          Map<String, UnaryOperator<double[]>> bugs) {
        this.blocks = blocks;
        this.layers = layers;
        this.known = known;
        this.bugs = bugs;
    }

    /** The blocks of {@code layers} (plus {@code others}, in no layer, 2 entries each), no bug yet. */
    static PlantedLayers of(ModelLayers layers, List<String> others, KnownFactor... known) {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (ModelLayers.Layer layer : layers.layers()) {
            for (String w : layer.weights()) {
                blocks.add(new ParameterBlock(w, start(blocks.size(), 4), 2, 2));
            }
            for (String b : layer.biases()) {
                blocks.add(ParameterBlock.vector(b, start(blocks.size(), 2)));
            }
        }
        for (String o : others) {
            blocks.add(ParameterBlock.vector(o, start(blocks.size(), 2)));
        }
        return new PlantedLayers(List.copyOf(blocks), Optional.of(layers), List.of(known), Map.of());
    }

    /** Layers named {@code name1 … nameN}, each with weights {@code nameL.W} and bias {@code nameL.b}. */
    static ModelLayers layers(String name, int count) {
        List<ModelLayers.Layer> list = new ArrayList<>();
        for (int l = 1; l <= count; l++) {
            list.add(new ModelLayers.Layer(name + l, List.of(name + l + ".W"), List.of(name + l + ".b")));
        }
        return new ModelLayers(list);
    }

    /** The same function whose layers are not declared: the checker reads what it can from the block names. */
    PlantedLayers namedOnly() {
        return new PlantedLayers(blocks, ModelLayers.fromBlockNames(blocks.stream().map(ParameterBlock::name)
                .toList()), known, bugs);
    }

    /** The same function with {@code block}'s claimed gradient passed through {@code bug}. */
    PlantedLayers with(String block, UnaryOperator<double[]> bug) {
        if (blocks.stream().noneMatch(b -> b.name().equals(block))) {
            throw new IllegalArgumentException("no block " + block);
        }
        Map<String, UnaryOperator<double[]>> more = new HashMap<>(bugs);
        more.put(block, bug);
        return new PlantedLayers(blocks, layers, known, more);
    }

    /** The claim times k. */
    static UnaryOperator<double[]> times(double k) {
        return g -> {
            for (int i = 0; i < g.length; i++) {
                g[i] *= k;
            }
            return g;
        };
    }

    /** Each entry i times 1 + (i + 1)/2: wrong by no single factor. */
    static UnaryOperator<double[]> uneven() {
        return g -> {
            for (int i = 0; i < g.length; i++) {
                g[i] *= 1 + (i + 1) / 2.0;
            }
            return g;
        };
    }

    /** A 2x2 claim transposed. */
    static UnaryOperator<double[]> transposed() {
        return g -> new double[] {g[0], g[2], g[1], g[3]};
    }

    private static double[] start(int block, int size) {
        double[] theta = new double[size];
        for (int k = 0; k < size; k++) {
            theta[k] = 0.3 + 0.17 * block + 0.11 * k;
        }
        return theta;
    }

    private static double coefficient(int k) {
        return 1 + 0.5 * k;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        double s = 0;
        for (ParameterBlock b : blocks) {
            double[] theta = b.data();
            for (int k = 0; k < theta.length; k++) {
                s += coefficient(k) * Math.sin(theta[k]) + theta[k] * theta[k] / 2;
            }
        }
        return s;
    }

    @Override
    public double[][] gradient() {
        double[][] g = new double[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            double[] theta = blocks.get(b).data();
            g[b] = new double[theta.length];
            for (int k = 0; k < theta.length; k++) {
                g[b][k] = coefficient(k) * Math.cos(theta[k]) + theta[k];
            }
            g[b] = bugs.getOrDefault(blocks.get(b).name(), UnaryOperator.identity()).apply(g[b]);
        }
        return g;
    }

    @Override
    public Optional<ModelLayers> modelLayers() {
        return layers;
    }

    @Override
    public List<KnownFactor> knownFactors() {
        return known;
    }

    @Override
    public String description() {
        return "planted layers " + blocks;
    }
}
