package org.gradproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.Layout;
import org.gradproof.io.ModelDocument;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.gradproof.io.BatchDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command in-process: its output, its exit code, its error messages. */
class CommandsTest {

    @TempDir
    Path dir;

    private Path model;
    private Path batch;
    private Mlp net;
    private Batch examples;

    @BeforeEach
    void writeInputs() throws Exception {
        net = Mlp.builder(2).dense(3, "tanh").dense(2, "sigmoid").loss(Loss.MSE, Reduction.MEAN)
                .weights(Initializer.uniform(1.5)).biases(Initializer.uniform(0.5)).seed(5).build();
        examples = Batch.of(new double[][] {{0, 1}, {1, 0}, {0.5, -1}}, new double[][] {{1, 0}, {0, 1}, {1, 1}});
        model = Cli.write(dir, "model.json", ModelDocument.of(net, 1, Layout.REFERENCE).toJson());
        batch = Cli.write(dir, "batch.json", BatchDocument.toJson(examples, false));
    }

    /** Gradients of {@code net} on {@code examples} with each block multiplied by its factor. */
    private Path gradients(String name, double... factors) throws Exception {
        double[][] g = net.gradients(examples).blocks();
        for (int b = 0; b < g.length; b++) {
            for (int k = 0; k < g[b].length; k++) {
                g[b][k] *= factors[b];
            }
        }
        return Cli.write(dir, name, ModelDocument.of(net, 1, Layout.REFERENCE).gradientsJson(g, net.loss(examples),
                Layout.REFERENCE, null));
    }

    @Test
    void checkPassesTheReferenceBackprop() {
        Cli.Run run = Cli.run("check", model, batch);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("gradproof gradient check: PASSED"), run::toString);
        assertTrue(run.out().contains("mlp 2-3-2 (tanh, sigmoid), mse/mean, batch 3"), run::toString);
        assertEquals("", run.err());
    }

    /**
     * Gradients as a float32 backprop gives them (PyTorch's and numpy's default): float values, each off the exact
     * derivative by a relative 2e-5 — twenty times the double tolerance, as where a batch's terms cancel.
     */
    private Path float32Gradients(String name, float factor) throws Exception {
        double[][] g = net.gradients(examples).blocks();
        for (int b = 0; b < g.length; b++) {
            for (int k = 0; k < g[b].length; k++) {
                g[b][k] = (float) (g[b][k] * (1 + ((b + k) % 2 == 0 ? 2e-5 : -2e-5))) * factor;
            }
        }
        return Cli.write(dir, name, ModelDocument.of(net, 1, Layout.REFERENCE).gradientsJson(g, net.loss(examples),
                Layout.REFERENCE, null));
    }

    @Test
    void compareJudgesFloat32GradientsAtFloatPrecisionAndStillCatchesOnePercent() throws Exception {
        Cli.Run right = Cli.run("compare", model, batch, float32Gradients("f32.json", 1f));
        assertEquals(0, right.exitCode(), right::toString);
        assertTrue(right.out().contains("relative tolerance raised to 1.00e-03: every claimed derivative is a float32 "
                + "value"), right::toString);
        Cli.Run scaled = Cli.run("compare", model, batch, float32Gradients("f32-scaled.json", 1.01f));
        assertEquals(1, scaled.exitCode(), scaled::toString);
        assertTrue(scaled.out().contains("FAILED — SCALED"), scaled::toString);
    }

    /**
     * --directional on a model with blocks large enough for directions to pay: the same verdicts as the entry-by-entry
     * check, far fewer evaluations, the directions in the JSON result, and a wrong entry named.
     */
    @Test
    void directionalChecksGiveTheSameVerdictsAndNameAWrongEntry() throws Exception {
        Mlp wide = Mlp.builder(6).dense(24, "tanh").dense(3, "identity").loss(Loss.SOFTMAX_CROSS_ENTROPY,
                Reduction.MEAN).weights(Initializer.uniform(0.7)).seed(3).build();
        double[][] x = new double[5][6];
        double[][] y = new double[5][3];
        for (int n = 0; n < 5; n++) {
            for (int j = 0; j < 6; j++) {
                x[n][j] = Math.sin(7 * n + j);
            }
            y[n][n % 3] = 1;
        }
        Batch data = Batch.of(x, y);
        Path wideModel = Cli.write(dir, "wide.json", ModelDocument.of(wide, 1, Layout.REFERENCE).toJson());
        Path wideBatch = Cli.write(dir, "wide-batch.json", BatchDocument.toJson(data, false));
        Cli.Run exhaustive = Cli.run("check", "--json", wideModel, wideBatch);
        Cli.Run directional = Cli.run("check", "--json", "--directional", wideModel, wideBatch);
        assertEquals(0, exhaustive.exitCode(), exhaustive::toString);
        assertEquals(0, directional.exitCode(), directional::toString);
        assertTrue(directional.out().contains("\"directions\" : [ {"), directional::toString);
        assertFalse(exhaustive.out().contains("\"directions\""), exhaustive::toString);
        assertTrue(directional.out().contains("along 3 random directions"), directional::toString);

        double[][] g = wide.gradients(data).blocks();
        g[0][100] *= 2;
        Path wrong = Cli.write(dir, "wide-wrong.json", ModelDocument.of(wide, 1, Layout.REFERENCE).gradientsJson(g,
                wide.loss(data), Layout.REFERENCE, null));
        Cli.Run named = Cli.run("compare", "--directional", wideModel, wideBatch, wrong);
        assertEquals(1, named.exitCode(), named::toString);
        assertTrue(named.out().contains("dense1.W[" + 100 / 6 + "," + 100 % 6 + "]"), named::toString);
    }

    /** A budget too small for every entry: the report is inconclusive (exit 4), never a pass, and says why. */
    @Test
    void aBudgetStopsTheCheckWithAnInconclusiveReport() {
        Cli.Run run = Cli.run("check", model, batch, "--max-evaluations", "60");
        assertEquals(4, run.exitCode(), run::toString);
        assertTrue(run.out().contains("The check stopped at its budget of 60 evaluations after "), run::toString);
        assertTrue(run.out().contains("not reached: the check stopped early"), run::toString);
        assertEquals("", run.err(), "no progress line for a check this short");
        assertBadInput(Cli.run("check", model, batch, "--max-seconds", "0"), "gradproof: --max-seconds must be in "
                + "(0, 3.1536E7] seconds, got 0.0");
        assertBadInput(Cli.run("check", model, batch, "--max-evaluations", "0"), "gradproof: --max-evaluations must "
                + "be at least 1, got 0");
    }

    @Test
    void gradPrintsTheReferenceGradientsInTheAskedLayout() throws Exception {
        Cli.Run run = Cli.run("grad", model, batch, "--weights", "in_out", "--bias", "first");
        assertEquals(0, run.exitCode(), run::toString);
        GradientsDocument doc = GradientsDocument.parse(run.out(), "stdout");
        assertEquals("weights in_out, bias first", doc.layout().toString());
        double[][] expected = net.gradients(examples).blocks();
        double[][] read = ModelDocument.of(net, 1, Layout.REFERENCE).parameterGradients(doc);
        for (int b = 0; b < expected.length; b++) {
            assertArrayEquals(expected[b], read[b]);
        }
        assertEquals(net.loss(examples), doc.loss().getAsDouble());

        Path out = dir.resolve("ref.json");
        assertEquals(0, Cli.run("grad", model, batch, "-o", out).exitCode());
        assertEquals(Layout.REFERENCE, GradientsDocument.read(out).layout(), "default: the model's layout");
    }

    /** A gate layout for a dense model is bad input, in one line that says so; the LSTM path takes it. */
    @Test
    void gradRefusesAGateLayoutForADenseModel() {
        assertBadInput(Cli.run("grad", model, batch, "--gates", "stacked"), "gradproof: --gates: the model has no "
                + "gated layers (it says how LSTM gate gradients are stored); leave it out");
    }

    @Test
    void compareAcceptsCorrectGradients() throws Exception {
        Cli.Run run = Cli.run("compare", model, batch, gradients("right.json", 1, 1, 1, 1));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("PASSED"), run::toString);
        assertFalse(run.out().contains("reproduction"), run::toString);
        assertFalse(run.out().contains("warning"), run::toString);
    }

    @Test
    void compareNamesASignFlipAndTheBugThatReproducesIt() throws Exception {
        Cli.Run run = Cli.run("compare", model, batch, gradients("flipped.json", -1, -1, -1, -1));
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("gradproof gradient check: FAILED — SIGN_FLIP"), run::toString);
        assertTrue(run.out().contains("diagnosis by reproduction: matches BP-60"), run::toString);
    }

    @Test
    void compareLocalisesAFactorToItsBlockAndNamesTheWorstEntries() throws Exception {
        Cli.Run run = Cli.run("compare", model, batch, gradients("scaled.json", 1, 1, 3, 1));
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("SCALED"), run::toString);
        assertTrue(run.out().contains("k = 3.000000 on dense2.W only — 3 = the batch size m"), run::toString);
        assertTrue(run.out().contains("  dense2.W[1,0] "), run::toString);
        assertTrue(run.out().contains("no catalogue bug reproduces it"), run::toString);
    }

    @Test
    void nonFiniteGradientsAreDiagnosedNotRejected() throws Exception {
        Path g = gradients("nan.json", 1, 1, 1, 1);
        Files.writeString(g, Files.readString(g).replaceFirst("\"dense2.b\": \\[[^,]*,", "\"dense2.b\": [NaN,"));
        Cli.Run run = Cli.run("compare", model, batch, g);
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("NON_FINITE"), run::toString);
        assertTrue(run.out().contains("not run: the supplied gradients are not all finite"), run::toString);
    }

    @Test
    void compareWarnsWhenTheSuppliedLossIsNotTheModelsLoss() throws Exception {
        double[][] g = net.gradients(examples).blocks();
        Path file = Cli.write(dir, "other.json", ModelDocument.of(net, 1, Layout.REFERENCE).gradientsJson(g,
                2 * net.loss(examples), Layout.REFERENCE, null));
        Cli.Run run = Cli.run("compare", model, batch, file);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("warning: the gradients document says loss "), run::toString);
        assertTrue(run.out().contains("the model document does not describe the network"), run::toString);
    }

    @Test
    void jsonOutputIsAResultDocument() throws Exception {
        Cli.Run run = Cli.run("compare", "--json", model, batch, gradients("flipped.json", -1, -1, -1, -1));
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals("gradproof-result", root.get("format").asText());
        assertEquals("SIGN_FLIP", root.get("diagnosis").asText());
        assertEquals("BP-60", root.get("reproduction").get("match").asText());
        assertEquals(4, root.get("blocks").size());
        assertEquals(-1.0, root.get("fittedScale").asDouble(), 1e-9);

        Cli.Run check = Cli.run("check", "--json", model, batch);
        JsonNode result = new ObjectMapper().readTree(check.out());
        assertTrue(result.get("passed").asBoolean());
        assertEquals(0, check.exitCode());
    }

    @Test
    void checkerOptionsReachTheReport() {
        Cli.Run run = Cli.run("check", model, batch, "--relative-tolerance", "1e-7", "--seed", "42",
                "--max-entries-per-block", "2", "--worst-entries", "1");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("relativeTolerance 1.0e-07"), run::toString);
        assertTrue(run.out().contains("entries per block at most 2, seed 42"), run::toString);
    }

    @Test
    void badInputIsOneLineOnStderrAndExitCodeTwo() throws Exception {
        assertBadInput(Cli.run("check", dir.resolve("nope.json"), batch),
                "gradproof: " + dir.resolve("nope.json") + ": no such file (expected a gradproof-model document)");
        Path broken = Cli.write(dir, "broken.json", Files.readString(model).replace("\"units\": 3", "\"units\": 4"));
        assertBadInput(Cli.run("check", broken, batch), "gradproof: " + broken + ": $.layers[0].weights: expected 4 "
                + "rows (the 4x2 dense1.W as [out][in]), got 3");
        assertBadInput(Cli.run("check", batch, model), "gradproof: " + batch + ": $.format: expected "
                + "\"gradproof-model\", got \"gradproof-batch\" (the files are in the wrong order?)");
        Path narrow = Cli.write(dir, "narrow.json", BatchDocument.toJson(Batch.of(new double[][] {{1}},
                new double[][] {{1, 0}}), false));
        assertBadInput(Cli.run("grad", model, narrow), "gradproof: " + narrow + ": $.inputs[0]: expected 2 numbers, "
                + "one per input of the model (mlp 2-3-2 (tanh, sigmoid), mse/mean), got 1");
        assertBadInput(Cli.run("check", model, batch, "--relative-tolerance", "5"),
                "gradproof: --relative-tolerance must be in [1.0E-15, 0.1], got 5.0");
    }

    @Test
    void usageErrorsAreExitCodeTwoWithoutAStackTrace() {
        assertBadInput(Cli.run("compare", model, batch), "gradproof: Missing required parameter: 'GRADIENTS' "
                + "(see 'gradproof compare --help')");
        assertBadInput(Cli.run("grad", model, batch, "--weights", "rows"), "gradproof: Invalid value for option "
                + "'--weights': expected one of [out_in, in_out] (case-sensitive) but was 'rows' "
                + "(see 'gradproof grad --help')");
        assertBadInput(Cli.run("frobnicate"), "gradproof: Unmatched argument at index 0: 'frobnicate' "
                + "(see 'gradproof --help')");
    }

    private static void assertBadInput(Cli.Run run, String line) {
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(line + System.lineSeparator(), run.err(), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void helpListsEveryCommandOnOneLineEach() {
        Cli.Run run = Cli.run("--help");
        assertEquals(0, run.exitCode());
        for (String line : new String[] {
                "  catalogue  Runs the bug catalogue: every seed's bug named, every fix passed.\n",
                "  check      Checks the reference backprop of MODEL on BATCH.\n",
                "  compare    Checks your GRADIENTS of MODEL on BATCH; names the bug if wrong.\n",
                "  grad       Prints the reference gradients of MODEL on BATCH as JSON.\n",
                "Exit codes: 0 correct, 1 wrong, 2 bad input, 3 internal error, 4 inconclusive\n"}) {
            assertTrue(run.out().replace(System.lineSeparator(), "\n").contains(line),
                    () -> "missing: " + line + "\n" + run.out());
        }
        Cli.Run compare = Cli.run("compare", "--help");
        assertTrue(compare.out().contains("--relative-tolerance=R"), compare::toString);
        assertTrue(compare.out().contains("python/gradproof_io.py"), compare::toString);
    }
}
