package org.gradproof.train;

import org.gradproof.check.ParameterBlock;

import java.util.List;

/**
 * Adam (Kingma and Ba, "Adam: a method for stochastic optimization", 2015, Algorithm 1), at step t = 1, 2, …:
 * <pre>
 *   m ← β1·m + (1 − β1)·g        v ← β2·v + (1 − β2)·g²
 *   m̂ = m / (1 − β1ᵗ)            v̂ = v / (1 − β2ᵗ)
 *   θ ← θ − lr · m̂ / (√v̂ + ε)
 * </pre>
 */
public final class Adam implements Optimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[][] m;
    private double[][] v;
    private int t;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        Optimizer.requirePositive("learningRate", learningRate);
        Optimizer.requirePositive("epsilon", epsilon);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(List<ParameterBlock> blocks, double[][] gradients) {
        Optimizer.requireShapes(blocks, gradients);
        if (m == null) {
            m = new double[blocks.size()][];
            v = new double[blocks.size()][];
            for (int b = 0; b < blocks.size(); b++) {
                m[b] = new double[blocks.get(b).size()];
                v[b] = new double[blocks.get(b).size()];
            }
        }
        t++;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        for (int b = 0; b < blocks.size(); b++) {
            double[] theta = blocks.get(b).data();
            for (int k = 0; k < theta.length; k++) {
                double g = gradients[b][k];
                m[b][k] = beta1 * m[b][k] + (1 - beta1) * g;
                v[b][k] = beta2 * v[b][k] + (1 - beta2) * g * g;
                double mHat = m[b][k] / correction1;
                double vHat = v[b][k] / correction2;
                theta[k] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
            }
        }
    }

    /** The second-moment estimate v of block b (a copy), for comparing hand-written versions. */
    public double[] secondMoment(int block) {
        return v[block].clone();
    }
}
