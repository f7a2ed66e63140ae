package org.gradproof.nn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MlpHessianVector#gaussNewtonProduct}: G = Jᵀ H_ℓ J is symmetric (uᵀGv = vᵀGu) and positive semi-definite for
 * a convex loss of the output pre-activation; it equals the Hessian's product on a network of one layer, and differs
 * from it on a network with a curved hidden layer everywhere but the output bias, whose product has no dropped term.
 */
class GaussNewtonProductTest {

    private static Mlp net(Activation hidden, Activation output, Loss loss, long seed) {
        Mlp.Builder b = Mlp.builder(3);
        if (hidden != null) {
            b = b.dense(4, hidden).dense(4, hidden);
        }
        return b.dense(3, output).loss(loss, Reduction.MEAN).weights(Initializer.uniform(1))
                .biases(Initializer.uniform(1)).seed(seed).build();
    }

    private static double[][] direction(Mlp net, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return net.parameterBlocks().stream().map(b -> {
            double[] v = new double[b.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian();
            }
            return v;
        }).toArray(double[][]::new);
    }

    private static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                s += a[k][i] * b[k][i];
            }
        }
        return s;
    }

    @Test
    void isSymmetricAndPositiveSemiDefiniteForAConvexHead() {
        for (long seed = 1; seed <= 5; seed++) {
            Mlp net = net(StandardActivation.TANH, StandardActivation.IDENTITY, Loss.SOFTMAX_CROSS_ENTROPY, seed);
            Batch batch = MlpTest.batch(5, 3, 3, seed);
            double[][] u = direction(net, 100 + seed);
            double[][] v = direction(net, 200 + seed);
            double uGv = dot(u, MlpHessianVector.gaussNewtonProduct(net, batch, v));
            double vGu = dot(v, MlpHessianVector.gaussNewtonProduct(net, batch, u));
            assertEquals(uGv, vGu, 1e-12 * Math.max(1, Math.abs(uGv)), "seed " + seed);
            assertTrue(dot(v, MlpHessianVector.gaussNewtonProduct(net, batch, v)) >= 0, "seed " + seed);
        }
    }

    @Test
    void equalsTheHessiansProductOnOneLayer() {
        Mlp net = net(null, StandardActivation.SIGMOID, Loss.MSE, 3);
        Batch batch = MlpTest.batch(4, 3, 3, 3);
        double[][] v = direction(net, 7);
        double[][] h = MlpHessianVector.product(net, batch, v);
        double[][] g = MlpHessianVector.gaussNewtonProduct(net, batch, v);
        for (int b = 0; b < h.length; b++) {
            assertArrayEquals(h[b], g[b], 0, net.blockNames().get(b));
        }
    }

    @Test
    void differsFromTheHessiansProductBelowTheOutputBias() {
        Mlp net = net(StandardActivation.TANH, StandardActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 4);
        Batch batch = MlpTest.batch(4, 3, 3, 4);
        double[][] v = direction(net, 8);
        double[][] h = MlpHessianVector.product(net, batch, v);
        double[][] g = MlpHessianVector.gaussNewtonProduct(net, batch, v);
        int last = h.length - 1;
        assertArrayEquals(h[last], g[last], 0, "the output bias");
        for (int b = 0; b < last; b++) {
            double gap = 0;
            double size = 0;
            for (int i = 0; i < h[b].length; i++) {
                gap = Math.max(gap, Math.abs(h[b][i] - g[b][i]));
                size = Math.max(size, Math.abs(h[b][i]));
            }
            assertTrue(gap > 1e-3 * size, net.blockNames().get(b) + ": H·v and G·v differ by only " + gap);
        }
    }
}
