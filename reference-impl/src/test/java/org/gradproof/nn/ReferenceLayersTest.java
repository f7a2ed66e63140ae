package org.gradproof.nn;

import org.gradproof.check.DifferentiableLayer;
import org.gradproof.check.FunctionEvaluationException;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.LayerGradients;
import org.gradproof.check.ParameterBlock;
import org.gradproof.check.CheckOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each reference layer's backward pass, checked on its own by GradientCheck.layer; and what a wrong one looks like. */
class ReferenceLayersTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(23);

    static List<Activation> activations() {
        List<Activation> all = new ArrayList<>(ActivationTest.all());
        all.add(Softmax.INSTANCE);
        return all;
    }

    private static double[] uniform(int n, double a) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = RANDOM.nextDouble(-a, a);
        }
        return v;
    }

    private static Dense dense(int in, int out) {
        Dense d = new Dense("dense", in, out);
        Initializer.uniform(0.8).fill(d.weights(), in, out, RANDOM);
        Initializer.uniform(0.3).fill(d.bias(), in, out, RANDOM);
        return d;
    }

    @Test
    void theDenseLayersBackwardPassPasses() {
        Dense d = dense(4, 3);
        double[] w = d.weights().data.clone();
        ParameterBlock x = new ParameterBlock("x", uniform(5 * 4, 1), 5, 4);
        double[] before = x.data().clone();
        GradientReport r = GradientCheck.layer(ReferenceLayers.dense(d, 5), x);
        assertTrue(r.passed(), r::summary);
        assertEquals(List.of("u1·x", "u1·dense.W", "u1·dense.b", "u2·x", "u2·dense.W", "u2·dense.b", "u3·x",
                "u3·dense.W", "u3·dense.b"), r.blocks().stream().map(b -> b.name()).toList(), r::summary);
        assertArrayEquals(before, x.data(), "the input is left as it was");
        assertArrayEquals(w, d.weights().data, "the layer's weights are left as they were");
    }

    @ParameterizedTest
    @MethodSource("activations")
    void everyActivationsBackwardPassPasses(Activation a) {
        // away from ReLU's kink at 0 by more than the steps reach: kinks have their own properties
        double[] z = uniform(3 * 4, 2);
        for (int i = 0; i < z.length; i++) {
            z[i] += Math.signum(z[i]) * 0.05;
        }
        GradientReport r = GradientCheck.layer(ReferenceLayers.activation(a, 3, 4),
                new ParameterBlock("z", z, 3, 4));
        assertTrue(r.passed(), r::summary);
    }

    @Test
    void theTimeDistributedDenseLayerPasses() {
        GradientReport r = GradientCheck.layer(ReferenceLayers.timeDistributed(dense(3, 2), 4, 2),
                new ParameterBlock("xs", uniform(4 * 2 * 3, 1), 8, 3));
        assertTrue(r.passed(), r::summary);
    }

    @Test
    void oneStepOfAnLstmLayerPasses() {
        LstmLayer layer = new LstmLayer("lstm", 3, 2);
        for (ParameterBlock b : layer.blocks()) {
            double[] v = uniform(b.size(), 0.6);
            System.arraycopy(v, 0, b.data(), 0, v.length);
        }
        List<ParameterBlock> inputs = List.of(new ParameterBlock("x_t", uniform(2 * 3, 1), 2, 3),
                new ParameterBlock("h_prev", uniform(2 * 2, 0.8), 2, 2),
                new ParameterBlock("c_prev", uniform(2 * 2, 1.5), 2, 2));
        GradientReport r = GradientCheck.layer(ReferenceLayers.lstmCell(layer, 2), inputs, CheckOptions.defaults());
        assertTrue(r.passed(), r::summary);
        assertEquals(3 * (3 + 12), r.blocks().size(), r::summary);
    }

    /** dW accumulated as δᵀ·X but stored transposed in a square layer: the check names the weight blocks only. */
    @Test
    void aTransposedWeightGradientIsFailedOnTheWeightBlocks() {
        Dense d = dense(3, 3);
        DifferentiableLayer right = ReferenceLayers.dense(d, 4);
        DifferentiableLayer transposed = new Wrapped(right) {
            @Override
            public LayerGradients backward(double[][] inputs, double[] upstream) {
                LayerGradients g = right.backward(inputs, upstream);
                double[] w = g.parameters()[0];
                double[] t = new double[w.length];
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        t[j * 3 + i] = w[i * 3 + j];
                    }
                }
                return new LayerGradients(g.inputs(), new double[][] {t, g.parameters()[1]});
            }
        };
        GradientReport r = GradientCheck.layer(transposed, new ParameterBlock("x", uniform(12, 1), 4, 3));
        assertFalse(r.passed(), r::summary);
        List<String> wrongBlocks = r.failures().stream().map(e -> r.blocks().get(e.block()).name()).distinct()
                .sorted().toList();
        assertEquals(List.of("u1·dense.W", "u2·dense.W", "u3·dense.W"), wrongBlocks, r::summary);
    }

    @Test
    void theWholeJacobianOfADenseLayerAndOfAnLstmStepPasses() {
        Dense d = dense(3, 2);
        GradientReport r = GradientCheck.layerJacobian(ReferenceLayers.dense(d, 2),
                List.of(new ParameterBlock("x", uniform(6, 1), 2, 3)), CheckOptions.defaults());
        assertTrue(r.passed(), r::summary);
        assertEquals("J[out 3]·dense.W", r.blocks().get(3 * 3 + 1).name(), r::summary);
        LstmLayer layer = new LstmLayer("lstm", 2, 2);
        for (ParameterBlock b : layer.blocks()) {
            System.arraycopy(uniform(b.size(), 0.6), 0, b.data(), 0, b.size());
        }
        GradientReport cell = GradientCheck.layerJacobian(ReferenceLayers.lstmCell(layer, 1), List.of(
                ParameterBlock.vector("x_t", uniform(2, 1)), ParameterBlock.vector("h_prev", uniform(2, 1)),
                ParameterBlock.vector("c_prev", uniform(2, 1))), CheckOptions.defaults());
        assertTrue(cell.passed(), cell::summary);
    }

    /**
     * Entry by entry, the transposed dW of a square layer is wrong exactly off the diagonal of each row's
     * ∂y/∂W block: ∂y_(n,o)/∂W[o', i] is x_(n,i) where o' = o, and the transposed claim puts it at W[i, o'].
     */
    @Test
    void theWholeJacobianNamesTheEntriesATransposedWeightGradientGetsWrong() {
        Dense d = dense(2, 2);
        DifferentiableLayer right = ReferenceLayers.dense(d, 1);
        DifferentiableLayer transposed = new Wrapped(right) {
            @Override
            public LayerGradients backward(double[][] inputs, double[] upstream) {
                LayerGradients g = right.backward(inputs, upstream);
                double[] w = g.parameters()[0];
                return new LayerGradients(g.inputs(), new double[][] {{w[0], w[2], w[1], w[3]}, g.parameters()[1]});
            }
        };
        double[] x = {0.7, -0.4};
        GradientReport r = GradientCheck.layerJacobian(transposed, List.of(ParameterBlock.vector("x", x)),
                CheckOptions.defaults());
        // row o of the true ∂y/∂W holds x in row o: entries (o, 0), (o, 1); the claim moved them to column o
        assertEquals(List.of("J[out 0]·dense.W[0,1]", "J[out 0]·dense.W[1,0]", "J[out 1]·dense.W[0,1]",
                "J[out 1]·dense.W[1,0]"), r.failures().stream().map(e -> e.label()).sorted().toList(), r::summary);
    }

    @Test
    void aJacobianTooLargeIsRefusedSayingWhatToDo() {
        Dense d = new Dense("big", 1000, 1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.layerJacobian(
                ReferenceLayers.dense(d, 1), List.of(ParameterBlock.vector("x", new double[1000])),
                CheckOptions.defaults()));
        assertTrue(e.getMessage().contains("GradientCheck.layer"), e.getMessage());
    }

    @Test
    void aBackwardPassReturningTheWrongShapeIsRefusedNamingBoth() {
        DifferentiableLayer right = ReferenceLayers.dense(dense(3, 2), 4);
        DifferentiableLayer shortBias = new Wrapped(right) {
            @Override
            public LayerGradients backward(double[][] inputs, double[] upstream) {
                LayerGradients g = right.backward(inputs, upstream);
                return new LayerGradients(g.inputs(), new double[][] {g.parameters()[0], new double[1]});
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.layer(shortBias, new ParameterBlock("x", uniform(12, 1), 4, 3)));
        assertTrue(e.getMessage().contains("dense.b") && e.getMessage().contains("1 entries")
                && e.getMessage().contains("2 entries"), e.getMessage());
    }

    @Test
    void anInputOfTheWrongSizeIsRefusedNamingTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.layer(ReferenceLayers.dense(dense(3, 2), 4), ParameterBlock.vector("x",
                        new double[10])));
        assertTrue(e.getMessage().contains("10 entries") && e.getMessage().contains("4 x 3"), e.getMessage());
    }

    /** The parameters are restored bit-exactly even when forward() throws halfway through the check. */
    @Test
    void parametersAreRestoredWhenTheForwardPassThrows() {
        Dense d = dense(2, 2);
        double[] w = d.weights().data.clone();
        DifferentiableLayer right = ReferenceLayers.dense(d, 1);
        int[] calls = {0};
        DifferentiableLayer failing = new Wrapped(right) {
            @Override
            public double[] forward(double[][] inputs) {
                if (++calls[0] > 20) {
                    throw new IllegalStateException("out of memory, say");
                }
                return right.forward(inputs);
            }
        };
        FunctionEvaluationException e = assertThrows(FunctionEvaluationException.class,
                () -> GradientCheck.layer(failing, ParameterBlock.vector("x", new double[] {0.3, -0.7})));
        assertTrue(e.getCause() instanceof IllegalStateException, e::getMessage);
        assertTrue(Arrays.equals(w, d.weights().data), "weights restored");
    }

    /** A layer that delegates to another, for overriding one method. */
    private static class Wrapped implements DifferentiableLayer {
        private final DifferentiableLayer inner;

        Wrapped(DifferentiableLayer inner) {
            this.inner = inner;
        }

        @Override
        public List<ParameterBlock> parameters() {
            return inner.parameters();
        }

        @Override
        public double[] forward(double[][] inputs) {
            return inner.forward(inputs);
        }

        @Override
        public LayerGradients backward(double[][] inputs, double[] upstream) {
            return inner.backward(inputs, upstream);
        }
    }
}
