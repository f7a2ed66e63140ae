package org.gradproof.examples.encog;

import org.encog.engine.network.activation.ActivationFunction;
import org.encog.neural.NeuralNetworkError;
import org.encog.neural.flat.FlatNetwork;
import org.encog.neural.networks.BasicNetwork;

/**
 * What the Encog adapter supports, checked up front with messages that name the offending setting and say why:
 * a finalized, feed-forward {@link BasicNetwork} (no context neurons), trained on every connection (begin/end
 * training covering all layers), without dropout or a connection limit, whose bias neurons output 1, whose non-input
 * layers have activations with a derivative, and a data set of finite numbers of the network's widths.
 */
public final class EncogSupport {

    private EncogSupport() {
    }

    /** Throws {@link IllegalArgumentException} naming the first unsupported setting of the network. */
    public static void requireSupported(BasicNetwork network) {
        if (network == null) {
            throw new IllegalArgumentException("network must not be null");
        }
        FlatNetwork flat;
        try {
            flat = network.getStructure().getFlat();
        } catch (NeuralNetworkError e) {
            flat = null;
        }
        if (flat == null) {
            throw new IllegalArgumentException("the network has no flat form: call network.getStructure()"
                    + ".finalizeStructure() after adding its layers (Encog computes and trains the flat form only)");
        }
        int layers = flat.getLayerCounts().length;
        if (layers < 2) {
            throw new IllegalArgumentException("the network has " + layers + " layer(s): at least an input and an "
                    + "output layer are needed for a weight to exist");
        }
        if (flat.getHasContext()) {
            throw new IllegalArgumentException("the network has context neurons (an Elman/Jordan recurrent network): "
                    + "only feed-forward networks are supported, a recurrent network's loss also depends on its "
                    + "context state, which the checker cannot see");
        }
        if (flat.getBeginTraining() != 0 || flat.getEndTraining() != layers - 1) {
            throw new IllegalArgumentException("the network trains only layers " + flat.getBeginTraining() + ".."
                    + flat.getEndTraining() + " (flat numbering) of 0.." + (layers - 1) + ": Encog would leave the "
                    + "other gradients at 0, which is not a gradient of the loss");
        }
        double[] dropout = flat.getLayerDropoutRates();
        for (int f = 0; dropout != null && f < dropout.length; f++) {
            if (dropout[f] != 0) {
                throw new IllegalArgumentException("layer " + (layers - 1 - f) + " has dropout rate " + dropout[f]
                        + ": dropout makes both the loss and Encog's gradient random, so there is no fixed function "
                        + "to check; build the network without dropout");
            }
        }
        if (flat.isLimited()) {
            throw new IllegalArgumentException("the network has a connection limit of " + flat.getConnectionLimit()
                    + ": Encog then treats small weights as absent connections, and the loss is not differentiable "
                    + "there");
        }
        for (int f = 0; f < layers; f++) {
            int layer = layers - 1 - f;
            boolean hasBias = flat.getLayerCounts()[f] > flat.getLayerFeedCounts()[f];
            if (hasBias && flat.getBiasActivation()[f] != 1.0) {
                throw new IllegalArgumentException("layer " + layer + " has bias activation "
                        + flat.getBiasActivation()[f] + ": the adapter's b blocks are the bias weights of a bias "
                        + "neuron that outputs 1; set the layer's bias activation to 1");
            }
            if (layer > 0) {
                ActivationFunction af = flat.getActivationFunctions()[f];
                if (af == null || !af.hasDerivative()) {
                    throw new IllegalArgumentException("layer " + layer + " has activation "
                            + (af == null ? "null" : af.getClass().getSimpleName())
                            + ", which has no derivative: Encog cannot backpropagate through it");
                }
            }
        }
    }

    /** Throws {@link IllegalArgumentException} unless inputs and ideals are N ≥ 1 finite rows of the network's widths. */
    public static void requireData(BasicNetwork network, double[][] inputs, double[][] ideals) {
        if (inputs == null || ideals == null) {
            throw new IllegalArgumentException("inputs and ideals must not be null");
        }
        if (inputs.length == 0) {
            throw new IllegalArgumentException("the data set is empty: at least one record is needed");
        }
        if (inputs.length != ideals.length) {
            throw new IllegalArgumentException(inputs.length + " input rows but " + ideals.length
                    + " ideal rows: one ideal row per input row is needed");
        }
        requireRows("input", inputs, network.getInputCount());
        requireRows("ideal", ideals, network.getOutputCount());
    }

    private static void requireRows(String what, double[][] rows, int width) {
        for (int n = 0; n < rows.length; n++) {
            if (rows[n] == null || rows[n].length != width) {
                throw new IllegalArgumentException(what + " row " + n + " has "
                        + (rows[n] == null ? "no array" : rows[n].length + " values") + " but the network's "
                        + what + " layer has " + width);
            }
            for (int k = 0; k < width; k++) {
                if (!Double.isFinite(rows[n][k])) {
                    throw new IllegalArgumentException(what + "[" + n + "][" + k + "] is " + rows[n][k]
                            + ": the data must be finite");
                }
            }
        }
    }
}
