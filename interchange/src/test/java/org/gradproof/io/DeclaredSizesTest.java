package org.gradproof.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A model declaring sizes its data does not have is refused at the size, in longs, before anything of that size is
 * allocated: over the parameter limit at the declaration, else at the first matrix that does not have them.
 */
class DeclaredSizesTest {

    /** A 2-2-1 dense model whose first layer declares {@code units} units on {@code inputs} inputs; 2x2 weights. */
    private static String dense(long inputs, long units) {
        return """
                {"format": "gradproof-model", "version": 1, "layout": {"weights": "out_in", "bias": "separate"},
                 "inputs": %d,
                 "layers": [
                   {"type": "dense", "units": %d, "activation": "tanh", "weights": [[0.5, -0.25], [0.75, 1.0]],
                    "bias": [0.125, -0.5]},
                   {"type": "dense", "units": 1, "activation": "sigmoid", "weights": [[1.5, -2.0]], "bias": [0.25]}
                 ],
                 "loss": {"name": "bce", "reduction": "mean"}}
                """.formatted(inputs, units);
    }

    private static String lstm(long cells) {
        return """
                {"format": "gradproof-model", "version": 1,
                 "layout": {"weights": "out_in", "bias": "separate", "gates": "stacked"}, "inputs": 1,
                 "layers": [
                   {"type": "lstm", "cells": %d, "W": [[1], [1], [1], [1]], "U": [[1], [1], [1], [1]], "b": [0, 0, 0, 0]},
                   {"type": "dense", "head": "last_step", "units": 1, "activation": "identity", "weights": [[1]],
                    "bias": [0]}
                 ],
                 "loss": {"name": "mse", "reduction": "mean"}}
                """.formatted(cells);
    }

    private static String error(String json, ReadLimits limits) {
        return assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> assertThrows(
                InterchangeException.class, () -> ModelDocument.from(JsonNodes.parse(json, "m.json"), limits))
                .getMessage());
    }

    @Test
    void aBillionUnitsOrInputsIsOverTheParameterLimitAtItsLayer() {
        assertEquals("m.json: $.layers[0].units: the model up to dense1 (1000000000 units on 2 inputs): 3000000000 "
                + "parameters, over the limit of 10000000 parameters per model", error(dense(2, 1_000_000_000),
                ReadLimits.DEFAULT));
        assertEquals("m.json: $.layers[0].units: the model up to dense1 (2 units on 1000000000 inputs): 2000000002 "
                + "parameters, over the limit of 10000000 parameters per model", error(dense(1_000_000_000, 2),
                ReadLimits.DEFAULT));
    }

    @Test
    void sizesPastAnIntAreNotBlamedOnTheLoss() {
        assertEquals("m.json: $.layers[0].units: the model up to dense1 (100000 units on 100000 inputs): 10000100000 "
                + "parameters, over the limit of 10000000 parameters per model", error(dense(100_000, 100_000),
                ReadLimits.DEFAULT));
        assertEquals("m.json: $.inputs: expected the number of input features (an integer of at least 1), got a "
                + "number 3000000000", error(dense(3_000_000_000L, 2), ReadLimits.DEFAULT));
    }

    @Test
    void withARaisedLimitTheDataDecidesBeforeAnythingIsAllocated() {
        ReadLimits huge = new ReadLimits(1 << 20, ReadLimits.MAX_PARAMETERS);
        assertEquals("m.json: $.layers[0].weights: expected 20000 rows (the 20000x20000 dense1.W as [out][in]), got 2",
                error(dense(20_000, 20_000), huge));
        assertEquals("m.json: $.layers[0].weights[0]: expected 1000000000 numbers (row 0 of the 2x1000000000 dense1.W "
                + "as [out][in]), got 2", error(dense(1_000_000_000, 2), huge));
    }

    @Test
    void theLimitIsInclusiveAndCountsEveryLayer() {
        long parameters = 2 * 3 + 1 * 3; // 2 units on 2 inputs with biases, 1 unit on 2 inputs with its bias
        ModelDocument.from(JsonNodes.parse(dense(2, 2), "m.json"), new ReadLimits(1 << 20, parameters));
        assertEquals("m.json: $.layers[1].units: the model up to dense2 (1 units on 2 inputs): 9 parameters, over the "
                + "limit of 8 parameters per model", error(dense(2, 2), new ReadLimits(1 << 20, parameters - 1)));
    }

    @Test
    void lstmCellsAreCountedInLongsWithoutOverflow() {
        String message = assertThrows(InterchangeException.class,
                () -> LstmModelDocument.parse(lstm(1_000_000_000), "m.json")).getMessage();
        assertEquals("m.json: $.layers[0].cells: the model up to lstm1 (1000000000 cells on 1 inputs): "
                + "4000000008000000000 parameters, over the limit of 10000000 parameters per model", message);
        message = assertThrows(InterchangeException.class,
                () -> LstmModelDocument.parse(lstm(Integer.MAX_VALUE), "m.json")).getMessage();
        assertEquals("m.json: $.layers[0].cells: the model up to lstm1 (2147483647 cells on 1 inputs): more than "
                + "9223372036854775807 parameters, over the limit of 10000000 parameters per model", message);
    }

    @Test
    void anLstmModelsHeadIsCountedLikeItsLayers() {
        long lstm1 = 4 * 2 * (1 + 2 + 1); // 2 cells on 1 input: W_q, U_q, b_q of four gates
        String json = lstm(2).replace("[[1], [1], [1], [1]], \"U\": [[1], [1], [1], [1]], \"b\": [0, 0, 0, 0]",
                "[[1], [1], [1], [1], [1], [1], [1], [1]], \"U\": [[1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], "
                        + "[1, 1], [1, 1]], \"b\": [0, 0, 0, 0, 0, 0, 0, 0]").replace("[[1]]", "[[1, 1]]");
        LstmModelDocument.from(JsonNodes.parse(json, "m.json"), new ReadLimits(1 << 20, lstm1 + 3));
        assertEquals("m.json: $.layers[1].units: the model up to head (1 units on 2 inputs): 35 parameters, over the "
                + "limit of 34 parameters per model", assertThrows(InterchangeException.class,
                () -> LstmModelDocument.from(JsonNodes.parse(json, "m.json"), new ReadLimits(1 << 20, lstm1 + 2)))
                .getMessage());
    }
}
