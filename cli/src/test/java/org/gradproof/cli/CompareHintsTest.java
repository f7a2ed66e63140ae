package org.gradproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gradproof.io.BatchDocument;
import org.gradproof.io.Layout;
import org.gradproof.io.ModelDocument;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare} on a 2-6-5-3 tanh/sigmoid/softmax network with one-hot targets: the hints in the text and in the
 * JSON, and a closest catalogue miss offered only when it comes nearer to the gradients than the right ones, with its
 * title.
 */
class CompareHintsTest {

    private static final int M = 8;

    @TempDir
    Path dir;

    private Mlp net;
    private Batch examples;
    private Path model;
    private Path batch;

    @BeforeEach
    void writeInputs() throws Exception {
        net = Mlp.builder(2).dense(6, "tanh").dense(5, "sigmoid").dense(3, "identity")
                .loss(Loss.SOFTMAX_CROSS_ENTROPY, Reduction.MEAN).weights(Initializer.uniform(1))
                .biases(Initializer.uniform(0.5)).seed(10).build();
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[M][2];
        double[][] y = new double[M][3];
        for (int n = 0; n < M; n++) {
            x[n][0] = random.nextDouble(-1, 1);
            x[n][1] = random.nextDouble(-1, 1);
            y[n][n % 3] = 1;
        }
        examples = Batch.of(x, y);
        model = Cli.write(dir, "model.json", ModelDocument.of(net, 1, Layout.REFERENCE).toJson());
        batch = Cli.write(dir, "batch.json", BatchDocument.toJson(examples, false));
    }

    /** The hidden biases' gradient assigned per example: only the last example's δ, not their sum. */
    @Test
    void biasesAssignedPerExampleGetTheBatchSumHintAndNoMisleadingMiss() throws Exception {
        double[][] g = net.gradients(examples).blocks();
        Batch last = Batch.of(new double[][] {row(examples.inputs().data, M - 1, 2)},
                new double[][] {row(examples.targets().data, M - 1, 3)});
        double[][] alone = net.gradients(last).blocks();
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < g[2 * l + 1].length; i++) {
                g[2 * l + 1][i] = alone[2 * l + 1][i] / M;
            }
        }
        Path theirs = Cli.write(dir, "bias.json", ModelDocument.of(net, 1, Layout.REFERENCE)
                .gradientsJson(g, net.loss(examples), Layout.REFERENCE, null));
        String hint = "only bias gradients are wrong (dense1.b, dense2.b) and the weights are right, so the deltas "
                + "are: is each bias gradient its delta summed over the batch — every example's added in (not "
                + "assigned), along the examples and not the units?";
        Cli.Run text = Cli.run("compare", model, batch, theirs);
        assertEquals(1, text.exitCode(), text::toString);
        assertTrue(text.out().contains("\n  hint:      " + hint + "\n"), text::toString);
        assertTrue(text.out().contains("diagnosis by reproduction: no catalogue bug reproduces it, and none comes "
                + "nearer to it than the right gradient does"), text::toString);
        JsonNode json = new ObjectMapper().readTree(Cli.run("compare", "--json", model, batch, theirs).out());
        assertEquals(1, json.get("hints").size());
        assertEquals(hint, json.get("hints").get(0).asText());
        assertTrue(json.get("reproduction").get("closestMiss").isNull());
        for (JsonNode c : json.get("reproduction").get("candidates")) {
            assertTrue(!c.get("entry").asText().equals("BP-24"), "p − y changes nothing for one-hot targets: " + c);
        }
    }

    /** Every gradient negated but one entry: BP-60 misses, comes nearest, and is offered with its title. */
    @Test
    void aCloseMissIsOfferedWithItsTitle() throws Exception {
        double[][] g = net.gradients(examples).blocks();
        for (double[] block : g) {
            for (int k = 0; k < block.length; k++) {
                block[k] = -block[k];
            }
        }
        g[4][0] *= 1.01;
        Path theirs = Cli.write(dir, "almost.json", ModelDocument.of(net, 1, Layout.REFERENCE)
                .gradientsJson(g, net.loss(examples), Layout.REFERENCE, null));
        Cli.Run text = Cli.run("compare", model, batch, theirs);
        assertTrue(text.out().contains("diagnosis by reproduction: no catalogue bug reproduces it (closest: BP-60, "
                + "every gradient negated (2(y − ŷ) with a −= update: gradient ascent), off by a relative"), text::toString);
        JsonNode json = new ObjectMapper().readTree(Cli.run("compare", "--json", model, batch, theirs).out());
        assertEquals("BP-60", json.get("reproduction").get("closestMiss").asText());
    }

    /** The output layer's dW and db not divided by m: the text and the JSON name the layer that misses the mean. */
    @Test
    void theLayerThatMissesTheMeanIsNamed() throws Exception {
        double[][] g = net.gradients(examples).blocks();
        for (int b = 4; b < 6; b++) {
            for (int k = 0; k < g[b].length; k++) {
                g[b][k] *= M;
            }
        }
        Path theirs = Cli.write(dir, "summed.json", ModelDocument.of(net, 1, Layout.REFERENCE)
                .gradientsJson(g, net.loss(examples), Layout.REFERENCE, null));
        JsonNode json = new ObjectMapper().readTree(Cli.run("compare", "--json", model, batch, theirs).out());
        assertEquals("SCALED", json.get("diagnosis").asText());
        assertEquals("only dense3 is off, by k = 8 = the batch size m, and the other layers are right: does dense3 "
                + "miss the 1/8 of the mean that the other layers' gradients get (summed over the examples, not "
                + "averaged)?", json.get("hints").get(0).asText());
        assertTrue(json.get("report").asText().contains("  hint:      only dense3 is off"), json.toString());
    }

    private static double[] row(double[] data, int row, int cols) {
        return java.util.Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }
}
