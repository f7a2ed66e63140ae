package org.gradproof.examples.encog;

import org.encog.ml.data.MLDataSet;
import org.encog.neural.networks.BasicNetwork;
import org.encog.neural.networks.training.propagation.back.Backpropagation;

/**
 * Encog's own gradient, exactly as its trainers use it: a fresh {@link Backpropagation} (learning rate 0, momentum 0,
 * one thread) runs {@code calculateGradients()} over the whole data set, and the protected {@code gradients} array is
 * read from this subclass.
 *
 * <p>What that array holds is Encog's convention, not ∂MSE/∂w: for each record n, the output layer's delta is
 * {@code δ = (ideal − actual) · φ'} ({@code LinearErrorFunction}), and {@code gradients[w] += output_from · δ_to} is
 * summed over the records, so with E = Σ_n ½‖y_n − ŷ_n‖²
 *
 * <pre>
 *   g = −∂E/∂w = −(N·K / 2) · ∂MSE/∂w,     MSE = E · 2 / (N·K)
 * </pre>
 *
 * (N records, K outputs) — if Encog's backprop is right. Trainers add it to the weights ({@code w += η·g}); the
 * convention tests establish the sign and factor by experiment.
 */
public final class EncogGradient extends Backpropagation {

    private EncogGradient(BasicNetwork network, MLDataSet data, boolean fixFlatSpot) {
        super(network, data, 0, 0);
        setThreadCount(1);
        fixFlatSpot(fixFlatSpot);
    }

    /**
     * Encog's raw gradient array (flat layout, see {@link EncogLayout}) of the network at its current weights.
     * Neither the network nor the data is modified: the workers compute on a clone of the flat network.
     *
     * @param fixFlatSpot Encog's {@code Propagation.fixFlatSpot}: add 0.1 to the sigmoid derivative (default on)
     */
    public static double[] raw(BasicNetwork network, MLDataSet data, boolean fixFlatSpot) {
        EncogGradient trainer = new EncogGradient(network, data, fixFlatSpot);
        trainer.calculateGradients();
        return trainer.gradients.clone();
    }
}
