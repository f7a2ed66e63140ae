package org.gradproof.properties.contract;

import org.gradproof.check.ModelLayers;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameter layers of a case from the bottom (nearest the input) to the top (the output layer or head), as block
 * names begin ({@code dense1} for {@code dense1.W}), with the words a message uses for the two ends. Blocks whose name
 * begins otherwise ({@code x[t=0]}, {@code h0.lstm1}) are inputs, not layers.
 *
 * @param names  the layers' names, bottom first
 * @param bottom what to call the bottom layer, e.g. "the first layer"
 * @param top    what to call the top layer, e.g. "the output layer"
 */
record LayerRoles(List<String> names, String bottom, String top) {

    LayerRoles {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names: a case has at least one layer");
        }
    }

    /** The layers of a dense case: dense1 (the first layer) … denseN (the output layer). */
    static LayerRoles of(ContractCase c) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < c.depth(); l++) {
            names.add(c.reference().layers().get(l).name());
        }
        return new LayerRoles(names, "the first layer", "the output layer");
    }

    /** The layers of a recurrent case: lstm1 (the bottom layer) … lstmN, then the head. */
    static LayerRoles of(RecurrentContractCase c) {
        List<String> names = new ArrayList<>();
        for (int l = 1; l <= c.layers(); l++) {
            names.add("lstm" + l);
        }
        names.add("head");
        return new LayerRoles(names, "lstm1 (the bottom layer)", "the head");
    }

    /**
     * These layers as the checker takes them ({@link org.gradproof.check.BlockFunction#modelLayers()}): each with its
     * blocks among {@code blockNames}, biases ({@code b}) apart from weights ({@code W}, {@code U}); input and
     * initial-state blocks in none.
     */
    ModelLayers modelLayers(List<String> blockNames) {
        List<ModelLayers.Layer> layers = new ArrayList<>();
        for (int l = 0; l < names.size(); l++) {
            int layer = l;
            List<String> blocks = blockNames.stream().filter(b -> layerOf(b) == layer).toList();
            layers.add(new ModelLayers.Layer(names.get(l), blocks.stream().filter(b -> !kindOf(b).equals("b")).toList(),
                    blocks.stream().filter(b -> kindOf(b).equals("b")).toList()));
        }
        return new ModelLayers(layers);
    }

    /**
     * The index of the layer {@code blockName} belongs to, bottom = 0, or −1 if it is an input block. A layer check's
     * projection prefix ({@code u2·dense.W}) is not part of the name.
     */
    int layerOf(String blockName) {
        String name = withoutProjection(blockName);
        int dot = name.indexOf('.');
        return dot < 0 ? -1 : names.indexOf(name.substring(0, dot));
    }

    /** The kind of parameter a block of a layer holds: {@code W}, {@code U} or {@code b} (the gate dropped). */
    static String kindOf(String blockName) {
        String name = withoutProjection(blockName);
        String kind = name.substring(name.indexOf('.') + 1);
        int gate = kind.indexOf('_');
        return gate < 0 ? kind : kind.substring(0, gate);
    }

    /** The block's name without a layer check's projection prefix, {@code uN·} or {@code J[out i]·}. */
    static String withoutProjection(String blockName) {
        return blockName.replaceFirst("^(u\\d+|J\\[out \\d+])·", "");
    }
}
