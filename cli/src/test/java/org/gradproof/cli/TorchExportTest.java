package org.gradproof.cli;

import org.gradproof.io.GradientsDocument;
import org.gradproof.io.Layout;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.ModelDocument;
import org.gradproof.io.ReadLimits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PyTorch section of python/gradproof_io.py, cross-checked where PyTorch is installed: random nn.Sequential and
 * nn.LSTM + Linear models, exported with it, get from gradproof the loss and gradients torch autograd computed (in
 * float64, the loss built by gp.torch_loss) to a relative 1e-12 per block, and {@code compare} passes torch's
 * gradients. Skipped, saying so, when no python3 has torch (CI installs numpy only).
 */
class TorchExportTest {

    private static final int CASES = 30;
    private static final double AGREEMENT = 1e-12;

    @TempDir
    Path dir;

    @Test
    void pytorchModelsExportedByGradproofIoGetTorchsGradients() throws Exception {
        String python = pythonWithTorch().orElse(null);
        Assumptions.assumeTrue(python != null, "skipped: no python3 with torch here (tried python3, /usr/bin/python3); "
                + "install it with apt-get install -y python3-torch to cross-check the PyTorch export");
        PythonTest.Result r = PythonTest.python(python, List.of(Path.of("..", "python", "tests", "torch_export.py")
                .toAbsolutePath().normalize().toString(), dir.toString(), Integer.toString(CASES)), dir);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("exported " + CASES + " PyTorch models"), r.output());
        double worst = 0;
        List<String> lstm = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String name = String.format("case_%02d", i);
            Path model = dir.resolve(name + "_model.json");
            Path batch = dir.resolve(name + "_batch.json");
            Path torch = dir.resolve(name + "_torch.json");
            GradientsDocument theirs = GradientsDocument.read(torch);
            ModelOnBatch problem = ModelOnBatch.load(model, batch, ReadLimits.DEFAULT);
            double[][] reference = problem.loss().gradients();
            double[][] torchGradients = problem.claimed(theirs);
            double loss = problem.loss().value();
            if (problem.document() instanceof LstmModelDocument) {
                lstm.add(name);
            }
            assertEquals(loss, theirs.loss().getAsDouble(), AGREEMENT * Math.abs(loss), name + ": the loss");
            for (int k = 0; k < reference.length; k++) {
                double scale = 0;
                double diff = 0;
                for (int e = 0; e < reference[k].length; e++) {
                    scale = Math.max(scale, Math.abs(reference[k][e]));
                    diff = Math.max(diff, Math.abs(reference[k][e] - torchGradients[k][e]));
                }
                assertTrue(diff <= AGREEMENT * scale, name + " block " + k + ": torch differs by " + diff
                        + " on a block of size " + scale + "\n" + r.output());
                worst = scale == 0 ? worst : Math.max(worst, diff / scale);
            }
            Cli.Run compare = Cli.run("compare", model, batch, torch);
            assertEquals(0, compare.exitCode(), name + ": gradproof compare on torch's gradients\n" + compare);
        }
        assertTrue(lstm.size() >= CASES / 3, "LSTM cases: " + lstm);
        System.out.println("PyTorch export: " + CASES + " models (" + lstm.size() + " LSTM), worst relative "
                + "difference from torch autograd per block " + worst);
    }

    /**
     * PyTorch's default precision: float32 models, batches and autograd. Their gradients are float32 values, right only
     * to float rounding where a batch's terms cancel (2e-6 … 3.4e-4 relatively on random models), so {@code compare}
     * must pass them, judged at float precision and saying so, and still fail one block scaled by 1.01.
     */
    @Test
    void float32PytorchGradientsPassAndOneBlockOffByOnePercentFails() throws Exception {
        String python = pythonWithTorch().orElse(null);
        Assumptions.assumeTrue(python != null, "skipped: no python3 with torch here (tried python3, /usr/bin/python3)");
        PythonTest.Result r = PythonTest.python(python, List.of(Path.of("..", "python", "tests", "torch_export.py")
                .toAbsolutePath().normalize().toString(), dir.toString(), Integer.toString(CASES), "float32"), dir);
        assertEquals(0, r.exitCode(), r.output());
        int raised = 0;
        for (int i = 0; i < CASES; i++) {
            String name = String.format("case_%02d", i);
            Path model = dir.resolve(name + "_model.json");
            Path batch = dir.resolve(name + "_batch.json");
            Path torch = dir.resolve(name + "_torch.json");
            Cli.Run compare = Cli.run("compare", model, batch, torch);
            assertEquals(0, compare.exitCode(), name + ": gradproof compare on torch's float32 gradients\n" + compare);
            raised += compare.out().contains("every claimed derivative is a float32 value") ? 1 : 0;

            ModelDocument m = ModelDocument.read(model);
            GradientsDocument theirs = GradientsDocument.read(torch);
            double[][] g = m.parameterGradients(theirs);
            for (int k = 0; k < g[0].length; k++) {
                g[0][k] = (float) (g[0][k] * 1.01);
            }
            Path wrong = Cli.write(dir, name + "_wrong.json", m.gradientsJson(g,
                    theirs.loss().getAsDouble(), Layout.REFERENCE, null));
            Cli.Run caught = Cli.run("compare", model, batch, wrong);
            assertEquals(1, caught.exitCode(), name + ": dense1.W ×1.01 in float32\n" + caught);
        }
        assertTrue(raised >= CASES / 2, raised + " of " + CASES + " recognised as float32");
        System.out.println("PyTorch float32: " + CASES + " models passed, " + raised + " judged at float precision; "
                + "dense1.W ×1.01 caught in every one");
    }

    /** The first of python3 and /usr/bin/python3 (Debian's python3-torch) that imports torch and numpy. */
    private static Optional<String> pythonWithTorch() throws Exception {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                if (PythonTest.python(candidate, List.of("-c", "import torch, numpy"), Path.of(".")).exitCode() == 0) {
                    return Optional.of(candidate);
                }
            } catch (java.io.IOException e) {
                // not installed under that name
            }
        }
        return Optional.empty();
    }
}
