package org.gradproof.check;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layers read from block names under the common schemes, and only when the names say the order. */
class ModelLayersTest {

    private static List<String> names(Optional<ModelLayers> layers) {
        return layers.orElseThrow().layers().stream().map(ModelLayers.Layer::name).toList();
    }

    @Test
    void commonSchemesAreReadBottomFirst() {
        assertEquals(List.of("dense1", "dense2"), names(ModelLayers.fromBlockNames(
                List.of("dense2.W", "dense2.b", "dense1.W", "dense1.b"))));
        assertEquals(List.of("layers[0]", "layers[1]"), names(ModelLayers.fromBlockNames(
                List.of("layers[0].W", "layers[0].b", "layers[1].W", "layers[1].b"))));
        assertEquals(List.of("fc1", "fc2"), names(ModelLayers.fromBlockNames(
                List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"))));
        assertEquals(List.of("layer 1", "layer 2"), names(ModelLayers.fromBlockNames(List.of("W1", "b1", "W2", "b2"))));
        assertEquals(List.of("dense9", "dense10"), names(ModelLayers.fromBlockNames(
                List.of("dense10.W", "dense9.W"))), "by number, not by text");
    }

    @Test
    void weightsAndBiasesAreToldApartAndOtherBlocksLeftOut() {
        ModelLayers layers = ModelLayers.fromBlockNames(List.of("inputs", "W1", "b1", "W2")).orElseThrow();
        assertEquals(new ModelLayers.Layer("layer 1", List.of("W1"), List.of("b1")), layers.layers().get(0));
        assertEquals(new ModelLayers.Layer("layer 2", List.of("W2"), List.of()), layers.layers().get(1));
        assertTrue(layers.isBias("b1") && layers.isWeights("W2") && !layers.isBias("W1"));
        assertEquals(-1, layers.layerOf("inputs"));
        assertEquals(1, layers.layerOf("W2"));
        ModelLayers lstm = ModelLayers.fromBlockNames(List.of("lstm1.W_i", "lstm1.U_i", "lstm1.b_i", "lstm2.W_i",
                "lstm2.b_i", "x[t=0]", "h0.lstm1")).orElseThrow();
        assertEquals(List.of("lstm1.W_i", "lstm1.U_i"), lstm.layers().get(0).weights());
        assertEquals(List.of("lstm1.b_i"), lstm.layers().get(0).biases());
    }

    @Test
    void namesThatDoNotSayTheOrderGiveNoLayers() {
        assertEquals(Optional.empty(), ModelLayers.fromBlockNames(List.of("x")));
        assertEquals(Optional.empty(), ModelLayers.fromBlockNames(List.of("weights_hidden", "bias_hidden",
                "weights_output", "bias_output")));
        assertEquals(Optional.empty(), ModelLayers.fromBlockNames(List.of("lstm1.W_i", "head.W", "head.b")));
        assertEquals(Optional.empty(), ModelLayers.fromBlockNames(List.of("E.W1", "E.b1", "D.W1", "D.b1")));
        assertEquals(Optional.empty(), ModelLayers.fromBlockNames(List.of("W", "b")));
        assertEquals(Optional.empty(), ModelLayers.fromBlockNames(List.of("THETA[0]", "THETA[1]")));
        assertEquals(Optional.empty(), ModelLayers.fromBlockNames(List.of("dense1.W", "dense1.W", "dense2.W")));
    }

    @Test
    void theBlockKindIsReadEvenWithoutAnOrder() {
        assertEquals(BlockNames.Kind.BIAS, BlockNames.kind("bias_hidden"));
        assertEquals(BlockNames.Kind.WEIGHTS, BlockNames.kind("weights_output"));
        assertEquals(BlockNames.Kind.BIAS, BlockNames.kind("head.b"));
        assertEquals(BlockNames.Kind.OTHER, BlockNames.kind("h0.lstm1"));
        assertEquals(BlockNames.Kind.OTHER, BlockNames.kind("x[t=0]"));
    }

    @Test
    void aBlockInTwoLayersIsRefused() {
        ModelLayers.Layer a = new ModelLayers.Layer("a", List.of("W"), List.of());
        ModelLayers.Layer b = new ModelLayers.Layer("b", List.of("W"), List.of("c"));
        assertEquals("block W is listed twice",
                assertThrows(IllegalArgumentException.class, () -> new ModelLayers(List.of(a, b))).getMessage());
    }
}
