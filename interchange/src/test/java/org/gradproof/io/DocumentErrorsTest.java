package org.gradproof.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every error names the file, the JSON path, and what was expected against what was found. */
class DocumentErrorsTest {

    /** A 3-2 network with the bias as the last column: dense2.W is stored 2x4. */
    static String model(String layout, String secondWeights, String extra) {
        return """
                {"format": "gradproof-model", "version": 1, "layout": %s, "inputs": 2,
                 "layers": [
                   {"type": "dense", "units": 3, "activation": "tanh",
                    "weights": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]},
                   {"type": "dense", "units": 2, "activation": "identity", "weights": %s%s}
                 ],
                 "loss": {"name": "mse", "reduction": "mean"}}
                """.formatted(layout, secondWeights, extra);
    }

    static final String LAST = "{\"weights\": \"out_in\", \"bias\": \"last\"}";

    private static String error(String json) {
        return assertThrows(InterchangeException.class, () -> ModelDocument.parse(json, "model.json")).getMessage();
    }

    @Test
    void aShortRowNamesPathShapeAndLayout() {
        assertEquals("model.json: $.layers[1].weights[1]: expected 4 numbers (row 1 of the 2x4 dense2.W as "
                        + "[out][in] with the bias as the last column), got 3",
                error(model(LAST, "[[1, 2, 3, 4], [1, 2, 3]]", "")));
    }

    @Test
    void theValidModelParses() {
        ModelDocument doc = ModelDocument.parse(model(LAST, "[[1, 2, 3, 4], [5, 6, 7, 8]]", ""), "model.json");
        assertEquals(4.0, DocumentNetworks.network(doc).layers().get(1).bias().get(0, 0));
        assertEquals(3.0, DocumentNetworks.network(doc).layers().get(1).weights().get(0, 2));
        assertEquals(4.0, doc.parameters()[3][0], "dense2.b, in the block order");
    }

    @Test
    void theWrongNumberOfRowsIsNamed() {
        assertEquals("model.json: $.layers[1].weights: expected 2 rows (the 2x4 dense2.W as [out][in] with the bias "
                + "as the last column), got 1", error(model(LAST, "[[1, 2, 3, 4]]", "")));
    }

    @Test
    void unknownFieldsAreErrors() {
        assertEquals("model.json: $.layers[1]: unknown field \"bais\" in a layer (allowed: type, units, activation, "
                + "weights, bias)", error(model(LAST, "[[1, 2, 3, 4], [5, 6, 7, 8]]", ", \"bais\": [0, 0]")));
    }

    @Test
    void aSeparateBiasIsRefusedWhenTheLayoutPutsItInsideW() {
        String message = error(model(LAST, "[[1, 2, 3, 4], [5, 6, 7, 8]]", ", \"bias\": [0, 0]"));
        assertEquals("model.json: $.layers[1].bias: unexpected: the layout puts the bias inside W (\"bias\": "
                + "\"last\"); remove this field or use \"bias\": \"separate\"", message);
    }

    @Test
    void theLayoutMustBeStated() {
        String json = model(LAST, "[[1, 2, 3, 4], [5, 6, 7, 8]]", "").replace("\"layout\": " + LAST + ", ", "");
        assertEquals("model.json: $: missing field \"layout\" (how W and b are stored: {\"weights\": \"out_in\" or "
                + "\"in_out\", \"bias\": \"separate\", \"first\", \"last\"}; it is stated, never guessed)", error(json));
    }

    @Test
    void lstmLayersAreNotReadAsADenseModel() {
        String json = model(LAST, "[[1, 2, 3, 4], [5, 6, 7, 8]]", "").replaceFirst("\"dense\"", "\"lstm\"");
        assertEquals("model.json: $.layers[0].type: \"lstm\" layers make an LSTM model, which ModelDocument (dense "
                + "layers only) does not describe: read it with InterchangeModel.parse or LstmModelDocument.parse",
                error(json));
    }

    @Test
    void versionAndFormatAreChecked() {
        String good = model(LAST, "[[1, 2, 3, 4], [5, 6, 7, 8]]", "");
        assertEquals("model.json: $.version: expected version 1, got 2: this gradproof reads version 1 of "
                + "gradproof-model", error(good.replace("\"version\": 1", "\"version\": 2")));
        assertEquals("model.json: $.format: expected \"gradproof-model\", got \"gradproof-batch\" (the files are in "
                + "the wrong order?)", error(good.replace("gradproof-model", "gradproof-batch")));
    }

    @Test
    void unknownActivationsAndBadPairingsNameTheirField() {
        String good = model(LAST, "[[1, 2, 3, 4], [5, 6, 7, 8]]", "");
        assertEquals("model.json: $.layers[0].activation: unknown activation 'tahn'; known: identity, sigmoid, "
                + "tanh, relu, softplus, erf_logistic, softmax, leaky_relu(α)", error(good.replace("\"tanh\"", "\"tahn\"")));
        assertEquals("model.json: $.loss.name: loss bce takes probabilities in (0, 1): the last activation must be "
                + "sigmoid or erf_logistic, got identity", error(good.replace("\"mse\"", "\"bce\"")));
    }

    @Test
    void weightsMustBeFiniteNumbers() {
        assertEquals("model.json: $.layers[1].weights[0][1]: expected a finite number (entry [0,1] of the 2x4 "
                + "dense2.W as [out][in] with the bias as the last column), got NaN",
                error(model(LAST, "[[1, NaN, 3, 4], [5, 6, 7, 8]]", "")));
        assertEquals("model.json: $.layers[1].weights[0][1]: expected a finite number (entry [0,1] of the 2x4 "
                + "dense2.W as [out][in] with the bias as the last column), got a string \"x\"",
                error(model(LAST, "[[1, \"x\", 3, 4], [5, 6, 7, 8]]", "")));
    }

    @Test
    void aLossScaleThatIsNotPositiveIsNamedAtItsPathAsAnArgumentIs() {
        String expected = "expected a positive finite number (the loss scale s in L = s · reduction ℓ), got ";
        assertEquals("model.json: $.loss.scale: " + expected + "0.0", error(model(LAST,
                "[[1, 2, 3, 4], [5, 6, 7, 8]]", "").replace("\"mean\"}", "\"mean\", \"scale\": 0}")));
        assertEquals("model.json: $.loss.scale: " + expected + "-0.5", error(model(LAST,
                "[[1, 2, 3, 4], [5, 6, 7, 8]]", "").replace("\"mean\"}", "\"mean\", \"scale\": -0.5}")));
        assertEquals("scale: " + expected + "NaN", assertThrows(IllegalArgumentException.class,
                () -> ModelDocument.of(RoundTripTest.net(), Double.NaN, Layout.REFERENCE)).getMessage());
        assertEquals("scale: " + expected + "0.0", assertThrows(IllegalArgumentException.class,
                () -> LstmModelDocument.of(LstmDocumentsTest.ARCH, LstmDocumentsTest.net(), 0, Layout.REFERENCE,
                        GateLayout.SEPARATE)).getMessage());
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertEquals("model.json: $.version: not valid JSON at line 3, column 16: unexpected ',' (expected a field "
                + "name in double quotes)", error("{\n  \"format\": \"gradproof-model\",\n  \"version\": 1,,\n}"));
    }

    @Test
    void batchExamplesMustAgree() {
        InterchangeException e = assertThrows(InterchangeException.class, () -> BatchDocument.parse("""
                {"format": "gradproof-batch", "version": 1, "examples": "columns",
                 "inputs": [[0, 0, 1, 1], [0, 1, 0, 1]], "targets": [[1, 0, 0]]}""", "batch.json"));
        assertEquals("batch.json: $.targets[0]: expected 4 numbers (row 0 of the targets, outputs x examples: 4 "
                + "columns like the 2x4 inputs), got 3", e.getMessage());
        e = assertThrows(InterchangeException.class, () -> BatchDocument.parse("""
                {"format": "gradproof-batch", "version": 1, "examples": "row",
                 "inputs": [[0, 0]], "targets": [[1]]}""", "batch.json"));
        assertEquals("batch.json: $.examples: expected \"rows\" or \"columns\", got \"row\"", e.getMessage());
    }
}
