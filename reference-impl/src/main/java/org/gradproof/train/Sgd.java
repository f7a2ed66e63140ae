package org.gradproof.train;

import org.gradproof.check.ParameterBlock;

import java.util.List;

/** θ ← θ − lr·g. */
public final class Sgd implements Optimizer {

    private final double learningRate;

    public Sgd(double learningRate) {
        Optimizer.requirePositive("learningRate", learningRate);
        this.learningRate = learningRate;
    }

    @Override
    public void step(List<ParameterBlock> blocks, double[][] gradients) {
        Optimizer.requireShapes(blocks, gradients);
        for (int b = 0; b < blocks.size(); b++) {
            double[] theta = blocks.get(b).data();
            for (int k = 0; k < theta.length; k++) {
                theta[k] -= learningRate * gradients[b][k];
            }
        }
    }
}
