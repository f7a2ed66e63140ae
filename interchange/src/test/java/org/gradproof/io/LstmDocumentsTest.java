package org.gradproof.io;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.CheckOptions;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.DocumentLoss;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.SequenceBatch;
import org.gradproof.nn.Sequences;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LSTM models, sequence batches and LSTM gradients: every layout bit for bit, and errors that name path and axis. */
class LstmDocumentsTest {

    /** Two layers of 3 and 2 cells (W_q not square in either layer), an every-step head of 2 outputs. */
    static final LstmArchitecture ARCH = new LstmArchitecture(2, List.of(3, 2),
            Lstm.HeadPlacement.EVERY_STEP, 2, "tanh", Loss.MSE, Reduction.SUM);

    static Lstm net() {
        Lstm net = ARCH.builder().weights(Initializer.uniform(0.9)).forgetGateBias(1).seed(23).build();
        double[] b = net.layers().get(1).bias(2).data;
        b[0] = 0.1 + 1e-17;
        b[1] = -0.3;
        net.head().bias().data[1] = 0.7;
        return net;
    }

    static SequenceBatchDocument batch() {
        double[][][] x = {{{0.1, -0.2}, {1, 0.5}}, {{0.3, 0.4}, {-1, 0}}, {{0, 1}, {0.5, 0.25}}};
        double[][][] y = {{{1, 0}, {0, 1}}, {{0.5, 0.5}, {1, -1}}, {{0, 0}, {0.25, 1}}};
        double[][][][] state = new double[2][2][2][];
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < 2; k++) {
                state[l][k][0] = l == 0 ? new double[] {0.1 * k, -0.2, 0.3} : new double[] {0.5, -0.1 * k};
                state[l][k][1] = l == 0 ? new double[] {0.0, 0.4, -0.3} : new double[] {-0.25, 0.2};
            }
        }
        return SequenceBatchDocument.of(SequenceBatch.everyStep(x, y), state);
    }

    @Test
    void aModelSurvivesEveryLayoutBitForBit() {
        Lstm net = net();
        double[] expected = flat(net);
        for (WeightOrder order : WeightOrder.values()) {
            for (BiasPlacement bias : BiasPlacement.values()) {
                for (GateLayout gates : GateLayout.values()) {
                    Layout layout = new Layout(order, bias);
                    String json = LstmModelDocument.of(ARCH, net, 0.5, layout, gates).toJson();
                    InterchangeModel<?, ?> back = InterchangeModel.parse(json, "m.json");
                    LstmModelDocument lstm = assertInstanceOf(LstmModelDocument.class, back);
                    assertArrayEquals(expected, flat(DocumentNetworks.network(lstm)), layout + ", " + gates);
                    assertEquals(layout, lstm.layout());
                    assertEquals(gates, lstm.gates());
                    assertEquals(0.5, lstm.lossScale());
                    assertEquals(json, lstm.toJson(), "the text is stable");
                }
            }
        }
    }

    @Test
    void stackedGatesArePyTorchsWeightIhRowBlocks() {
        Lstm net = net();
        String json = LstmModelDocument.of(ARCH, net, 1, Layout.REFERENCE, GateLayout.STACKED).toJson();
        double wf10 = net.layers().get(0).inputWeights(1).get(1, 0);   // W_f[cell 1, input 0]
        double uo21 = net.layers().get(0).recurrentWeights(3).get(2, 1); // U_o[cell 2, h 1]
        JsonNodes.Node layer = JsonNodes.parse(json, "m").field("layers", "").element(0);
        assertEquals(wf10, layer.field("W", "").element(3 + 1).element(0).number(true, ""), 0.0); // row 1·cells + 1
        assertEquals(uo21, layer.field("U", "").element(3 * 3 + 2).element(1).number(true, ""), 0.0);
        String keras = LstmModelDocument.of(ARCH, net, 1, new Layout(WeightOrder.IN_OUT, BiasPlacement.SEPARATE),
                GateLayout.STACKED).toJson();
        layer = JsonNodes.parse(keras, "m").field("layers", "").element(0);
        assertEquals(wf10, layer.field("W", "").element(0).element(3 + 1).number(true, ""), 0.0); // [inputs][4·cells]
    }

    @Test
    void gradientsSurviveEveryLayoutAndCarryTheScale() {
        LstmModelDocument model = LstmModelDocument.of(ARCH, net(), 0.5, Layout.REFERENCE, GateLayout.SEPARATE);
        SequenceBatchDocument b = batch();
        DocumentLoss<Sequences> loss = DocumentNetworks.on(model, b.sequencesFor(ARCH));
        double[][] g = loss.gradients();
        double[][] unscaled = net().gradients(b.sequencesFor(ARCH)).blocks();
        assertEquals(0.5 * unscaled[13][1], g[13][1], 0.0);
        assertEquals(net().blockNames().size(), g.length);
        for (WeightOrder order : WeightOrder.values()) {
            for (BiasPlacement bias : BiasPlacement.values()) {
                for (GateLayout gates : GateLayout.values()) {
                    Layout layout = new Layout(order, bias);
                    String json = model.gradientsJson(g, loss.value(), layout, gates);
                    double[][] read = model.parameterGradients(GradientsDocument.parse(json, "g.json"));
                    for (int k = 0; k < g.length; k++) {
                        assertArrayEquals(g[k], read[k], layout + ", " + gates + ", block " + k);
                    }
                }
            }
        }
    }

    @Test
    void sequenceBatchesSurviveTheirTextWithTheInitialState() {
        SequenceBatchDocument b = batch();
        SequenceBatchDocument back = SequenceBatchDocument.parse(b.toJson(), "b.json");
        assertEquals(b.toJson(), back.toJson());
        assertArrayEquals(b.batch().targets().data, back.batch().targets().data);
        assertEquals(b.initialState()[1][1][0][1], back.initialState()[1][1][0][1], 0.0);
        LstmModelDocument model = LstmModelDocument.of(ARCH, net(), 1, Layout.REFERENCE, GateLayout.SEPARATE);
        assertEquals(DocumentNetworks.on(model, b.sequencesFor(ARCH)).value(),
                DocumentNetworks.on(model, back.sequencesFor(ARCH)).value(), 0.0);
    }

    /**
     * Documents carry no block names or tags: the time steps come back with the network. An LSTM and its sequence
     * batch read from JSON give an objective whose input steps are tagged t = 0, 1, 2, so input gradients doubled from
     * t = 1 on are localised in time.
     */
    @Test
    void anLstmReadFromJsonStillLocalisesInTime() {
        LstmModelDocument model = (LstmModelDocument) InterchangeModel.parse(LstmModelDocument.of(ARCH, net(), 1,
                Layout.REFERENCE, GateLayout.SEPARATE).toJson(), "m.json");
        SequenceBatchDocument batch = SequenceBatchDocument.parse(batch().toJson(), "b.json");
        BlockFunction f = DocumentNetworks.network(model).objective(batch.sequencesFor(model.architecture()));
        List<ParameterBlock> steps = f.blocks().stream().filter(b -> b.timeStep().isPresent()).toList();
        assertEquals(List.of("x[t=0]", "x[t=1]", "x[t=2]"), steps.stream().map(ParameterBlock::name).toList());
        assertEquals(List.of(0, 1, 2), steps.stream().map(b -> b.timeStep().getAsInt()).toList());
        BlockFunction laterStepsDoubled = new BlockFunction() {
            @Override
            public List<ParameterBlock> blocks() {
                return f.blocks();
            }

            @Override
            public double value() {
                return f.value();
            }

            @Override
            public double[][] gradient() {
                double[][] g = f.gradient();
                for (int b = 0; b < g.length; b++) {
                    if (f.blocks().get(b).timeStep().orElse(0) >= 1) {
                        for (int k = 0; k < g[b].length; k++) {
                            g[b][k] *= 2;
                        }
                    }
                }
                return g;
            }
        };
        GradientReport report = GradientCheck.check(laterStepsDoubled, CheckOptions.defaults());
        assertEquals(List.of("x[t=1]", "x[t=2]"), report.wrongBlocks(), report.summary());
        assertTrue(report.summary().contains("By time step: the input gradients are wrong for t ≥ 1 only."),
                report.summary());
    }

    private static String lstmModel(String layers) {
        return """
                {"format": "gradproof-model", "version": 1,
                 "layout": {"weights": "out_in", "bias": "separate", "gates": "stacked"}, "inputs": 2,
                 "layers": [%s], "loss": {"name": "mse", "reduction": "mean"}}""".formatted(layers);
    }

    private static final String LSTM1 = """
            {"type": "lstm", "cells": 1, "W": [[1, 2], [3, 4], [5, 6], [7, 8]], "U": [[1], [2], [3], [4]],
             "b": [0, 1, 0, 0]}""";
    private static final String HEAD = """
            {"type": "dense", "head": "last_step", "units": 1, "activation": "identity", "weights": [[0.5]],
             "bias": [0]}""";

    private static String modelError(String json) {
        return assertThrows(InterchangeException.class, () -> InterchangeModel.parse(json, "model.json")).getMessage();
    }

    @Test
    void modelErrorsNamePathShapeAndLayout() {
        assertInstanceOf(LstmModelDocument.class, InterchangeModel.parse(lstmModel(LSTM1 + ", " + HEAD), "m"));
        assertEquals("model.json: $.layers[0].W: expected 4 rows (the 4x2 lstm1.W = [W_i; W_f; W_g; W_o] as "
                + "[4·cells][inputs]), got 3", modelError(lstmModel(LSTM1.replace("[5, 6], ", "") + ", " + HEAD)));
        assertEquals("model.json: $.layers[0].U[2]: expected 1 numbers (row 2 of the 4x1 lstm1.U = [U_i; U_f; U_g; "
                + "U_o] as [4·cells][h_prev]), got 2", modelError(lstmModel(LSTM1.replace("[3]", "[3, 3]") + ", "
                + HEAD)));
        assertEquals("model.json: $.layers: expected exactly one dense head layer after the lstm layers ({\"type\": "
                + "\"dense\", \"head\": \"last_step\" | \"every_step\", \"units\", \"activation\", \"weights\", "
                + "\"bias\"}), got none", modelError(lstmModel(LSTM1)));
        assertEquals("model.json: $.layers[0].type: a dense layer before the lstm layers: an LSTM model is lstm "
                + "layers, then exactly one dense head layer, last", modelError(lstmModel(HEAD + ", " + LSTM1)));
        assertEquals("model.json: $.layers[1]: missing field \"head\" (where the head reads the top lstm layer: "
                + "\"last_step\" (h_T) or \"every_step\" (h_1 … h_T))",
                modelError(lstmModel(LSTM1 + ", " + HEAD.replace("\"head\": \"last_step\", ", ""))));
        assertEquals("model.json: $.layers[0].shared_cell: a shared cell (one set of weights for every layer, "
                + "TensorFlow's [cell] * n) is not supported by version 1 of gradproof-model: give each lstm layer "
                + "its own weights", modelError(lstmModel(LSTM1.replace("\"cells\": 1", "\"cells\": 1, "
                + "\"shared_cell\": true") + ", " + HEAD)));
        assertEquals("model.json: $.layout: missing field \"gates\" (how the LSTM gates are stored: \"separate\" or "
                + "\"stacked\" (gate order i, f, g, o); it is stated, never guessed)",
                modelError(lstmModel(LSTM1 + ", " + HEAD).replace(", \"gates\": \"stacked\"", "")));
        assertEquals("model.json: $.layers[0]: unknown field \"W_i\" in an lstm layer (allowed: type, cells, W, U, b)",
                modelError(lstmModel(LSTM1.replace("\"W\"", "\"W_i\"") + ", " + HEAD)));
        assertEquals("model.json: $.layers[1].activation: softmax over a single unit is the constant 1; give the head "
                + "at least 2 units or use sigmoid", modelError(lstmModel(LSTM1 + ", "
                + HEAD.replace("\"identity\"", "\"softmax\""))));
    }

    @Test
    void aDenseModelStaysADenseModel() {
        String dense = DocumentErrorsTest.model(DocumentErrorsTest.LAST, "[[1, 2, 3, 4], [5, 6, 7, 8]]", "");
        assertInstanceOf(ModelDocument.class, InterchangeModel.parse(dense, "m"));
        assertEquals("model.json: $.layout.gates: unexpected: the model has no lstm layers (\"gates\" says how an "
                + "LSTM layer's gate weights are stored); remove this field",
                modelError(dense.replace("\"bias\": \"last\"}", "\"bias\": \"last\", \"gates\": \"stacked\"}")));
    }

    private static final String SEQ = """
            {"format": "gradproof-batch", "version": 1, "examples": "sequences", "axes": "seq_batch_features",
             "inputs": [[[0, 1], [1, 0], [2, 2]], [[0, 1], [1, 0], [2, 2]], [[0, 1], [1, 0], [2, 2]]],
             "targets": [[1], [0], [1]]%s}""";

    private static String batchError(String json) {
        return assertThrows(InterchangeException.class, () -> SequenceBatchDocument.parse(json, "batch.json"))
                .getMessage();
    }

    @Test
    void batchErrorsNamePathAxisAndBothSizes() {
        assertEquals("batch.json: $.inputs[2]: axis 1 (batch) must have 3 entries, got 2",
                batchError(SEQ.formatted("").replace("[[0, 1], [1, 0], [2, 2]]]", "[[0, 1], [1, 0]]]")));
        assertEquals("batch.json: $.inputs[1][2]: axis 2 (features) must have 2 entries, got 3",
                batchError(SEQ.formatted("").replaceFirst("(\\[\\[\\[0, 1], \\[1, 0], \\[2, 2]], \\[\\[0, 1], "
                        + "\\[1, 0], )\\[2, 2]", "$1[2, 2, 2]")));
        assertEquals("batch.json: $.targets: axis 0 (batch) must have 3 entries (the inputs' batch), got 2",
                batchError(SEQ.formatted("").replace("[[1], [0], [1]]", "[[1], [0]]")));
        assertEquals("batch.json: $.initial_state[0][1]: axis 2 (batch) must have 3 entries (the inputs' batch), "
                + "got 2", batchError(SEQ.formatted(", \"initial_state\": [[[[0], [0], [0]], [[0], [0]]]]")));
        assertEquals("batch.json: $.axes: expected \"seq_batch_features\" (inputs [seq][batch][features]), got "
                + "\"batch_seq_features\": transpose the inputs (x.transpose(1, 0, 2) for PyTorch's "
                + "batch_first=True) and every-step targets alike",
                batchError(SEQ.formatted("").replace("\"seq_batch_features\"", "\"batch_seq_features\"")));
        assertEquals("batch.json: $.examples: a batch of sequences, for an LSTM model: read it with "
                + "SequenceBatchDocument (this reader takes \"rows\" or \"columns\" of a dense model's examples)",
                assertThrows(InterchangeException.class, () -> BatchDocument.parse(SEQ.formatted(""), "batch.json"))
                        .getMessage());
    }

    @Test
    void aBatchThatDoesNotFitTheModelNamesTheAxis() {
        LstmArchitecture model = ((LstmModelDocument) InterchangeModel.parse(lstmModel(LSTM1 + ", " + HEAD), "m"))
                .architecture();
        SequenceBatchDocument fits = SequenceBatchDocument.parse(SEQ.formatted(""), "batch.json").requireFits(model);
        assertEquals(3, fits.batch().steps());
        assertEquals("batch.json: $.initial_state: axis 0 (layers) must have 1 entries (the model's lstm layers), "
                + "got 2", assertThrows(InterchangeException.class, () -> SequenceBatchDocument.parse(SEQ.formatted(
                ", \"initial_state\": [[[[0], [0], [0]], [[0], [0], [0]]], [[[0], [0], [0]], [[0], [0], [0]]]]"),
                "batch.json").requireFits(model)).getMessage());
        assertEquals("batch.json: $.targets: the model's head reads the last step, so the targets are "
                + "[batch][outputs], got [seq][batch][outputs]", assertThrows(InterchangeException.class,
                () -> SequenceBatchDocument.parse(SEQ.formatted("").replace("[[1], [0], [1]]",
                        "[[[1], [0], [1]], [[1], [0], [1]], [[1], [0], [1]]]"), "batch.json").requireFits(model))
                .getMessage());
    }

    @Test
    void gradientErrorsNameTheBlockAndTheGateLayout() {
        LstmModelDocument model = (LstmModelDocument) InterchangeModel.parse(lstmModel(LSTM1 + ", " + HEAD), "m");
        double[][] zeros = Arrays.stream(model.parameters()).map(b -> new double[b.length]).toArray(double[][]::new);
        String json = model.gradientsJson(zeros, Double.NaN, Layout.REFERENCE, GateLayout.SEPARATE);
        String stacked = json.replace("\"gates\": \"separate\"", "\"gates\": \"stacked\"");
        assertEquals("g.json: $.blocks: unknown block \"lstm1.W_i\"; with weights out_in, bias separate, gates "
                + "stacked the model's blocks are lstm1.W, lstm1.U, lstm1.b, head.W, head.b", assertThrows(
                InterchangeException.class, () -> model.parameterGradients(GradientsDocument.parse(stacked, "g.json")))
                .getMessage());
        String shortGate = json.replace("\"lstm1.b_f\": [0.0]", "\"lstm1.b_f\": [0.0, 0.0]");
        assertEquals("g.json: $.blocks['lstm1.b_f']: expected 1 numbers (the gradient of lstm1.b_f, one per cell), "
                + "got 2", assertThrows(InterchangeException.class,
                () -> model.parameterGradients(GradientsDocument.parse(shortGate, "g.json"))).getMessage());
        String noGates = json.replace(", \"gates\": \"separate\"", "");
        assertEquals("g.json: $.layout: missing field \"gates\" (how the LSTM gates are stored: \"separate\" or "
                + "\"stacked\" (gate order i, f, g, o); it is stated, never guessed)", assertThrows(
                InterchangeException.class, () -> model.parameterGradients(GradientsDocument.parse(noGates, "g.json")))
                .getMessage());
    }

    private static double[] flat(Lstm net) {
        return net.parameterBlocks().stream().flatMapToDouble(b -> java.util.Arrays.stream(b.data())).toArray();
    }
}
