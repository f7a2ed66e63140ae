package org.gradproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gradproof.io.DocumentNetworks;
import org.gradproof.io.GateLayout;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.Layout;
import org.gradproof.io.LstmArchitecture;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.SequenceBatchDocument;
import org.gradproof.nn.DocumentLoss;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.SequenceBatch;
import org.gradproof.nn.Sequences;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check, grad and compare on an LSTM model document and a sequence batch. */
class LstmCommandsTest {

    @TempDir
    Path dir;

    private LstmModelDocument model;
    private SequenceBatchDocument batch;
    private Path modelFile;
    private Path batchFile;

    @BeforeEach
    void writeInputs() throws Exception {
        LstmArchitecture arch = new LstmArchitecture(2, List.of(3, 2),
                Lstm.HeadPlacement.LAST_STEP, 1, "identity", Loss.MSE, Reduction.MEAN);
        Lstm net = arch.builder().weights(Initializer.uniform(1)).forgetGateBias(1).seed(7).build();
        model = LstmModelDocument.of(arch, net, 1, Layout.REFERENCE, GateLayout.STACKED);
        batch = SequenceBatchDocument.of(SequenceBatch.lastStep(
                new double[][][] {{{0, 1}, {1, 0.5}}, {{-1, 2}, {0.5, -0.5}}, {{1, 0}, {-0.5, 1.5}}},
                new double[][] {{1}, {-0.5}}), null);
        modelFile = Cli.write(dir, "model.json", model.toJson());
        batchFile = Cli.write(dir, "batch.json", batch.toJson());
    }

    /** The model document's loss on the batch, as the CLI takes it. */
    private DocumentLoss<Sequences> loss() {
        return DocumentNetworks.on(model, batch.sequencesFor(model.architecture()));
    }

    @Test
    void checkPassesTheReferenceBpttOnEveryParameterBlock() {
        Cli.Run run = Cli.run("check", modelFile, batchFile);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("gradproof gradient check: PASSED"), run::toString);
        assertTrue(run.out().contains("lstm 2-3-2, last-step head 1 identity, mse/mean, T = 3, batch 2"), run::toString);
        assertTrue(run.out().contains("lstm2.U_o"), run::toString);
        assertTrue(!run.out().contains("x[t=") && !run.out().contains("h0."), "parameter blocks only: " + run);
    }

    @Test
    void gradPrintsTheReferenceGradientsInTheAskedGateLayout() {
        Cli.Run run = Cli.run("grad", modelFile, batchFile, "--gates", "separate", "--weights", "in_out");
        assertEquals(0, run.exitCode(), run::toString);
        GradientsDocument doc = GradientsDocument.parse(run.out(), "stdout");
        assertEquals(GateLayout.SEPARATE, doc.gates());
        double[][] expected = loss().gradients();
        double[][] read = model.parameterGradients(doc);
        for (int b = 0; b < expected.length; b++) {
            assertArrayEquals(expected[b], read[b], DocumentNetworks.network(model).blockNames().get(b));
        }
        assertEquals(loss().value(), doc.loss().getAsDouble());
        assertTrue(run.out().contains("\"lstm2.W_f\": ["), run::toString);
    }

    @Test
    void compareNamesTheOneGateBlockWhoseSignIsFlipped() throws Exception {
        double[][] g = loss().gradients();
        int wf = DocumentNetworks.network(model).blockNames().indexOf("lstm2.W_f");
        for (int k = 0; k < g[wf].length; k++) {
            g[wf][k] = -g[wf][k];
        }
        Path theirs = Cli.write(dir, "theirs.json", model.gradientsJson(g, loss().value(),
                Layout.REFERENCE, GateLayout.STACKED));
        Cli.Run run = Cli.run("compare", "--json", modelFile, batchFile, theirs);
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertEquals("SIGN_FLIP", result.get("diagnosis").asText(), run::toString);
        assertEquals("[\"lstm2.W_f\"]", result.get("wrongBlocks").toString());
        assertTrue(result.get("reproduction").get("explanation").asText().startsWith("does not apply: the catalogue's "
                + "bugs are rebuilt on dense networks only"));
        assertTrue(result.get("reproduction").get("match").isNull());

        Cli.Run text = Cli.run("compare", modelFile, batchFile, theirs);
        assertEquals(1, text.exitCode(), text::toString);
        assertTrue(text.out().contains("on lstm2.W_f only — the sign is flipped"), text::toString);
        assertTrue(text.out().contains("diagnosis by reproduction: does not apply: the catalogue's bugs are rebuilt on "
                + "dense networks only"), text::toString);
        assertTrue(text.out().contains("your stacked lstmN.W holds W_i, W_f, W_g, W_o in that order"), text::toString);
    }

    @Test
    void compareAcceptsTheReferenceGradients() throws Exception {
        Path ours = Cli.write(dir, "ours.json", model.gradientsJson(loss().gradients(),
                loss().value(), Layout.REFERENCE, GateLayout.SEPARATE));
        Cli.Run run = Cli.run("compare", modelFile, batchFile, ours);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("gradproof gradient check: PASSED"), run::toString);
    }

    @Test
    void aBatchOfTheWrongKindOrShapeIsBadInput() throws Exception {
        Path rows = Cli.write(dir, "rows.json", """
                {"format": "gradproof-batch", "version": 1, "examples": "rows", "inputs": [[0, 1]], "targets": [[1]]}
                """);
        Cli.Run run = Cli.run("check", modelFile, rows);
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("gradproof: " + rows + ": $.examples: expected \"sequences\" (a batch for an LSTM model), got \"rows\"\n",
                run.err());
        Path wide = Cli.write(dir, "wide.json", batch.toJson().replace("[0.0, 1.0]", "[0.0, 1.0, 2.0]"));
        run = Cli.run("grad", modelFile, wide);
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("gradproof: " + wide + ": $.inputs[0][1]: axis 2 (features) must have 3 entries, got 2\n", run.err());
        Cli.Run gates = Cli.run("grad", modelFile, batchFile, "--gates", "sideways");
        assertEquals(2, gates.exitCode(), gates::toString);
    }
}
