package org.gradproof.examples.encog;

import org.encog.engine.network.activation.ActivationFunction;
import org.encog.neural.networks.BasicNetwork;
import org.encog.neural.networks.layers.BasicLayer;

import java.util.SplittableRandom;

/** Small seeded Encog networks and data sets for the gate: what the tests and the README examples build. */
public final class EncogNets {

    private EncogNets() {
    }

    /**
     * A feed-forward network {@code sizes[0]-sizes[1]-…}: a linear input layer with bias, hidden layers with bias and
     * the {@code hidden} activation (a clone each), an output layer with the {@code output} activation; weights from
     * Encog's {@code reset(seed)} (its {@code ConsistentRandomizer}, uniform in [−1, 1]).
     */
    public static BasicNetwork feedForward(int seed, ActivationFunction hidden, ActivationFunction output,
                                           int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("need at least an input and an output size, got " + sizes.length
                    + " size(s)");
        }
        BasicNetwork network = new BasicNetwork();
        network.addLayer(new BasicLayer(null, true, sizes[0]));
        for (int l = 1; l < sizes.length - 1; l++) {
            network.addLayer(new BasicLayer(hidden.clone(), true, sizes[l]));
        }
        network.addLayer(new BasicLayer(output.clone(), false, sizes[sizes.length - 1]));
        network.getStructure().finalizeStructure();
        network.reset(seed);
        return network;
    }

    /** N rows of {@code width} values, uniform in [lo, hi), from the seed. */
    public static double[][] uniformRows(long seed, int n, int width, double lo, double hi) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][width];
        for (double[] row : rows) {
            for (int k = 0; k < width; k++) {
                row[k] = lo + (hi - lo) * random.nextDouble();
            }
        }
        return rows;
    }

    /** The activation's short name, e.g. {@code Sigmoid} for {@code ActivationSigmoid}. */
    public static String name(ActivationFunction af) {
        String simple = af.getClass().getSimpleName();
        return simple.startsWith("Activation") ? simple.substring("Activation".length()) : simple;
    }
}
