package org.gradproof.properties.readme;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.io.BatchDocument;
import org.gradproof.io.DocumentNetworks;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.ModelDocument;
import org.gradproof.nn.Batch;
import org.gradproof.nn.DocumentLoss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.gradproof.properties.CorruptedGradient;
import org.gradproof.properties.Head;
import org.gradproof.properties.contract.ContractCase;
import org.gradproof.properties.contract.GradientContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Gate your own network" examples, run on a 2-6-5-3 textbook network (tanh, sigmoid, softmax
 * cross-entropy averaged over a batch of 8): both routes pass it, name a planted bug, and the JSON written from plain
 * arrays is what gradproof reads.
 */
class GateYourOwnNetworkTest {

    private static final int[] WIDTHS = {2, 6, 5, 3};
    private static final String[] HIDDEN = {"tanh", "sigmoid"};
    private static final int M = 8;

    private final SplittableRandom random = new SplittableRandom(10);
    private final double[][][] w = new double[3][][];
    private final double[][] b = new double[3][];
    private final double[][] x = new double[M][2];
    private final double[][] y = new double[M][3];

    GateYourOwnNetworkTest() {
        for (int l = 0; l < 3; l++) {
            w[l] = new double[WIDTHS[l + 1]][WIDTHS[l]];
            b[l] = new double[WIDTHS[l + 1]];
            for (double[] row : w[l]) {
                fill(row);
            }
            fill(b[l]);
        }
        for (int n = 0; n < M; n++) {
            fill(x[n]);
            y[n][random.nextInt(3)] = 1;
        }
    }

    @Test
    void bothRoutesPassTheTextbookNetwork() {
        GradientReport named = CheckTextbookMlp.named(w, b, HIDDEN, x, y);
        assertTrue(named.passed(), named.summary());
        assertEquals(List.of("dense1.W", "dense1.b", "dense2.W", "dense2.b", "dense3.W", "dense3.b"),
                named.blocks().stream().map(s -> s.name()).toList());
        GradientReport flat = CheckTextbookMlp.flat(WIDTHS, HIDDEN, theta(), x, y);
        assertTrue(flat.passed(), flat.summary());
        assertEquals(named.entries().size(), flat.entries().size());
    }

    @Test
    void theLongCheckExampleChecksEveryEntryWithinItsBudget() {
        GradientReport report = LongCheck.withinFiveMinutes(new TextbookMlpObjective(w, b, HIDDEN, x, y));
        assertTrue(report.passed(), report.summary());
        assertEquals(0, report.entriesNotChecked());
    }

    @Test
    void theDirectionalExampleGivesTheExhaustiveVerdictAndNamesAPlantedEntry() {
        BlockFunction correct = new TextbookMlpObjective(w, b, HIDDEN, x, y);
        GradientReport report = QuickCheck.alongRandomDirections(correct);
        assertTrue(report.passed(), report.summary());
        assertTrue(report.directions().size() >= 3, report.summary());
        GradientReport planted = QuickCheck.alongRandomDirections(CorruptedGradient.perturbedEntry(correct, 0, 5, 1));
        assertEquals(GradientCheck.check(CorruptedGradient.perturbedEntry(correct, 0, 5, 1)).diagnosis(),
                planted.diagnosis(), planted.summary());
        assertEquals(List.of(correct.blocks().get(0).label(5)),
                planted.failures().stream().map(e -> e.label()).toList(), planted.summary());
    }

    @Test
    void theHessianVectorExampleProvesItsProduct() {
        GradientReport report = SecondOrder.checkHessianVector(new double[] {0.5, -1.2, 2.0, 0.3},
                new double[] {1, 0.5, -0.25, 2});
        assertTrue(report.passed(), report.summary());
        assertEquals(List.of("Hv"), report.blocks().stream().map(s -> s.name()).toList());
    }

    @Test
    void theLayerExampleProvesItsBackwardPassAndItsJacobian() {
        double[] x = {0.3, -0.8, 0.5, 1.1, -0.2, 0.7};
        TanhLayer layer = new TanhLayer(2, 3, 2, new double[] {0.4, -0.6, 0.2, 0.9, 0.1, -0.3}, new double[] {0.1,
                -0.2});
        for (GradientReport report : TanhLayer.check(layer, x)) {
            assertTrue(report.passed(), report.summary());
        }
        assertTrue(TanhLayer.contract().cases() > 0);
    }

    @Test
    void theFullHessianExampleProvesEveryEntry() {
        GradientReport report = FullHessian.checkHessian(new double[] {0.5, -1.2, 2.0, 0.3});
        assertTrue(report.passed(), report.summary());
        assertEquals(16, report.entries().size(), report.summary());
        assertEquals(List.of("H[·][0]", "H[·][1]", "H[·][2]", "H[·][3]"),
                report.blocks().stream().map(s -> s.name()).toList());
        assertTrue(report.entry("H[2][1]").isPresent(), report.summary());
    }

    /** The output layer's dW and db not divided by m: named blocks say where, and knownFactors say why. */
    @Test
    void theNamedRouteNamesTheLayerAndTheBatchSize() {
        BlockFunction correct = new TextbookMlpObjective(w, b, HIDDEN, x, y);
        BlockFunction bug = CorruptedGradient.scaled(CorruptedGradient.scaled(correct, 4, M), 5, M);
        GradientReport report = GradientCheck.check(bug);
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report.summary());
        assertEquals(List.of("dense3.W", "dense3.b"), report.wrongBlocks());
        assertTrue(report.explanation().contains("k = 8.000000 on dense3.W, dense3.b only — 8 = the batch size m"),
                report.explanation());
    }

    /**
     * The three planted bugs, each with a hint that names the layer and asks about the likely cause: the
     * output layer not averaged, tanh′ taken of a in the first hidden layer, the hidden biases assigned per example.
     */
    @Test
    void eachPlantedBugGetsAHintThatNamesTheLayer() {
        BlockFunction correct = new TextbookMlpObjective(w, b, HIDDEN, x, y);
        GradientReport notAveraged = GradientCheck.check(CorruptedGradient.scaled(CorruptedGradient.scaled(correct, 4,
                M), 5, M));
        assertEquals(List.of("only dense3 is off, by k = 8 = the batch size m, and the other layers are right: does "
                + "dense3 miss the 1/8 of the mean that the other layers' gradients get (summed over the examples, not "
                + "averaged)?"), notAveraged.hints(), notAveraged.summary());
        GradientReport tanh = GradientCheck.check(new PlantedTextbookMlp(TextbookMlp.Bug.TANH_DERIVATIVE_OF_A, w, b,
                HIDDEN, x, y));
        assertEquals(List.of("dense1.W", "dense1.b"), tanh.wrongBlocks(), tanh.summary());
        assertEquals(List.of("dense1 is wrong and every layer above it is right: is it dense1's activation derivative "
                + "(φ′ given the wrong argument? φ′(z) needs z, a formula in a such as 1 − a² needs a = φ(z)), or the "
                + "delta passed into it from dense2?"), tanh.hints(), tanh.summary());
        GradientReport bias = GradientCheck.check(new PlantedTextbookMlp(TextbookMlp.Bug.HIDDEN_BIAS_ASSIGNED, w, b,
                HIDDEN, x, y));
        assertEquals(List.of("dense1.b", "dense2.b"), bias.wrongBlocks(), bias.summary());
        assertEquals(List.of("only bias gradients are wrong (dense1.b, dense2.b) and the weights are right, so the "
                + "deltas are: is each bias gradient its delta summed over the batch — every example's added in (not "
                + "assigned), along the examples and not the units?"), bias.hints(), bias.summary());
    }

    /**
     * The README's contract-kit failure: the textbook network with its output layer's dW and db not divided by m. The
     * message's hint line names the output layer and the batch size.
     */
    @Test
    void theContractKitsMessageHintsAtTheLayerThatMissesTheMean() {
        GradientContract.Subject notAveraged = new GradientContract.Subject() {
            private final TextbookMlpSubject textbook = new TextbookMlpSubject();

            @Override
            public double loss(ContractCase c) {
                return textbook.loss(c);
            }

            @Override
            public double[][] gradients(ContractCase c) {
                double[][] g = textbook.gradients(c);
                for (int b = g.length - 2; b < g.length; b++) {
                    for (int k = 0; k < g[b].length; k++) {
                        g[b][k] *= c.batchSize();
                    }
                }
                return g;
            }

            @Override
            public double noiseScale(ContractCase c) {
                return textbook.noiseScale(c);
            }
        };
        String message = assertThrows(AssertionError.class, () -> GradientContract.forSubject(notAveraged)
                .activations("tanh", "sigmoid").heads(Head.SOFTMAX_CROSS_ENTROPY_LOGITS).reductions(Reduction.MEAN)
                .verify()).getMessage();
        Matcher m = Pattern.compile("(?m)^  hint:     only (dense\\d) is off, by k = (\\d+) = the batch size m, and "
                + "the other layers are right: does \\1 miss the 1/\\2 of the mean that the other layers' gradients get "
                + "\\(summed over the examples, not averaged\\)\\?$").matcher(message);
        assertTrue(m.find(), message);
        assertTrue(message.startsWith("GradientContract FAILED for GateYourOwnNetworkTest_1: SCALED on the output "
                + "layer only — wrong blocks [" + m.group(1) + ".W, " + m.group(1) + ".b]"), message);
    }

    /** The document the plain-array writer makes reads back to the same numbers, loss and gradients. */
    @Test
    void theJsonWrittenFromPlainArraysIsWhatGradproofReads() {
        String[] activations = {"tanh", "sigmoid", "identity"};
        ModelDocument model = ModelDocument.parse(InterchangeJson.model(w, b, activations, "softmax_cross_entropy",
                "mean"), "model");
        Mlp net = DocumentNetworks.network(model);
        assertArrayEquals(theta(), net.parameters());
        assertEquals("mlp 2-6-5-3 (tanh, sigmoid, identity), softmax_cross_entropy/mean", net.describe());
        Batch batch = BatchDocument.parse(InterchangeJson.batch(x, y), "batch");
        TextbookMlp mine = new TextbookMlp(w, b, HIDDEN);
        DocumentLoss<Batch> loss = DocumentNetworks.on(model, batch);
        assertEquals(mine.loss(x, y), loss.value(), 1e-15 * mine.loss(x, y));
        TextbookMlp.Gradients g = mine.gradients(x, y);
        double[][] read = model.parameterGradients(GradientsDocument.parse(
                InterchangeJson.gradients(g.dw(), g.db(), mine.loss(x, y)), "gradients"));
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(RowMajor.flatten(g.dw()[l]), read[2 * l]);
            assertArrayEquals(g.db()[l], read[2 * l + 1]);
        }
        double[][] reference = loss.gradients();
        for (int k = 0; k < reference.length; k++) {
            assertArrayEquals(reference[k], read[k], 1e-15, "block " + k + ": the textbook backprop is right");
        }
    }

    @Test
    void rowMajorRoundTrips() {
        double[][] m = {{1, 2, 3}, {4, 5, 6}};
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, RowMajor.flatten(m));
        assertArrayEquals(m, RowMajor.rows(RowMajor.flatten(m), 2, 3));
        assertFalse(m == RowMajor.rows(RowMajor.flatten(m), 2, 3));
    }

    /** All parameters in block order: W_l row-major, then b_l. */
    private double[] theta() {
        return java.util.stream.IntStream.range(0, 3).boxed()
                .flatMapToDouble(l -> java.util.stream.DoubleStream.concat(
                        java.util.Arrays.stream(RowMajor.flatten(w[l])), java.util.Arrays.stream(b[l])))
                .toArray();
    }

    private void fill(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
    }
}
