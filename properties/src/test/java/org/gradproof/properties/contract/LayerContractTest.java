package org.gradproof.properties.contract;

import org.gradproof.check.DifferentiableLayer;
import org.gradproof.check.LayerGradients;
import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.Activation;
import org.gradproof.nn.Dense;
import org.gradproof.nn.LstmLayer;
import org.gradproof.nn.ReferenceLayers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.gradproof.properties.contract.ContractFailures.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer kit: every reference layer passes its contract; a wrong backward pass is found, shrunk to the smallest layer
 * that fails the same way and written as a case that rebuilds; a forward pass that is not the reference's, or
 * parameters in another layout, are refused saying what to fix.
 */
class LayerContractTest {

    /** The reference dense layer, built from the case as a user's would be. */
    static DifferentiableLayer referenceDense(LayerCase c) {
        return ReferenceLayers.dense(denseOf(c), c.batch());
    }

    /** A reference {@link Dense} of the case's sizes, its weights and bias set from the case. */
    static Dense denseOf(LayerCase c) {
        Dense d = new Dense("mine", c.inputs(), c.outputs());
        System.arraycopy(c.parameter("dense.W"), 0, d.weights().data, 0, d.weights().data.length);
        System.arraycopy(c.parameter("dense.b"), 0, d.bias().data, 0, d.bias().data.length);
        return d;
    }

    @Test
    void theReferenceDenseLayerPasses() {
        ContractSummary s = LayerContract.dense(LayerContractTest::referenceDense).verify();
        // QuickTheories skips a repeated case now and then
        assertTrue(s.cases() >= 0.95 * LayerContract.DEFAULT_EXAMPLES, s::line);
        assertTrue(s.outcomes().stream().allMatch(CaseOutcome::passed), s::line);
    }

    @Test
    void theReferenceTimeDistributedDenseLayerPasses() {
        LayerContract.timeDistributed(c -> {
            Dense d = denseOf(c);
            return ReferenceLayers.timeDistributed(d, LayerCase.STEPS, c.batch());
        }).examples(100).verify();
    }

    /** dW and db from the last step only, where they must sum over every step: found on both parameter blocks. */
    @Test
    void aTimeDistributedGradientKeptFromTheLastStepOnlyIsFound() {
        String message = assertThrows(AssertionError.class, () -> LayerContract.timeDistributed(c -> {
            Dense d = denseOf(c);
            DifferentiableLayer right = ReferenceLayers.timeDistributed(d, LayerCase.STEPS, c.batch());
            DifferentiableLayer lastStep = ReferenceLayers.dense(d, c.batch());
            return new DifferentiableLayer() {
                @Override
                public List<ParameterBlock> parameters() {
                    return right.parameters();
                }

                @Override
                public double[] forward(double[][] inputs) {
                    return right.forward(inputs);
                }

                @Override
                public LayerGradients backward(double[][] inputs, double[] upstream) {
                    LayerGradients all = right.backward(inputs, upstream);
                    int rows = c.batch() * c.inputs();
                    int outs = c.batch() * c.outputs();
                    double[] x = java.util.Arrays.copyOfRange(inputs[0], (LayerCase.STEPS - 1) * rows,
                            LayerCase.STEPS * rows);
                    double[] u = java.util.Arrays.copyOfRange(upstream, (LayerCase.STEPS - 1) * outs,
                            LayerCase.STEPS * outs);
                    return new LayerGradients(all.inputs(), lastStep.backward(new double[][] {x}, u).parameters());
                }
            };
        }).verify()).getMessage();
        String first = message.lines().findFirst().orElseThrow();
        assertTrue(first.contains("dense.W") && first.contains("dense.b") && !first.contains("input"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "sigmoid", "tanh", "relu", "leaky_relu(0.1)", "softplus", "erf_logistic",
            "softmax"})
    void everyReferenceActivationPasses(String name) {
        LayerContract.activation(name, c -> ReferenceLayers.activation(Activation.named(name), c.batch(), c.inputs()))
                .examples(60).verify();
    }

    @Test
    void theReferenceLstmCellPasses() {
        LayerContract.lstmCell(c -> {
            LstmLayer layer = new LstmLayer("cell", c.inputs(), c.outputs());
            List<ParameterBlock> blocks = layer.blocks();
            for (int i = 0; i < blocks.size(); i++) {
                double[] v = c.parameter(c.parameterNames().get(i));
                System.arraycopy(v, 0, blocks.get(i).data(), 0, v.length);
            }
            return ReferenceLayers.lstmCell(layer, c.batch());
        }).examples(100).verify();
    }

    /**
     * dW computed as Xᵀ·δ (in × out) and handed back flat where δᵀ·X (out × in) belongs: a wrong layout, not a wrong
     * value — found, shrunk, named as the weights only.
     */
    @Test
    void aWeightGradientInTheOtherLayoutIsFoundOnTheWeightsOnly() throws IOException {
        LayerContract contract = LayerContract.dense(c -> new TransposedWeightGradient(referenceDense(c),
                c.inputs(), c.outputs()));
        String message = assertThrows(AssertionError.class, contract::verify).getMessage();
        // a square layer's is named TRANSPOSED, another's a MISMATCH
        assertTrue(message.lines().findFirst().orElseThrow().matches("LayerContract FAILED for LayerContractTest_lambda: "
                + "(TRANSPOSED|MISMATCH) on its only layer \\(weights only, the biases are right\\) .*"), message);
        Matcher m = Pattern.compile("fromJson\\(Path\\.of\\(\"([^\"]+)\"\\)\\)").matcher(line(message, "in Java"));
        assertTrue(m.find(), message);
        LayerCase rebuilt = LayerCase.fromJson(Path.of(m.group(1)));
        assertEquals(line(message, "case"), rebuilt.toString(), "the written case is the one reported");
        assertTrue(Files.readString(Path.of(m.group(1))).contains("\"dense.W\""), "values written");
        AssertionError again = assertThrows(AssertionError.class, () -> contract.check(rebuilt));
        assertTrue(again.getMessage().contains("FAILED"), again::getMessage);
    }

    /** BP-12 at layer level: softmax's backward taking only the Jacobian's diagonal, e ⊙ p(1 − p). */
    @Test
    void theDiagonalOnlySoftmaxBackwardIsFoundOnTheInput() {
        String message = assertThrows(AssertionError.class, () -> LayerContract.activation("softmax",
                c -> new DiagonalSoftmax(c.batch(), c.inputs())).verify()).getMessage();
        String first = message.lines().findFirst().orElseThrow();
        assertTrue(first.contains("MISMATCH") && first.contains("input"), message);
    }

    @Test
    void aForwardPassThatIsNotTheReferencesIsRefusedFirst() {
        String message = assertThrows(AssertionError.class, () -> LayerContract.activation("tanh",
                c -> ReferenceLayers.activation(Activation.named("sigmoid"), c.batch(), c.inputs())).verify())
                .getMessage();
        assertTrue(message.lines().findFirst().orElseThrow().endsWith("your forward pass is not the reference's"),
                message);
        assertTrue(message.contains("the forward pass must be right before its gradient can be"), message);
    }

    @Test
    void parametersThatAreNotTheCasesAreRefusedNamingThem() {
        LayerCase c = LayerCase.of(LayerCase.Kind.DENSE, null, 3, 2, 2, 1, 7);
        LayerContract contract = LayerContract.dense(k -> ReferenceLayers.activation(Activation.named("tanh"), 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> contract.check(c));
        assertTrue(e.getMessage().contains("gave 0 blocks") && e.getMessage().contains("[dense.W, dense.b]"),
                e.getMessage());
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingThem() {
        LayerContract contract = LayerContract.dense(LayerContractTest::referenceDense);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> contract.widths(0, 3)).getMessage()
                .startsWith("widths"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> contract.batchSizes(2, 99)).getMessage()
                .startsWith("batchSizes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerContract.activation("swish",
                LayerContractTest::referenceDense)).getMessage().startsWith("activation"));
    }

    /** A dense layer whose backward pass returns Xᵀ·δ where δᵀ·X belongs (the same numbers, the other layout). */
    private record TransposedWeightGradient(DifferentiableLayer right, int in, int out) implements DifferentiableLayer {
        @Override
        public List<ParameterBlock> parameters() {
            return right.parameters();
        }

        @Override
        public double[] forward(double[][] inputs) {
            return right.forward(inputs);
        }

        @Override
        public LayerGradients backward(double[][] inputs, double[] upstream) {
            LayerGradients g = right.backward(inputs, upstream);
            double[] w = g.parameters()[0];
            double[] t = new double[w.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    t[i * out + o] = w[o * in + i];
                }
            }
            return new LayerGradients(g.inputs(), new double[][] {t, g.parameters()[1]});
        }
    }

    /** Softmax by rows, its backward pass e ⊙ p(1 − p): only the diagonal of diag(p) − ppᵀ. */
    private record DiagonalSoftmax(int batch, int width) implements DifferentiableLayer {
        @Override
        public List<ParameterBlock> parameters() {
            return List.of();
        }

        @Override
        public double[] forward(double[][] inputs) {
            double[] p = new double[batch * width];
            for (int n = 0; n < batch; n++) {
                double[] row = org.gradproof.nn.Softmax.of(java.util.Arrays.copyOfRange(inputs[0], n * width,
                        (n + 1) * width));
                System.arraycopy(row, 0, p, n * width, width);
            }
            return p;
        }

        @Override
        public LayerGradients backward(double[][] inputs, double[] upstream) {
            double[] p = forward(inputs);
            double[] dz = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                dz[k] = upstream[k] * p[k] * (1 - p[k]);
            }
            return new LayerGradients(new double[][] {dz}, new double[0][]);
        }
    }
}
