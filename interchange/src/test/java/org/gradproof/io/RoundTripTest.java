package org.gradproof.io;

import org.gradproof.nn.Batch;
import org.gradproof.nn.DocumentLoss;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundTripTest {

    /** A 3-3-2 network: square first layer, so a transposition would not change shapes. */
    static Mlp net() {
        return Mlp.builder(3).dense(3, "tanh").dense(2, "softmax").loss(Loss.CROSS_ENTROPY, Reduction.MEAN)
                .weights(Initializer.uniform(1.5)).biases(Initializer.uniform(0.5)).seed(11).build();
    }

    static Batch batch() {
        return Batch.of(new double[][] {{0.1, -0.2, 0.3}, {1, 0.5, -1}}, new double[][] {{1, 0}, {0, 1}});
    }

    @Test
    void aModelSurvivesEveryLayoutBitForBit() {
        Mlp net = net();
        for (WeightOrder order : WeightOrder.values()) {
            for (BiasPlacement bias : BiasPlacement.values()) {
                Layout layout = new Layout(order, bias);
                String json = ModelDocument.of(net, 0.5, layout).toJson();
                ModelDocument back = ModelDocument.parse(json, "m.json");
                assertArrayEquals(net.parameters(), DocumentNetworks.network(back).parameters(), layout.toString());
                assertEquals(0.5, back.lossScale());
                assertEquals(layout, back.layout());
            }
        }
    }

    @Test
    void gradientsSurviveEveryLayoutAndCarryTheScale() {
        ModelDocument model = ModelDocument.of(net(), 0.5, Layout.REFERENCE);
        DocumentLoss<Batch> loss = DocumentNetworks.on(model, batch());
        double[][] g = loss.gradients();
        double[][] unscaled = net().gradients(batch()).blocks();
        assertEquals(0.5 * unscaled[0][4], g[0][4], 0.0);
        assertEquals(0.5 * net().loss(batch()), loss.value(), 0.0);
        for (WeightOrder order : WeightOrder.values()) {
            for (BiasPlacement bias : BiasPlacement.values()) {
                Layout layout = new Layout(order, bias);
                String json = model.gradientsJson(g, loss.value(), layout, null);
                GradientsDocument back = GradientsDocument.parse(json, "g.json");
                double[][] read = model.parameterGradients(back);
                for (int b = 0; b < g.length; b++) {
                    assertArrayEquals(g[b], read[b], layout + " block " + b);
                }
                assertEquals(loss.value(), back.loss().getAsDouble(), 0.0);
            }
        }
    }

    @Test
    void batchesAsRowsAndAsColumnsAreTheSameBatch() {
        Batch b = batch();
        Batch rows = BatchDocument.parse(BatchDocument.toJson(b, false), "b.json");
        Batch columns = BatchDocument.parse(BatchDocument.toJson(b, true), "b.json");
        assertArrayEquals(b.inputs().data, rows.inputs().data);
        assertArrayEquals(b.inputs().data, columns.inputs().data);
        assertArrayEquals(b.targets().data, columns.targets().data);
        assertTrue(BatchDocument.toJson(b, true).contains("[0.1, 1.0]"), "columns hold one example each");
    }

    @Test
    void gradientsMayBeNonFiniteButMustHaveTheModelsBlocks() {
        Mlp net = net();
        ModelDocument model = ModelDocument.of(net, 1, Layout.REFERENCE);
        String json = model.gradientsJson(net.gradients(batch()).blocks(), Double.NaN, Layout.REFERENCE, null)
                .replaceFirst("\\[-?[0-9.E-]+,", "[NaN,").replaceFirst("\\[-?[0-9.E-]+,", "[-Infinity,");
        double[][] read = model.parameterGradients(GradientsDocument.parse(json, "g.json"));
        assertTrue(Double.isNaN(read[0][0]));
        assertEquals(Double.NEGATIVE_INFINITY, read[0][3]);
        assertTrue(GradientsDocument.parse(json, "g.json").loss().isEmpty());

        String missing = json.replaceAll(",\\s*\"dense2.b\": \\[[^]]*]", "");
        assertEquals("g.json: $.blocks: missing block \"dense2.b\"; with weights out_in, bias separate the model's "
                        + "blocks are dense1.W, dense1.b, dense2.W, dense2.b",
                assertThrows(InterchangeException.class,
                        () -> model.parameterGradients(GradientsDocument.parse(missing, "g.json"))).getMessage());
        String inside = json.replace("\"bias\": \"separate\"", "\"bias\": \"last\"");
        assertEquals("g.json: $.blocks: unknown block \"dense1.b\"; with weights out_in, bias last the model's blocks "
                        + "are dense1.W, dense2.W",
                assertThrows(InterchangeException.class,
                        () -> model.parameterGradients(GradientsDocument.parse(inside, "g.json"))).getMessage());
        String transposed = json.replace("\"weights\": \"out_in\"", "\"weights\": \"in_out\"");
        assertEquals("g.json: $.blocks['dense2.W']: expected 3 rows (the 3x2 gradient of dense2.W as [in][out]), got 2",
                assertThrows(InterchangeException.class,
                        () -> model.parameterGradients(GradientsDocument.parse(transposed, "g.json"))).getMessage());
    }
}
