package org.gradproof.properties;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.BlockFunction;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Mlp;

import java.util.SplittableRandom;

/**
 * One generated test case: an architecture, the scale and seed of its weights, and a batch drawn from its own seed.
 * Everything is a pure function of these fields, so a printed case can be rebuilt exactly.
 *
 * @param architecture the network's shape
 * @param batchSize    examples in the batch, ≥ 1
 * @param weightScale  weights and biases are drawn from U(−scale, scale); 4 and 8 saturate sigmoid and tanh units
 * @param weightSeed   seed of the weights
 * @param dataSeed     seed of the inputs (standard normal) and targets (by the head's target kind)
 */
public record NetworkCase(Architecture architecture, int batchSize, double weightScale, long weightSeed,
                          long dataSeed) {

    /** A fresh network with this case's weights (a new object on every call). */
    public Mlp network() {
        return architecture.build(weightScale, weightSeed);
    }

    /** This case's batch. */
    public Batch batch() {
        SplittableRandom random = new SplittableRandom(dataSeed);
        int in = architecture.inputs();
        int out = architecture.outputs();
        double[][] x = new double[batchSize][in];
        double[][] y = new double[batchSize][out];
        for (int n = 0; n < batchSize; n++) {
            for (int j = 0; j < in; j++) {
                x[n][j] = random.nextGaussian();
            }
            switch (architecture.head().targets()) {
                case REAL -> {
                    for (int j = 0; j < out; j++) {
                        y[n][j] = random.nextGaussian();
                    }
                }
                case BINARY -> {
                    for (int j = 0; j < out; j++) {
                        y[n][j] = random.nextBoolean() ? 1 : 0;
                    }
                }
                case ONE_HOT -> y[n][random.nextInt(out)] = 1;
            }
        }
        return Batch.of(x, y);
    }

    /** The loss on the batch as a function of a fresh network's parameters, ready for {@code GradientCheck}. */
    public BlockFunction objective() {
        return network().objective(batch());
    }

    /**
     * Whether this case lies where the reference implementation's loss and gradient are accurate to far better than
     * the checker's relative 1e-6. Outputs of sigmoid, erf_logistic and softmax are probabilities; within 1e-4 of 1
     * their distance to 1 (what BCE, cross-entropy and squared error against a target of 1 depend on) is rounded to
     * 1.1e-16, so the computed loss is a staircase whose slope is not the gradient. Losses that read probabilities
     * also need p ≥ 1e-100 (1/p overflows below). Every other case is in the domain: saturated networks with logit or
     * real-valued heads included.
     */
    public boolean inAccurateDomain() {
        Head head = architecture.head();
        boolean probabilities = head.output() != org.gradproof.nn.StandardActivation.IDENTITY
                && head.output() != org.gradproof.nn.StandardActivation.TANH;
        if (!probabilities) {
            return true;
        }
        DMatrixRMaj p = network().predict(batch().inputs());
        for (int i = 0; i < p.getNumElements(); i++) {
            if (p.data[i] > 1 - 1e-4 || (head.readsProbabilities() && p.data[i] < 1e-100)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "NetworkCase[" + architecture + ", batch " + batchSize + ", weights U(±" + weightScale + ") seed "
                + weightSeed + ", data seed " + dataSeed + "]";
    }
}
