package org.gradproof.examples.encog;

import org.encog.engine.network.activation.ActivationFunction;
import org.encog.neural.networks.BasicNetwork;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One network of the gate: hidden and output activations, sizes, flat spot setting and seed; N = 5 records of 3
 * inputs in [−1, 1) and 3 ideals in [0, 1), from seeds 100 + seed and 200 + seed.
 */
record GateCase(String hiddenName, Supplier<ActivationFunction> hidden, String outputName,
                Supplier<ActivationFunction> output, int[] sizes, boolean flatSpot, int seed) {

    static final int RECORDS = 5;

    BasicNetwork network() {
        return EncogNets.feedForward(seed, hidden.get(), output.get(), sizes);
    }

    double[][] inputs() {
        return EncogNets.uniformRows(100 + seed, RECORDS, sizes[0], -1, 1);
    }

    double[][] ideals() {
        return EncogNets.uniformRows(200 + seed, RECORDS, sizes[sizes.length - 1], 0, 1);
    }

    EncogObjective objective() {
        return EncogObjective.builder(network(), inputs(), ideals()).fixFlatSpot(flatSpot).build();
    }

    EncogObjective rawObjective() {
        return EncogObjective.builder(network(), inputs(), ideals()).fixFlatSpot(flatSpot)
                .convention(EncogObjective.Convention.RAW).build();
    }

    BackpropReplica replica(BackpropReplica.Choices choices) {
        return new BackpropReplica(network(), inputs(), ideals(), choices);
    }

    /** Number of connections (weight matrices). */
    int connections() {
        return sizes.length - 1;
    }

    @Override
    public String toString() {
        return hiddenName + "->" + outputName + " " + Arrays.toString(sizes).replace(", ", "-") + " flat spot "
                + (flatSpot ? "on" : "off") + " seed " + seed;
    }
}
