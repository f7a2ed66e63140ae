package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.CheckOptions;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dense layers and the MLP: forward and backward against plain loops, fresh gradients, flat views, copies. */
class MlpTest {

    static Batch batch(int m, int in, int out, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[m][in];
        double[][] y = new double[m][out];
        for (int n = 0; n < m; n++) {
            for (int j = 0; j < in; j++) {
                x[n][j] = r.nextGaussian();
            }
            y[n][r.nextInt(out)] = 1;
        }
        return Batch.of(x, y);
    }

    @Test
    void denseForwardAndBackwardMatchLoops() {
        Dense d = new Dense("d", 3, 2);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 6; i++) {
            d.weights().data[i] = r.nextGaussian();
        }
        d.bias().data[0] = 0.5;
        d.bias().data[1] = -0.25;
        DMatrixRMaj x = new DMatrixRMaj(4, 3);
        for (int i = 0; i < 12; i++) {
            x.data[i] = r.nextGaussian();
        }
        DMatrixRMaj z = d.forward(x);
        for (int n = 0; n < 4; n++) {
            for (int o = 0; o < 2; o++) {
                double expected = d.bias().get(0, o);
                for (int j = 0; j < 3; j++) {
                    expected += x.get(n, j) * d.weights().get(o, j);
                }
                assertEquals(expected, z.get(n, o), 1e-14);
            }
        }
        DMatrixRMaj delta = new DMatrixRMaj(4, 2);
        for (int i = 0; i < 8; i++) {
            delta.data[i] = r.nextGaussian();
        }
        DMatrixRMaj dW = new DMatrixRMaj(2, 3);
        DMatrixRMaj db = new DMatrixRMaj(1, 2);
        dW.data[0] = 10; // backward accumulates
        DMatrixRMaj dx = d.backward(x, delta, dW, db);
        for (int o = 0; o < 2; o++) {
            double sb = 0;
            for (int n = 0; n < 4; n++) {
                sb += delta.get(n, o);
            }
            assertEquals(sb, db.get(0, o), 1e-14);
            for (int j = 0; j < 3; j++) {
                double s = o == 0 && j == 0 ? 10 : 0;
                for (int n = 0; n < 4; n++) {
                    s += delta.get(n, o) * x.get(n, j);
                }
                assertEquals(s, dW.get(o, j), 1e-13);
            }
        }
        for (int n = 0; n < 4; n++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int o = 0; o < 2; o++) {
                    s += delta.get(n, o) * d.weights().get(o, j);
                }
                assertEquals(s, dx.get(n, j), 1e-14);
            }
        }
        assertEquals(List.of("d.W", "d.b"), d.blocks().stream().map(b -> b.name()).toList());
        d.blocks().get(0).data()[5] = 42;
        assertEquals(42, d.weights().get(1, 2), "blocks are live views");
    }

    @Test
    void everyActivationAndLossPairingPassesTheCheck() {
        String[] hidden = {"identity", "sigmoid", "tanh", "relu", "leaky_relu(0.1)", "softplus", "erf_logistic"};
        Object[][] heads = {{"identity", Loss.MSE}, {"sigmoid", Loss.BINARY_CROSS_ENTROPY},
                {"identity", Loss.SIGMOID_BINARY_CROSS_ENTROPY}, {"identity", Loss.SOFTMAX_CROSS_ENTROPY},
                {"softmax", Loss.CROSS_ENTROPY}, {"tanh", Loss.HALF_SUM_OF_SQUARES}, {"identity", Loss.SUM_OF_SQUARES}};
        for (String act : hidden) {
            for (Object[] head : heads) {
                for (Reduction reduction : Reduction.values()) {
                    for (int m : new int[] {1, 5}) {
                        Mlp net = Mlp.builder(3).dense(4, act).dense(3, (String) head[0])
                                .loss((Loss) head[1], reduction).weights(Initializer.uniform(1))
                                .biases(Initializer.uniform(0.5)).seed(m).build();
                        GradientReport r = GradientCheck.check(net.objective(batch(m, 3, 3, m)));
                        assertTrue(r.passed(), r::summary);
                    }
                }
            }
        }
    }

    @Test
    void gradientsAreFreshlyComputedOnEveryCall() {
        Mlp net = Mlp.builder(2).dense(3, "tanh").dense(2, "identity").loss(Loss.MSE, Reduction.MEAN).seed(3).build();
        Batch b = batch(4, 2, 2, 3);
        double[] first = net.gradients(b).flat();
        double[] second = net.gradients(b).flat();
        assertArrayEquals(first, second, 0);
        assertEquals(first.length, net.parameterCount());
    }

    @Test
    void flatViewsRoundTripAndFollowBlockOrder() {
        Mlp net = Mlp.builder(2).dense(3, "tanh").dense(2, "identity").loss(Loss.MSE, Reduction.MEAN).seed(3).build();
        assertEquals(List.of("dense1.W", "dense1.b", "dense2.W", "dense2.b"), net.blockNames());
        double[] p = net.parameters();
        assertEquals(net.layers().get(0).weights().get(2, 1), p[2 * 2 + 1]);
        assertEquals(net.layers().get(1).bias().get(0, 1), p[p.length - 1]);
        double[] changed = p.clone();
        changed[0] += 1;
        net.setParameters(changed);
        assertArrayEquals(changed, net.parameters(), 0);
        Gradients g = net.gradients(batch(2, 2, 2, 1));
        assertArrayEquals(g.block("dense2.b"), java.util.Arrays.copyOfRange(g.flat(), g.flat().length - 2,
                g.flat().length), 0);
    }

    @Test
    void copiesAreIndependentAndSeedsDeterministic() {
        Mlp a = Mlp.builder(2).dense(3, "sigmoid").dense(1, "sigmoid").loss(Loss.BINARY_CROSS_ENTROPY,
                Reduction.MEAN).seed(9).build();
        Mlp b = Mlp.builder(2).dense(3, "sigmoid").dense(1, "sigmoid").loss(Loss.BINARY_CROSS_ENTROPY,
                Reduction.MEAN).seed(9).build();
        Mlp c = Mlp.builder(2).dense(3, "sigmoid").dense(1, "sigmoid").loss(Loss.BINARY_CROSS_ENTROPY,
                Reduction.MEAN).seed(10).build();
        assertArrayEquals(a.parameters(), b.parameters(), 0);
        assertNotEquals(a.parameters()[0], c.parameters()[0]);
        Mlp copy = a.copy();
        copy.layers().get(0).weights().data[0] += 1;
        assertEquals(b.parameters()[0], a.parameters()[0], "the original is untouched");
        assertEquals("mlp 2-3-1 (sigmoid, sigmoid), bce/mean", a.describe());
    }

    @Test
    void initializersDrawFromTheirRanges() {
        SplittableRandom r = new SplittableRandom(4);
        DMatrixRMaj m = new DMatrixRMaj(50, 40);
        Initializer.uniform(0.5).fill(m, 40, 50, r);
        assertTrue(java.util.Arrays.stream(m.data).allMatch(v -> v >= -0.5 && v < 0.5));
        Initializer.positiveUniform(2).fill(m, 40, 50, r);
        assertTrue(java.util.Arrays.stream(m.data).allMatch(v -> v >= 0 && v < 2));
        double g = Math.sqrt(6.0 / 90);
        Initializer.glorotUniform(4).fill(m, 40, 50, r);
        assertTrue(java.util.Arrays.stream(m.data).allMatch(v -> Math.abs(v) <= 4 * g));
        assertTrue(java.util.Arrays.stream(m.data).anyMatch(v -> Math.abs(v) > g), "the 4x range is used");
        Initializer.heNormal().fill(m, 40, 50, r);
        double variance = java.util.Arrays.stream(m.data).map(v -> v * v).average().orElseThrow();
        assertEquals(2.0 / 40, variance, 0.2 * 2.0 / 40, "N(0, 2/fanIn) over 2000 draws");
    }

    @Test
    void checkOptionsSamplingStillNamesBlocks() {
        Mlp net = Mlp.builder(6).dense(8, "tanh").dense(2, "identity").loss(Loss.MSE, Reduction.MEAN).seed(1).build();
        GradientReport r = GradientCheck.check(net.objective(batch(3, 6, 2, 1)),
                CheckOptions.builder().maxEntriesPerBlock(4).build());
        assertTrue(r.passed(), r::summary);
        assertEquals(4, r.block("dense1.W").orElseThrow().checked());
        assertTrue(r.entries().get(0).label().startsWith("dense1.W["));
    }
}
