package org.gradproof.train;

import org.gradproof.check.ParameterBlock;

import java.util.List;

/**
 * Updates live parameter blocks from their gradients, one step at a time. Implementations keep their own state
 * (velocities, moments) per block and are deterministic.
 */
public interface Optimizer {

    /** θ ← step(θ, g) for every block, in place; {@code gradients[b]} has the length of block b. */
    void step(List<ParameterBlock> blocks, double[][] gradients);

    /** Plain gradient descent: θ ← θ − lr·g. */
    static Optimizer sgd(double learningRate) {
        return new Sgd(learningRate);
    }

    /** Heavy-ball momentum: v ← μ·v + g;  θ ← θ − lr·v. */
    static Optimizer momentum(double learningRate, double mu) {
        return new Momentum(learningRate, mu);
    }

    /** Adam (Kingma and Ba, 2015) with bias correction, see {@link Adam}. */
    static Optimizer adam(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    static void requireShapes(List<ParameterBlock> blocks, double[][] gradients) {
        if (gradients.length != blocks.size()) {
            throw new IllegalArgumentException("gradients: " + gradients.length + " arrays for " + blocks.size()
                    + " blocks " + blocks);
        }
        for (int b = 0; b < blocks.size(); b++) {
            if (gradients[b].length != blocks.get(b).size()) {
                throw new IllegalArgumentException("gradient of block " + blocks.get(b).name() + " has "
                        + gradients[b].length + " entries but the block has " + blocks.get(b).size());
            }
        }
    }

    static void requirePositive(String what, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
    }
}
