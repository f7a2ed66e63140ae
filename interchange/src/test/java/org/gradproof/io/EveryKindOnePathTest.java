package org.gradproof.io;

import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.nn.DocumentLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dense model and an LSTM model, read, evaluated, checked and written through {@link InterchangeModel} alone: the
 * path the CLI takes, with no branch per kind.
 */
class EveryKindOnePathTest {

    @TempDir
    Path dir;

    /**
     * Reads the model and its batch, writes the reference gradients in the model's layout and reads them back, checks
     * them, and returns how the report's entry names relate to that layout.
     */
    private String takesTheOnePath(String modelJson, String batchJson, String name) throws IOException {
        InterchangeModel<?, ?> model = InterchangeModel.parse(modelJson, name + ".json");
        Path batchFile = Files.writeString(dir.resolve(name + "-batch.json"), batchJson);
        DocumentLoss<?> loss = DocumentNetworks.onBatchIn(model, batchFile, ReadLimits.DEFAULT);
        double[][] reference = loss.gradients();
        String json = model.gradientsJson(reference, loss.value(), model.layout(), null);
        GradientsDocument back = GradientsDocument.parse(json, name + "-gradients.json");
        double[][] read = model.parameterGradients(back);
        for (int b = 0; b < reference.length; b++) {
            assertArrayEquals(reference[b], read[b], 0.0, name + " block " + b);
        }
        assertEquals(loss.value(), back.loss().getAsDouble(), 0.0);
        GradientReport checked = GradientCheck.check(loss.claimed(read));
        assertTrue(checked.passed(), checked::summary);
        assertTrue(GradientCheck.check(loss.reference()).passed());
        return model.entryNamesNote(back);
    }

    @Test
    void aDenseModelTakesTheOnePath() throws IOException {
        assertEquals("", takesTheOnePath(ModelDocument.of(RoundTripTest.net(), 0.5, Layout.REFERENCE).toJson(),
                BatchDocument.toJson(RoundTripTest.batch(), false), "dense"), "stored as the report names them");
        ModelDocument dense = ModelDocument.of(RoundTripTest.net(), 1, Layout.REFERENCE);
        assertEquals("gates: a dense model has no gated layers, got stacked", assertThrows(
                IllegalArgumentException.class, () -> dense.gradientsJson(DocumentNetworks.on(dense,
                        RoundTripTest.batch()).gradients(), 1, Layout.REFERENCE, GateLayout.STACKED)).getMessage());
    }

    @Test
    void anLstmModelTakesTheOnePath() throws IOException {
        String note = takesTheOnePath(LstmModelDocument.of(LstmDocumentsTest.ARCH, LstmDocumentsTest.net(), 2,
                new Layout(WeightOrder.IN_OUT, BiasPlacement.LAST), GateLayout.STACKED).toJson(),
                LstmDocumentsTest.batch().toJson(), "lstm");
        assertTrue(note.contains("your stacked lstmN.W holds W_i, W_f, W_g, W_o in that order, so W_q[k,j] is your "
                + "[j][q·cells + k]"), note);
    }
}
