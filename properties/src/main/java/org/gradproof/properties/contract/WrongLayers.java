package org.gradproof.properties.contract;

import org.gradproof.check.GradientReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which layers of a case a checker's report finds wrong, by position: the top layer (output layer or head), the
 * bottom layer, those between, every layer; the kinds of parameter wrong (W, U, b); whether input or initial-state
 * gradients are wrong. And the same in words, for the first line of a failure message.
 *
 * @param top     a block of the top layer is wrong
 * @param bottom  a block of the bottom layer is wrong (the same layer as the top in a one-layer network)
 * @param between a block of a layer strictly between them is wrong
 * @param every   every layer has a wrong block
 * @param kinds   the kinds of the wrong layer blocks, e.g. [W, b]
 * @param inputs  an input or initial-state block is wrong
 */
record WrongLayers(boolean top, boolean bottom, boolean between, boolean every, Set<String> kinds, boolean inputs) {

    static WrongLayers of(GradientReport report, LayerRoles roles) {
        int layers = roles.names().size();
        boolean[] wrong = new boolean[layers];
        Set<String> kinds = new TreeSet<>();
        boolean inputs = false;
        for (String block : report.wrongBlocks()) {
            int layer = roles.layerOf(block);
            if (layer < 0) {
                inputs = true;
            } else {
                wrong[layer] = true;
                kinds.add(LayerRoles.kindOf(block));
            }
        }
        boolean between = false;
        boolean every = true;
        for (int l = 0; l < layers; l++) {
            between |= wrong[l] && l > 0 && l < layers - 1;
            every &= wrong[l];
        }
        return new WrongLayers(wrong[layers - 1], wrong[0], between, every, Set.copyOf(kinds), inputs);
    }

    /** Where the wrong blocks are, in words, e.g. "on the output layer only (bias blocks only)". */
    String describe(LayerRoles roles) {
        List<String> parts = new ArrayList<>();
        if (every) {
            parts.add(roles.names().size() == 1 ? "on its only layer" : "on every layer");
        } else {
            List<String> layers = new ArrayList<>();
            if (bottom) {
                layers.add(roles.bottom());
            }
            if (between) {
                layers.add("the layers between");
            }
            if (top) {
                layers.add(roles.top());
            }
            if (!layers.isEmpty()) {
                parts.add("on " + String.join(" and ", layers) + " only");
            }
        }
        if (kinds.equals(Set.of("b"))) {
            parts.add("(bias blocks only)");
        } else if (!kinds.isEmpty() && !kinds.contains("b")) {
            parts.add("(weights only, the biases are right)");
        }
        if (inputs) {
            parts.add(parts.isEmpty() ? "on the input and initial-state gradients only" : "and the input gradients");
        }
        return String.join(" ", parts);
    }
}
