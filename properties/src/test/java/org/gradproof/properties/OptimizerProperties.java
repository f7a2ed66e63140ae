package org.gradproof.properties;

import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Gradients;
import org.gradproof.nn.Mlp;
import org.gradproof.train.Adam;
import org.gradproof.train.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * What a gradient check cannot see about training: the step, the state and the update's reach into the next forward
 * pass. These catch the update bugs of the catalogue (an accumulator carried over, an update multiplied by the
 * weights, a forward pass that reads stale weights, an Adam with an extra term).
 */
class OptimizerProperties {

    /**
     * One SGD step of length 1e-6 in parameter space (η = 1e-6 / ‖g‖) lowers the loss: by Taylor,
     * L(θ − ηg) = L − η‖g‖² + O(η²‖g‖²‖H‖), and the first-order decrease dominates at that length. Skipped where the
     * decrease is below what the loss can resolve, 1000·ε·max(|L|, S) with S the network's rounding scale (a loss
     * read through a probability rounded near 1 moves in stairs larger than that decrease).
     */
    @Test
    void oneSmallStepLowersTheLoss() {
        qt().forAll(networkCases().assuming(NetworkCase::finite)).checkAssert(c -> {
            Mlp net = c.network();
            Batch batch = c.batch();
            Gradients g = net.gradients(batch);
            double norm = Math.sqrt(java.util.Arrays.stream(g.flat()).map(v -> v * v).sum());
            double decrease = 1e-6 * norm;
            double resolution = 1000 * Math.ulp(1.0) * Math.max(Math.abs(g.loss()), net.roundingScale(batch));
            if (decrease <= resolution) {
                return;
            }
            Optimizer.sgd(1e-6 / norm).step(net.parameterBlocks(), g.blocks());
            double after = net.loss(batch);
            assertTrue(after < g.loss(), () -> c + ": loss " + g.loss() + " → " + after + " (‖g‖ = " + norm + ")");
        });
    }

    @Test
    void theGradientOfTheSameBatchIsTheSameTwice() {
        qt().forAll(networkCases()).checkAssert(c -> {
            Mlp net = c.network();
            Batch batch = c.batch();
            assertArrayEquals(net.gradients(batch).flat(), net.gradients(batch).flat(), 0, c::toString);
        });
    }

    @Test
    void anUpdateIsVisibleToTheNextForwardPass() {
        qt().forAll(networkCases().assuming(NetworkCase::finite)).checkAssert(c -> {
            Mlp net = c.network();
            Batch batch = c.batch();
            Gradients g = net.gradients(batch);
            double[] before = net.parameters();
            double[] expected = before.clone();
            double[] flat = g.flat();
            for (int i = 0; i < expected.length; i++) {
                expected[i] -= 0.1 * flat[i];
            }
            if (java.util.Arrays.equals(expected, before)) {
                return; // every step is below the weights' rounding: nothing to see
            }
            Optimizer.sgd(0.1).step(net.parameterBlocks(), g.blocks());
            assertArrayEquals(expected, net.parameters(), 0, "the update is θ − lr·g exactly");
            Mlp fresh = c.network();
            fresh.setParameters(expected);
            assertEquals(fresh.loss(batch), net.loss(batch), 0, "the next forward pass sees the new weights");
        });
    }

    /** Adam's step against Kingma and Ba's Algorithm 1, computed independently here, over several steps. */
    @Test
    void adamsStepIsThePublishedFormula() {
        qt().forAll(networkCases().assuming(NetworkCase::finite), integers().between(1, 5)).checkAssert((c, steps) -> {
            Mlp net = c.network();
            Batch batch = c.batch();
            double lr = 1e-3;
            double b1 = 0.9;
            double b2 = 0.999;
            double eps = 1e-8;
            Adam adam = new Adam(lr, b1, b2, eps);
            double[] theta = net.parameters();
            double[] m = new double[theta.length];
            double[] v = new double[theta.length];
            for (int t = 1; t <= steps; t++) {
                Gradients g = net.gradients(batch);
                double[] flat = g.flat();
                for (int i = 0; i < theta.length; i++) {
                    m[i] = b1 * m[i] + (1 - b1) * flat[i];
                    v[i] = b2 * v[i] + (1 - b2) * flat[i] * flat[i];
                    theta[i] -= lr * (m[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps);
                }
                adam.step(net.parameterBlocks(), g.blocks());
                assertArrayEquals(theta, net.parameters(), 1e-15, c + " step " + t);
            }
        });
    }

    @Test
    void badShapesAreRejectedByName() {
        List<ParameterBlock> blocks = List.of(ParameterBlock.vector("w", new double[3]));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Optimizer.adam(0.1).step(blocks, new double[][] {new double[2]}));
        assertTrue(e.getMessage().contains("w") && e.getMessage().contains("2") && e.getMessage().contains("3"));
    }
}
