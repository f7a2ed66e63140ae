package org.gradproof.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/interchange.md's conventions for PyTorch users are true: each example's {@code "loss"} line is what
 * {@code gradproof grad} prints for its model and batch, and that loss is what the statement says, computed here from
 * the formula it states (erf by its series, not by the implementation under test).
 */
class ConventionsDocTest {

    private static final Path DOC = Path.of("..", "docs", "interchange.md");
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- convention: ([a-z-]+) (model|batch|loss) -->\\s*```(?:json)?\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyConventionShowsTheLossGradPrints() throws Exception {
        Map<String, Double> losses = losses();
        assertEquals("[bce, erf-logistic, leaky-relu, mse-sum, sigmoid-bce, softplus]", losses.keySet().toString());
    }

    /** ½(1 + erf z), not the normal CDF ½(1 + erf(z/√2)): at z = 0.5, squared. */
    @Test
    void erfLogisticIsHalfOfOnePlusErf() throws Exception {
        double loss = losses().get("erf-logistic");
        double stated = square(0.5 * (1 + erf(0.5)));
        assertEquals(stated, loss, 1e-15 * stated);
        double normalCdf = square(0.5 * (1 + erf(0.5 / Math.sqrt(2))));
        assertTrue(Math.abs(loss - normalCdf) > 0.09, loss + " must not be the normal CDF's " + normalCdf);
    }

    /** Plain leaky_relu has PyTorch's default slope 0.01: at z = −2 it is −0.02. */
    @Test
    void plainLeakyReluHasSlopeOneHundredth() throws Exception {
        assertEquals(square(0.01 * -2), losses().get("leaky-relu"), 0);
    }

    /** bce and sigmoid_bce sum over the K = 2 units (log 2 each at p = ½), and "mean" divides by m only. */
    @Test
    void binaryCrossEntropiesSumOverTheUnits() throws Exception {
        double twoUnits = 2 * Math.log(2);
        assertEquals(twoUnits, losses().get("bce"), 1e-15 * twoUnits);
        assertEquals(twoUnits, losses().get("sigmoid-bce"), 1e-15 * twoUnits);
    }

    /** mse/sum is Σ_n Σ_j (ŷ − y)² / K: outputs 1 and 2 against 0, two examples, K = 2. */
    @Test
    void mseWithSumIsTorchsSumDividedByTheOutputs() throws Exception {
        double torchSum = 2 * (square(1) + square(2));
        assertEquals(torchSum / 2, losses().get("mse-sum"), 0);
    }

    /** No linear switch: at z = 25 softplus is 25 + log1p(e^−25), not PyTorch's 25. */
    @Test
    void softplusHasNoLinearSwitch() throws Exception {
        double loss = losses().get("softplus");
        double stated = square(25 + Math.log1p(Math.exp(-25)));
        assertEquals(stated, loss, 1e-15 * stated);
        assertTrue(loss > 625 * (1 + 1e-12), "above torch's 625: " + loss);
    }

    /** Each convention's loss: the doc's "loss" line, checked to be what grad prints for the doc's model and batch. */
    private Map<String, Double> losses() throws Exception {
        Map<String, Map<String, String>> blocks = new TreeMap<>();
        Matcher m = BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            blocks.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(m.group(2), m.group(3).strip());
        }
        Map<String, Double> losses = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> e : blocks.entrySet()) {
            Map<String, String> c = e.getValue();
            assertEquals("[batch, loss, model]", c.keySet().toString(), e.getKey());
            Path model = Cli.write(dir, e.getKey() + "-model.json", c.get("model"));
            Path batch = Cli.write(dir, e.getKey() + "-batch.json", c.get("batch"));
            Cli.Run grad = Cli.run("grad", model, batch);
            assertEquals(0, grad.exitCode(), grad::toString);
            Matcher printed = Pattern.compile("(?m)^  (\"loss\": [^,\\n]+),$").matcher(grad.out());
            assertTrue(printed.find(), grad.out());
            assertEquals(c.get("loss"), printed.group(1), "docs/interchange.md's " + e.getKey() + " loss is not what "
                    + "gradproof grad prints for its model and batch");
            losses.put(e.getKey(), Double.parseDouble(printed.group(1).substring("\"loss\": ".length())));
        }
        return losses;
    }

    /** erf x = (2/√π) Σ_n (−1)^n x^(2n+1) / (n! (2n + 1)), summed until the terms vanish. */
    private static double erf(double x) {
        double sum = 0;
        double power = x;
        double factorial = 1;
        for (int n = 0; n < 40; n++) {
            sum += (n % 2 == 0 ? 1 : -1) * power / (factorial * (2 * n + 1));
            power *= x * x;
            factorial *= n + 1;
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private static double square(double v) {
        return v * v;
    }
}
