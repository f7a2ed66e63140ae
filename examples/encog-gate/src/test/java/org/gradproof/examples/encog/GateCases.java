package org.gradproof.examples.encog;

import org.encog.engine.network.activation.ActivationBipolarSteepenedSigmoid;
import org.encog.engine.network.activation.ActivationElliott;
import org.encog.engine.network.activation.ActivationElliottSymmetric;
import org.encog.engine.network.activation.ActivationFunction;
import org.encog.engine.network.activation.ActivationGaussian;
import org.encog.engine.network.activation.ActivationLOG;
import org.encog.engine.network.activation.ActivationLinear;
import org.encog.engine.network.activation.ActivationReLU;
import org.encog.engine.network.activation.ActivationSIN;
import org.encog.engine.network.activation.ActivationSigmoid;
import org.encog.engine.network.activation.ActivationSteepenedSigmoid;
import org.encog.engine.network.activation.ActivationTANH;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The configurations of the gate and what gradproof found on each (see the module README): the finding is a property
 * of the activation pair and the flat spot setting, and holds for both sizes and every seed.
 */
final class GateCases {

    /** What the checker says about Encog's gradient on a configuration. */
    enum Finding {
        /** CORRECT. */
        CORRECT,
        /** MISMATCH on every connection below the output layer; the output connection is right. */
        WRONG_BELOW_OUTPUT,
        /** SCALED: the connection c steps below the output is scaled by exactly 2^−(c+1) (SIN's missing 2). */
        HALVED_PER_LAYER,
        /** MISMATCH on every block. */
        WRONG_EVERYWHERE
    }

    /**
     * A configuration: activations, flat spot, the finding, and the single departure from textbook backprop that
     * reproduces Encog's gradient bit for bit ({@code null} where Encog is right).
     */
    record Config(String hidden, String output, boolean flatSpot, Finding finding, BackpropReplica.Choices cause) {
    }

    static final Map<String, Supplier<ActivationFunction>> ACTIVATIONS = Map.ofEntries(
            Map.entry("Sigmoid", ActivationSigmoid::new),
            Map.entry("TANH", ActivationTANH::new),
            Map.entry("Linear", ActivationLinear::new),
            Map.entry("ReLU", ActivationReLU::new),
            Map.entry("Elliott", ActivationElliott::new),
            Map.entry("ElliottSymmetric", ActivationElliottSymmetric::new),
            Map.entry("LOG", ActivationLOG::new),
            Map.entry("SIN", ActivationSIN::new),
            Map.entry("Gaussian", ActivationGaussian::new),
            Map.entry("SteepenedSigmoid", ActivationSteepenedSigmoid::new),
            Map.entry("BipolarSteepenedSigmoid", ActivationBipolarSteepenedSigmoid::new));

    static final BackpropReplica.Choices LAYER_ABOVE = new BackpropReplica.Choices(true, false, false);
    static final BackpropReplica.Choices FLAT_SPOT = new BackpropReplica.Choices(false, true, false);
    static final BackpropReplica.Choices FORMULAS = new BackpropReplica.Choices(false, false, true);

    static final List<Config> CONFIGS = List.of(
            // the same activation everywhere
            new Config("Sigmoid", "Sigmoid", true, Finding.WRONG_BELOW_OUTPUT, FLAT_SPOT),
            new Config("Sigmoid", "Sigmoid", false, Finding.CORRECT, null),
            new Config("TANH", "TANH", true, Finding.CORRECT, null),
            new Config("Linear", "Linear", true, Finding.CORRECT, null),
            new Config("ReLU", "ReLU", true, Finding.CORRECT, null),
            new Config("Elliott", "Elliott", true, Finding.CORRECT, null),
            new Config("ElliottSymmetric", "ElliottSymmetric", true, Finding.CORRECT, null),
            new Config("LOG", "LOG", true, Finding.CORRECT, null),
            // hidden and output activations differ: the derivative of the layer above
            new Config("Sigmoid", "Linear", false, Finding.WRONG_BELOW_OUTPUT, LAYER_ABOVE),
            new Config("Sigmoid", "Linear", true, Finding.WRONG_BELOW_OUTPUT, new BackpropReplica.Choices(true, true, false)),
            new Config("TANH", "Linear", true, Finding.WRONG_BELOW_OUTPUT, LAYER_ABOVE),
            new Config("TANH", "Sigmoid", true, Finding.WRONG_BELOW_OUTPUT, LAYER_ABOVE),
            new Config("Sigmoid", "TANH", false, Finding.WRONG_BELOW_OUTPUT, LAYER_ABOVE),
            new Config("ReLU", "Sigmoid", true, Finding.WRONG_BELOW_OUTPUT, LAYER_ABOVE),
            // wrong derivative formulas
            new Config("SIN", "SIN", true, Finding.HALVED_PER_LAYER, FORMULAS),
            new Config("Gaussian", "Gaussian", true, Finding.WRONG_EVERYWHERE, FORMULAS),
            new Config("SteepenedSigmoid", "SteepenedSigmoid", true, Finding.WRONG_EVERYWHERE, FORMULAS),
            new Config("BipolarSteepenedSigmoid", "BipolarSteepenedSigmoid", true, Finding.WRONG_EVERYWHERE,
                    FORMULAS));

    static final int[][] SIZES = {{3, 4, 3}, {3, 4, 4, 3}};
    static final int[] SEEDS = {1, 2, 3};

    private GateCases() {
    }

    static GateCase of(String hidden, String output, boolean flatSpot, int seed, int... sizes) {
        return new GateCase(hidden, ACTIVATIONS.get(hidden), output, ACTIVATIONS.get(output), sizes, flatSpot, seed);
    }

    static GateCase of(Config c, int seed, int... sizes) {
        return of(c.hidden(), c.output(), c.flatSpot(), seed, sizes);
    }

    /** Every configuration × both sizes × every seed. */
    static List<Object[]> all() {
        List<Object[]> cases = new ArrayList<>();
        for (Config c : CONFIGS) {
            for (int[] sizes : SIZES) {
                for (int seed : SEEDS) {
                    cases.add(new Object[] {c, of(c, seed, sizes)});
                }
            }
        }
        return cases;
    }
}
