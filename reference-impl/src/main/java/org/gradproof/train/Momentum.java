package org.gradproof.train;

import org.gradproof.check.ParameterBlock;

import java.util.List;

/** Heavy-ball momentum: v ← μ·v + g;  θ ← θ − lr·v (v starts at 0). */
public final class Momentum implements Optimizer {

    private final double learningRate;
    private final double mu;
    private double[][] velocity;

    public Momentum(double learningRate, double mu) {
        Optimizer.requirePositive("learningRate", learningRate);
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("mu must be in [0, 1), got " + mu);
        }
        this.learningRate = learningRate;
        this.mu = mu;
    }

    @Override
    public void step(List<ParameterBlock> blocks, double[][] gradients) {
        Optimizer.requireShapes(blocks, gradients);
        if (velocity == null) {
            velocity = new double[blocks.size()][];
            for (int b = 0; b < blocks.size(); b++) {
                velocity[b] = new double[blocks.get(b).size()];
            }
        }
        for (int b = 0; b < blocks.size(); b++) {
            double[] theta = blocks.get(b).data();
            for (int k = 0; k < theta.length; k++) {
                velocity[b][k] = mu * velocity[b][k] + gradients[b][k];
                theta[k] -= learningRate * velocity[b][k];
            }
        }
    }
}
