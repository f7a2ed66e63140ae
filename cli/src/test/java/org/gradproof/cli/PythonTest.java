package org.gradproof.cli;

import org.gradproof.io.DocumentNetworks;
import org.gradproof.io.GateLayout;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.InterchangeModel;
import org.gradproof.io.Layout;
import org.gradproof.io.LstmArchitecture;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.SequenceBatchDocument;
import org.gradproof.io.ModelDocument;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.SequenceBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The numpy side, run through python3 against this build's classes: the layouts python/gradproof_io.py writes read
 * back bit for bit, and the worked examples of seeds 000 and 004 get their bugs named. Fails (never skips) when python3
 * or numpy is missing.
 */
class PythonTest {

    private static final Path PYTHON = Path.of("..", "python").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void requirePythonWithNumpy() throws Exception {
        Result r;
        try {
            r = python(List.of("-c", "import numpy; print(numpy.__version__)"), Path.of("."));
        } catch (IOException e) {
            r = new Result(-1, e.getMessage());
        }
        if (r.exitCode() != 0) {
            fail("python3 with numpy is needed to test python/ (install it: apt-get install -y python3 "
                    + "python3-numpy); running python3 gave: " + r.output());
        }
    }

    static Result python(List<String> args, Path workDir) throws Exception {
        return python("python3", args, workDir);
    }

    /** Runs {@code interpreter} with these arguments against this build's classes; its output and exit code. */
    static Result python(String interpreter, List<String> args, Path workDir) throws Exception {
        List<String> command = new ArrayList<>(List.of(interpreter));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("GRADPROOF_JAVA_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("GRADPROOF_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("python3 " + args + " did not finish in 5 minutes");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void everyLayoutWrittenByNumpyReadsBackBitForBit() throws Exception {
        Mlp net = Mlp.builder(3).dense(3, "sigmoid").dense(2, "identity").loss(Loss.MSE, Reduction.SUM)
                .weights(Initializer.uniform(1.5)).biases(Initializer.uniform(0.5)).seed(17).build();
        double[][] g = new double[4][];
        for (int b = 0; b < 4; b++) {
            g[b] = net.parameterBlocks().get(b).data().clone();
            for (int k = 0; k < g[b].length; k++) {
                g[b][k] = Math.scalb(g[b][k], -3) + 1e-17 * k; // distinct from the weights, not round numbers
            }
        }
        g[1][0] = Double.NaN;
        Path model = Cli.write(dir, "model.json", ModelDocument.of(net, 0.25, Layout.REFERENCE).toJson());
        Path grads = Cli.write(dir, "grads.json", ModelDocument.of(net, 1, Layout.REFERENCE).gradientsJson(g, 1.5,
                Layout.REFERENCE, null));
        Result r = python(List.of(PYTHON.resolve("tests/layout_roundtrip.py").toString(), model.toString(),
                grads.toString(), dir.toString()), dir);
        assertEquals(0, r.exitCode(), r.output());
        int layouts = 0;
        for (String weights : List.of("out_in", "in_out")) {
            for (String bias : List.of("separate", "first", "last")) {
                String suffix = weights + "_" + bias + ".json";
                ModelDocument back = ModelDocument.read(dir.resolve("model_" + suffix));
                assertEquals(weights + "/" + bias, back.layout().weights().id() + "/" + back.layout().bias().id());
                assertArrayEquals(net.parameters(), DocumentNetworks.network(back).parameters(), suffix);
                assertEquals(0.25, back.lossScale());
                GradientsDocument gd = GradientsDocument.read(dir.resolve("gradients_" + suffix));
                double[][] read = ModelDocument.of(net, 1, Layout.REFERENCE).parameterGradients(gd);
                for (int b = 0; b < 4; b++) {
                    assertArrayEquals(g[b], read[b], suffix + " block " + b);
                }
                assertEquals(1.5, gd.loss().getAsDouble());
                layouts++;
            }
        }
        assertEquals(6, layouts);
    }

    @Test
    void lstmModelsAndSequenceBatchesWrittenByNumpyReadBackBitForBit() throws Exception {
        LstmArchitecture arch = new LstmArchitecture(2, List.of(3, 2),
                Lstm.HeadPlacement.EVERY_STEP, 2, "identity", Loss.MSE, Reduction.MEAN);
        Lstm net = arch.builder().weights(Initializer.uniform(1)).forgetGateBias(1).seed(29).build();
        net.layers().get(1).bias(0).data[1] = 0.1 + 1e-17;
        SequenceBatchDocument batch = SequenceBatchDocument.of(SequenceBatch.everyStep(
                new double[][][] {{{0.1, -0.2}, {1, 0.5}}, {{0.3, 0.4}, {-1, 1e-300}}},
                new double[][][] {{{1, 0}, {0, 1}}, {{0.5, 0.5}, {1, -1.0 / 3}}}),
                new double[][][][] {{{{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}}, {{-0.1, -0.2, -0.3}, {-0.4, -0.5, -0.6}}},
                        {{{0.7, 0.8}, {0.9, 1.0}}, {{-0.7, -0.8}, {-0.9, -1.0 / 7}}}});
        LstmModelDocument model = LstmModelDocument.of(arch, net, 0.5, Layout.REFERENCE, GateLayout.SEPARATE);
        Path modelFile = Cli.write(dir, "lstm.json", model.toJson());
        Path batchFile = Cli.write(dir, "seq.json", batch.toJson());
        Result r = python(List.of(PYTHON.resolve("tests/lstm_roundtrip.py").toString(), modelFile.toString(),
                batchFile.toString(), dir.toString()), dir);
        assertEquals(0, r.exitCode(), r.output());
        double[] expected = flat(net);
        for (String name : List.of("out_in_stacked", "in_out_stacked", "in_out_separate")) {
            LstmModelDocument back = (LstmModelDocument) InterchangeModel.read(dir.resolve("model_" + name + ".json"));
            assertEquals(name, back.layout().weights().id() + "_" + back.gates().id());
            assertArrayEquals(expected, flat(DocumentNetworks.network(back)), name);
            assertEquals(0.5, back.lossScale());
        }
        SequenceBatchDocument back = SequenceBatchDocument.read(dir.resolve("batch.json"));
        assertEquals(batch.toJson(), back.toJson(), "inputs, targets and initial state bit for bit");
        assertEquals(DocumentNetworks.on(model, batch.sequencesFor(arch)).value(),
                DocumentNetworks.on(model, back.sequencesFor(arch)).value(), 0.0);
    }

    private static double[] flat(Lstm net) {
        return net.parameterBlocks().stream().flatMapToDouble(b -> java.util.Arrays.stream(b.data())).toArray();
    }

    @Test
    void seed000sExampleNamesTheSigmoidDerivativeAndTheMissingFactor() throws Exception {
        Result r = python(List.of(PYTHON.resolve("examples/seed000_nn.py").toString(), dir.toString()), dir);
        assertEquals(0, r.exitCode(), r.output());
        String first = r.output().substring(0, r.output().indexOf("as the seed calls it"));
        assertTrue(first.contains("gradproof gradient check: FAILED — MISMATCH"), r.output());
        assertTrue(first.contains("dense2.W: scaled by k = 2.000000 — 2 = 1/scale: the gradient lacks the loss's "
                + "scale 0.5"), r.output());
        assertTrue(first.contains("diagnosis by reproduction: matches BP-20 (the sigmoid derivative a(1 − a) "
                + "evaluated on z)"), r.output());
        assertTrue(first.contains("once the loss scale 0.5 is left out of the gradient"), r.output());
        assertTrue(first.contains("its gradient is not (as BP-34)"), r.output());
        String asCalled = r.output().substring(r.output().indexOf("as the seed calls it"));
        assertTrue(asCalled.contains("warning: the gradients document says loss"), r.output());
    }

    @Test
    void seed004sExampleNamesTheSignFlipAndTheAveragedFactors() throws Exception {
        Result r = python(List.of(PYTHON.resolve("examples/seed004_mlp.py").toString(), dir.toString()), dir);
        assertEquals(0, r.exitCode(), r.output());
        String[] runs = r.output().split("seed 004: ");
        assertEquals(4, runs.length, r.output());
        assertTrue(runs[1].contains("FAILED — SIGN_FLIP"), runs[1]);
        assertTrue(runs[1].contains("diagnosis by reproduction: matches BP-60"), runs[1]);
        assertTrue(runs[2].contains("diagnosis by reproduction: matches BP-61"), runs[2]);
        assertTrue(runs[2].contains("once the sign is flipped"), runs[2]);
        assertTrue(runs[3].contains("dense2.W: scaled by k = -1.000000"), runs[3]);
        assertTrue(runs[3].contains("diagnosis by reproduction: matches BP-64"), runs[3]);
        assertTrue(runs[3].contains("once the sign is flipped"), runs[3]);
    }
}
