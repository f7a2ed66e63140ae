package org.gradproof.examples.encog;

import org.encog.mathutil.error.ErrorCalculation;
import org.encog.ml.data.MLDataSet;
import org.encog.ml.data.basic.BasicMLDataSet;
import org.encog.neural.flat.FlatNetwork;
import org.encog.neural.networks.BasicNetwork;
import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An Encog network's MSE on a data set, with the gradient Encog's backprop claims, as a {@link BlockFunction} over
 * the blocks {@code layer0->1.W}, {@code layer0->1.b}, … (see {@link EncogLayout}).
 *
 * <pre>{@code
 * GradientReport r = GradientCheck.check(EncogObjective.builder(network, inputs, ideals).build());
 * }</pre>
 *
 * <ul>
 *   <li>value: Encog's own MSE, {@code ErrorCalculation.calculateMSE()}: Σ_n Σ_k (y_nk − ŷ_nk)² / (N·K), computed
 *       by the network's flat forward pass (independent of the global {@code ErrorCalculation} mode);</li>
 *   <li>gradient: {@link EncogGradient#raw} converted to ∂MSE/∂w by the factor −2/(N·K) established by experiment
 *       (the convention tests), or left raw with {@link Convention#RAW}.</li>
 * </ul>
 *
 * <p>The caller's network is never changed: the objective works on a deep clone ({@code BasicNetwork.clone()}), whose
 * flat weights are overwritten from the blocks before each evaluation.
 */
public final class EncogObjective implements BlockFunction {

    /** What {@link #gradient()} returns. */
    public enum Convention {
        /** ∂MSE/∂w as Encog's backprop claims it: the raw array times −2/(N·K). */
        MSE_GRADIENT,
        /** Encog's raw {@code gradients} array as it is: what its trainers add to the weights. */
        RAW
    }

    private final BasicNetwork network;
    private final EncogLayout layout;
    private final MLDataSet data;
    private final double[][] inputs;
    private final double[][] ideals;
    private final boolean fixFlatSpot;
    private final Convention convention;
    private final List<ParameterBlock> blocks;

    private EncogObjective(Builder b) {
        this.network = (BasicNetwork) b.network.clone();
        this.layout = EncogLayout.of(network.getFlat());
        this.inputs = deepCopy(b.inputs);
        this.ideals = deepCopy(b.ideals);
        this.data = new BasicMLDataSet(deepCopy(inputs), deepCopy(ideals));
        this.fixFlatSpot = b.fixFlatSpot;
        this.convention = b.convention;
        this.blocks = List.copyOf(layout.blocksOf(network.getFlat().getWeights()));
    }

    /**
     * A builder for the network's MSE on these records (row n of {@code inputs} and of {@code ideals}); the arguments
     * are validated now ({@link EncogSupport}) and copied at {@link Builder#build()}.
     */
    public static Builder builder(BasicNetwork network, double[][] inputs, double[][] ideals) {
        EncogSupport.requireSupported(network);
        EncogSupport.requireData(network, inputs, ideals);
        return new Builder(network, inputs, ideals);
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    /** Encog's MSE at the blocks' current contents. */
    @Override
    public double value() {
        FlatNetwork flat = syncedFlat();
        ErrorCalculation error = new ErrorCalculation();
        double[] actual = new double[flat.getOutputCount()];
        for (int n = 0; n < inputs.length; n++) {
            flat.compute(inputs[n], actual);
            error.updateError(actual, ideals[n], 1.0);
        }
        return error.calculateMSE();
    }

    /** Encog's gradient at the blocks' current contents, in the chosen {@link Convention}. */
    @Override
    public double[][] gradient() {
        syncedFlat();
        double[] raw = EncogGradient.raw(network, data, fixFlatSpot);
        if (convention == Convention.MSE_GRADIENT) {
            double factor = rawToMse(records(), outputs());
            for (int k = 0; k < raw.length; k++) {
                raw[k] *= factor;
            }
        }
        return layout.split(raw);
    }

    /** The factor that turns Encog's raw gradient into ∂MSE/∂w: −2/(N·K). */
    public static double rawToMse(int records, int outputs) {
        return -2.0 / ((double) records * outputs);
    }

    /** Number of records N. */
    public int records() {
        return inputs.length;
    }

    /** Number of outputs K. */
    public int outputs() {
        return network.getOutputCount();
    }

    @Override
    public String description() {
        FlatNetwork flat = network.getFlat();
        int n = flat.getLayerCounts().length;
        List<String> sizes = new ArrayList<>();
        List<String> activations = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            sizes.add(Integer.toString(layout.neurons(l)));
            if (l > 0) {
                activations.add(EncogNets.name(flat.getActivationFunctions()[n - 1 - l]));
            }
        }
        return "encog " + String.join("-", sizes) + " (" + String.join(", ", activations) + "), MSE over N = "
                + records() + " records x K = " + outputs() + " outputs, flat spot "
                + (fixFlatSpot ? "on" : "off") + (convention == Convention.RAW ? ", raw Encog gradient" : "");
    }

    @Override
    public List<KnownFactor> knownFactors() {
        List<KnownFactor> known = new ArrayList<>();
        if (convention == Convention.RAW) {
            known.add(new KnownFactor("N·K/2", records() * outputs() / 2.0, "Encog's raw gradient Σ_n (y − ŷ)·∂ŷ/∂w "
                    + "is −(N·K/2) × ∂MSE/∂w; multiply it by −2/(N·K)"));
        }
        known.add(new KnownFactor("the number of records N", records()));
        if (outputs() > 1) {
            known.add(new KnownFactor("the number of outputs K", outputs()));
        }
        return known;
    }

    /** The clone's flat network with the blocks' contents written into its weights. */
    private FlatNetwork syncedFlat() {
        FlatNetwork flat = network.getFlat();
        layout.write(blocks, flat.getWeights());
        return flat;
    }

    private static double[][] deepCopy(double[][] rows) {
        return Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);
    }

    /** Settings of an {@link EncogObjective}; defaults: flat spot fix on (Encog's default), {@code MSE_GRADIENT}. */
    public static final class Builder {
        private final BasicNetwork network;
        private final double[][] inputs;
        private final double[][] ideals;
        private boolean fixFlatSpot = true;
        private Convention convention = Convention.MSE_GRADIENT;

        private Builder(BasicNetwork network, double[][] inputs, double[][] ideals) {
            this.network = network;
            this.inputs = inputs;
            this.ideals = ideals;
        }

        /** Encog's {@code Propagation.fixFlatSpot(boolean)}: on by default in Encog 3.4, as here. */
        public Builder fixFlatSpot(boolean fix) {
            this.fixFlatSpot = fix;
            return this;
        }

        public Builder convention(Convention convention) {
            if (convention == null) {
                throw new IllegalArgumentException("convention must not be null; one of "
                        + Arrays.stream(Convention.values()).map(Enum::name).collect(Collectors.joining(", ")));
            }
            this.convention = convention;
            return this;
        }

        public EncogObjective build() {
            return new EncogObjective(this);
        }
    }
}
