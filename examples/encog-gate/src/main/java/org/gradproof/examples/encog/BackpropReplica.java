package org.gradproof.examples.encog;

import org.encog.engine.network.activation.ActivationFunction;
import org.encog.engine.network.activation.ActivationSigmoid;
import org.encog.neural.flat.FlatNetwork;
import org.encog.neural.networks.BasicNetwork;
import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;

import java.util.Arrays;
import java.util.List;

/**
 * Backprop written independently of Encog's code, on the blocks W_l [to][from] and b_l [to], with each of the three
 * choices in which Encog 3.4 departs from the textbook made explicit — so that one configuration reproduces Encog's
 * gradient bit for bit and another passes the checker, and each departure can be switched on alone.
 *
 * <p>Forward (Encog's activation functions, the same summation order as {@code FlatNetwork.computeLayer}):
 * z_{l+1,i} = Σ_j W_l[i][j]·a_{l,j} + b_l[i]·1, a_{l+1} = φ_{l+1}(z_{l+1}). Backward, per record, Encog's sign
 * convention (g = −∂E/∂w with E = ½ Σ (y − ŷ)²):
 *
 * <pre>
 *   δ_out   = (y − ŷ) · φ'_out(z_out)                        (Encog: no flat spot on the output layer)
 *   δ_l[j]  = (Σ_i W_l[i][j] · δ_{l+1}[i]) · (D_l(j) + s_l)     for hidden layers l
 *   g(W_l[i][j]) += a_l[j] · δ_{l+1}[i],   g(b_l[i]) += δ_{l+1}[i]
 * </pre>
 *
 * where the choices are: D_l is φ'_l (textbook) or φ'_{l+1} evaluated at layer l's z and a
 * ({@link Choices#derivativeOfLayerAbove}, what Encog's {@code GradientWorker.processLevel} does); s_l is 0.1 when
 * layer l is a sigmoid layer and {@link Choices#flatSpot} is on (Encog's default), else 0; and φ' is Encog's own
 * {@code derivativeFunction} or {@link TextbookDerivatives} ({@link Choices#encogFormulas}).
 *
 * <p>As a {@link BlockFunction} its value is its own MSE, Σ (y − ŷ)² / (N·K), and its gradient the raw one times
 * −2/(N·K); the network given is only read.
 */
public final class BackpropReplica implements BlockFunction {

    /**
     * The three departures from textbook backprop.
     *
     * @param derivativeOfLayerAbove a hidden layer's delta uses the derivative function of the layer above it
     * @param flatSpot               0.1 is added to the derivative of hidden sigmoid layers
     * @param encogFormulas          derivatives come from Encog's {@code derivativeFunction}, not the textbook
     */
    public record Choices(boolean derivativeOfLayerAbove, boolean flatSpot, boolean encogFormulas) {

        /** What Encog 3.4's {@code Backpropagation} does, with its flat spot fix on or off. */
        public static Choices encog(boolean flatSpot) {
            return new Choices(true, flatSpot, true);
        }

        /** Textbook backprop. */
        public static Choices textbook() {
            return new Choices(false, false, false);
        }

        @Override
        public String toString() {
            return (derivativeOfLayerAbove ? "derivative of the layer above" : "own derivative") + ", flat spot "
                    + (flatSpot ? "+0.1" : "off") + ", " + (encogFormulas ? "Encog's" : "textbook") + " formulas";
        }
    }

    private final EncogLayout layout;
    private final ActivationFunction[] activations; // by user layer; [0] (input) unused
    private final double[][] inputs;
    private final double[][] ideals;
    private final Choices choices;
    private final List<ParameterBlock> blocks;
    private final int[] weightBlock; // block index of W_l
    private final int[] biasBlock;   // block index of b_l, or −1

    /** A replica of the network (its weights copied) on these records, making these choices. */
    public BackpropReplica(BasicNetwork network, double[][] inputs, double[][] ideals, Choices choices) {
        EncogSupport.requireSupported(network);
        EncogSupport.requireData(network, inputs, ideals);
        if (choices == null) {
            throw new IllegalArgumentException("choices must not be null, e.g. Choices.textbook()");
        }
        FlatNetwork flat = network.getFlat();
        this.layout = EncogLayout.of(flat);
        int n = layout.layerCount();
        this.activations = new ActivationFunction[n];
        for (int l = 1; l < n; l++) {
            activations[l] = flat.getActivationFunctions()[n - 1 - l].clone();
            if (!choices.encogFormulas() && !TextbookDerivatives.knows(activations[l])) {
                throw new IllegalArgumentException("layer " + l + ": " + TextbookDerivatives.class.getSimpleName()
                        + " has no formula for " + activations[l].getClass().getSimpleName());
            }
        }
        this.inputs = Arrays.stream(inputs).map(double[]::clone).toArray(double[][]::new);
        this.ideals = Arrays.stream(ideals).map(double[]::clone).toArray(double[][]::new);
        this.choices = choices;
        this.blocks = List.copyOf(layout.blocksOf(flat.getWeights().clone()));
        this.weightBlock = new int[n - 1];
        this.biasBlock = new int[n - 1];
        int k = 0;
        for (int l = 0; l + 1 < n; l++) {
            weightBlock[l] = k++;
            biasBlock[l] = layout.hasBias(l) ? k++ : -1;
        }
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    /** MSE = Σ_n Σ_k (y − ŷ)² / (N·K), accumulated in Encog's order. */
    @Override
    public double value() {
        double sum = 0;
        for (int n = 0; n < inputs.length; n++) {
            double[][][] za = forward(inputs[n]);
            double[] out = za[1][layout.layerCount() - 1];
            for (int k = 0; k < out.length; k++) {
                double d = ideals[n][k] - out[k];
                sum += d * d;
            }
        }
        return sum / ((double) inputs.length * ideals[0].length);
    }

    /** The raw gradient times −2/(N·K): the replica's ∂MSE/∂w. */
    @Override
    public double[][] gradient() {
        double[][] g = rawGradient();
        double factor = EncogObjective.rawToMse(inputs.length, ideals[0].length);
        for (double[] block : g) {
            for (int k = 0; k < block.length; k++) {
                block[k] *= factor;
            }
        }
        return g;
    }

    /** The gradient in Encog's raw convention Σ_n (y − ŷ)·∂ŷ/∂w, per block. */
    public double[][] rawGradient() {
        int n = layout.layerCount();
        double[][] g = blocks.stream().map(b -> new double[b.size()]).toArray(double[][]::new);
        for (int r = 0; r < inputs.length; r++) {
            double[][][] za = forward(inputs[r]);
            double[][] z = za[0];
            double[][] a = za[1];
            double[] delta = new double[layout.neurons(n - 1)];
            ActivationFunction outAf = activations[n - 1];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = ((ideals[r][i] - a[n - 1][i]) * 1.0) * derivative(outAf, z[n - 1][i], a[n - 1][i]);
            }
            for (int l = n - 2; l >= 0; l--) {
                double[] w = blocks.get(weightBlock[l]).data();
                int to = layout.neurons(l + 1);
                int from = layout.neurons(l);
                double[] below = new double[from];
                for (int j = 0; j < from; j++) {
                    double sum = 0;
                    for (int i = 0; i < to; i++) {
                        g[weightBlock[l]][i * from + j] += a[l][j] * delta[i];
                        sum += w[i * from + j] * delta[i];
                    }
                    if (l > 0) {
                        ActivationFunction used = choices.derivativeOfLayerAbove() ? activations[l + 1] : activations[l];
                        double spot = choices.flatSpot() && activations[l] instanceof ActivationSigmoid ? 0.1 : 0.0;
                        below[j] = sum * (derivative(used, z[l][j], a[l][j]) + spot);
                    }
                }
                if (biasBlock[l] >= 0) {
                    for (int i = 0; i < to; i++) {
                        g[biasBlock[l]][i] += 1.0 * delta[i];
                    }
                }
                delta = below;
            }
        }
        // Encog's owner adds the worker's sums into a zeroed array: 0.0 + (−0.0) is +0.0, so do the same
        for (double[] block : g) {
            for (int k = 0; k < block.length; k++) {
                block[k] = 0.0 + block[k];
            }
        }
        return g;
    }

    /** The choices this replica makes. */
    public Choices choices() {
        return choices;
    }

    @Override
    public String description() {
        return "replica of encog backprop (" + choices + "), MSE over N = " + inputs.length + " records x K = "
                + ideals[0].length + " outputs";
    }

    @Override
    public List<KnownFactor> knownFactors() {
        return List.of(new KnownFactor("the number of records N", inputs.length));
    }

    /** φ'(z, a) of the activation {@code used}: Encog's {@code derivativeFunction} or the textbook formula. */
    private double derivative(ActivationFunction used, double z, double a) {
        return choices.encogFormulas() ? used.derivativeFunction(z, a) : TextbookDerivatives.of(used, z, a);
    }

    /** [0] = pre-activations z_l, [1] = outputs a_l, per user layer (z_0 unused, a_0 = x). */
    private double[][][] forward(double[] x) {
        int n = layout.layerCount();
        double[][] z = new double[n][];
        double[][] a = new double[n][];
        a[0] = x.clone();
        z[0] = x.clone();
        for (int l = 0; l + 1 < n; l++) {
            double[] w = blocks.get(weightBlock[l]).data();
            int to = layout.neurons(l + 1);
            int from = layout.neurons(l);
            z[l + 1] = new double[to];
            for (int i = 0; i < to; i++) {
                double sum = 0;
                for (int j = 0; j < from; j++) {
                    sum += w[i * from + j] * a[l][j];
                }
                if (biasBlock[l] >= 0) {
                    sum += blocks.get(biasBlock[l]).data()[i] * 1.0;
                }
                z[l + 1][i] = sum;
            }
            a[l + 1] = z[l + 1].clone();
            activations[l + 1].activationFunction(a[l + 1], 0, to);
        }
        return new double[][][] {z, a};
    }
}
