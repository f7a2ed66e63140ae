package org.gradproof.properties.contract;

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

    /** The index of the layer {@code blockName} belongs to, bottom = 0, or −1 if it is an input block. */
    int layerOf(String blockName) {
        int dot = blockName.indexOf('.');
        return dot < 0 ? -1 : names.indexOf(blockName.substring(0, dot));
    }

    /** The kind of parameter a block of a layer holds: {@code W}, {@code U} or {@code b} (the gate dropped). */
    static String kindOf(String blockName) {
        String kind = blockName.substring(blockName.indexOf('.') + 1);
        int gate = kind.indexOf('_');
        return gate < 0 ? kind : kind.substring(0, gate);
    }
}
