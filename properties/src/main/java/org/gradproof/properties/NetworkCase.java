package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Gradients;
import org.gradproof.nn.Mlp;

import java.util.Arrays;
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
     * Whether the reference's loss and gradient are finite for this case. They are not where a probability rounds to
     * exactly 0 or 1 (a saturated sigmoid or softmax) under a loss that takes its logarithm or divides by it, or where
     * 1/p overflows; the checker must then say NON_FINITE.
     */
    public boolean finite() {
        Gradients g = network().gradients(batch());
        return Double.isFinite(g.loss()) && Arrays.stream(g.flat()).allMatch(Double::isFinite);
    }

    @Override
    public String toString() {
        return "NetworkCase[" + architecture + ", batch " + batchSize + ", weights U(±" + weightScale + ") seed "
                + weightSeed + ", data seed " + dataSeed + "]";
    }
}
