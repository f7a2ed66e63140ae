package org.gradproof.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model's parameter layers from the bottom (nearest the input) to the top (the output layer or head), each with its
 * weight and bias blocks: what lets a report point at a layer ("dense1 is wrong and every layer above it is right").
 * Blocks in no layer (inputs, initial states) are not listed.
 *
 * <pre>{@code
 * new ModelLayers(List.of(new ModelLayers.Layer("hidden", List.of("W1"), List.of("b1")),
 *                         new ModelLayers.Layer("output", List.of("W2"), List.of("b2"))));
 * }</pre>
 *
 * @param layers bottom first; at least one, no block in two of them
 */
public record ModelLayers(List<Layer> layers) {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /**
     * One layer.
     *
     * @param name    what to call it, e.g. {@code dense1}
     * @param weights its weight blocks (W, recurrent U, gates), by block name
     * @param biases  its bias blocks, by block name (none for a layer without bias)
     */
    public record Layer(String name, List<String> weights, List<String> biases) {
        public Layer {
            Objects.requireNonNull(name, "name");
            weights = List.copyOf(weights);
            biases = List.copyOf(biases);
            if (weights.isEmpty() && biases.isEmpty()) {
                throw new IllegalArgumentException("layer " + name + ": no blocks");
            }
        }

        /** Its blocks, weights first. */
        public List<String> blocks() {
            List<String> all = new ArrayList<>(weights);
            all.addAll(biases);
            return all;
        }
    }

    public ModelLayers {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers: a model has at least one layer");
        }
        Set<String> seen = new HashSet<>();
        for (Layer l : layers) {
            for (String b : l.blocks()) {
                if (!seen.add(b)) {
                    throw new IllegalArgumentException("block " + b + " is listed twice");
                }
            }
        }
    }

    /**
     * The layers the block names describe, when they follow a common scheme — {@code dense1.W} / {@code dense1.b},
     * {@code layers[0].W}, {@code fc1.weight} / {@code fc1.bias}, {@code W1} / {@code b1} — and number the layers
     * from the input up (dense1 below dense2): every weight or bias block must name its layer, and the layers'
     * names must differ only in their number. Other blocks ({@code x[t=0]}, {@code inputs}) are left out. Empty when
     * the names do not say that much, or name a block twice.
     */
    public static Optional<ModelLayers> fromBlockNames(List<String> names) {
        if (Set.copyOf(names).size() != names.size()) {
            return Optional.empty();
        }
        Map<String, List<String>> weights = new LinkedHashMap<>();
        Map<String, List<String>> biases = new LinkedHashMap<>();
        for (String name : names) {
            BlockNames.Kind kind = BlockNames.kind(name);
            if (kind == BlockNames.Kind.OTHER) {
                continue;
            }
            Optional<String> layer = BlockNames.layer(name);
            if (layer.isEmpty()) {
                return Optional.empty();
            }
            (kind == BlockNames.Kind.BIAS ? biases : weights).computeIfAbsent(layer.get(), k -> new ArrayList<>())
                    .add(name);
            (kind == BlockNames.Kind.BIAS ? weights : biases).computeIfAbsent(layer.get(), k -> new ArrayList<>());
        }
        if (weights.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, String> byNumber = new TreeMap<>();
        String stem = null;
        for (String layer : weights.keySet()) {
            Matcher m = NUMBER.matcher(layer);
            if (!m.find()) {
                return Optional.empty();
            }
            String number = m.group();
            String rest = layer.substring(0, m.start()) + "#" + layer.substring(m.end());
            if (m.find() || number.length() > 9 || stem != null && !stem.equals(rest)
                    || byNumber.put(Long.parseLong(number), layer) != null) {
                return Optional.empty();
            }
            stem = rest;
        }
        List<Layer> layers = new ArrayList<>();
        for (String layer : byNumber.values()) {
            layers.add(new Layer(displayName(layer), weights.get(layer), biases.get(layer)));
        }
        return Optional.of(new ModelLayers(layers));
    }

    /** The index of the layer {@code block} belongs to, bottom = 0, or −1 if it is in none. */
    public int layerOf(String block) {
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).blocks().contains(block)) {
                return l;
            }
        }
        return -1;
    }

    /** Whether {@code block} is one of a layer's biases. */
    public boolean isBias(String block) {
        return layers.stream().anyMatch(l -> l.biases().contains(block));
    }

    /** Whether {@code block} is one of a layer's weights. */
    public boolean isWeights(String block) {
        return layers.stream().anyMatch(l -> l.weights().contains(block));
    }

    /** "layer 1" for the key {@code [1]} of W1 / b1; the key itself otherwise ({@code dense1}, {@code layers[0]}). */
    private static String displayName(String key) {
        return key.startsWith("[") ? "layer " + key.substring(1, key.length() - 1) : key;
    }
}
