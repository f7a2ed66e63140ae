package org.gradproof.properties.sweep;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.BlockFunction;
import org.gradproof.check.EntryEvaluator;
import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Dense;
import org.gradproof.nn.Mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A reference network evaluated in single precision, as a float32 implementation would: every weight, every product
 * and sum of the forward pass, every activation and the loss are rounded to float. Its claimed gradient is the
 * reference backprop's, rounded to float, times {@code scale} (1 for a correct implementation; 63/64 for one that
 * divides by m − 1, and so on). The parameters are the network's live double blocks; value() reads them as floats.
 */
public final class Float32Network implements BlockFunction {

    private final Mlp network;
    private final Batch batch;
    private final double scale;

    public Float32Network(Mlp network, Batch batch, double scale) {
        this.network = network;
        this.batch = batch;
        this.scale = scale;
    }

    /**
     * Whether rounding to float changes what this network's loss measures, not only its last digits: a binary
     * cross-entropy term −log(1 − p) for a target below 1 whose p lies within 2⁻¹⁷ of 1, where p's float rounding
     * (2⁻²⁴) moves log(1 − p) by more than 2⁻⁷. There the float loss is a staircase of wide stairs with its own local
     * slope (6.9 against the double loss's 20.2 in one case the sweep found), so the double gradient is not its
     * derivative and the model is no correct float32 model.
     */
    public static boolean roundsUnderLogarithm(Mlp network, Batch batch) {
        if (network.lossFunction() != org.gradproof.nn.Loss.BINARY_CROSS_ENTROPY) {
            return false;
        }
        DMatrixRMaj p = network.trace(batch.inputs()).output();
        DMatrixRMaj y = batch.targets();
        for (int i = 0; i < p.data.length; i++) {
            if (y.data[i] < 1 && 1 - p.data[i] < 0x1p-17) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return network.parameterBlocks();
    }

    @Override
    public double value() {
        return new FloatForward(network, batch).loss;
    }

    /**
     * Re-evaluates from the cached float activations below the changed layer, with the same float operations in the
     * same order as {@link #value()}, so that both give the same bits.
     */
    @Override
    public Optional<EntryEvaluator> entryEvaluator() {
        FloatForward cached = new FloatForward(network, batch);
        return Optional.of((block, index, trial) -> cached.loss(block / 2, block % 2 == 0 ? index : -1,
                block % 2 == 0 ? -1 : index, trial));
    }

    @Override
    public double[][] gradient() {
        double[] flat = network.gradients(batch).flat();
        List<ParameterBlock> blocks = blocks();
        double[][] g = new double[blocks.size()][];
        int offset = 0;
        for (int b = 0; b < blocks.size(); b++) {
            g[b] = new double[blocks.get(b).size()];
            for (int k = 0; k < g[b].length; k++) {
                g[b][k] = (float) (scale * flat[offset + k]);
            }
            offset += g[b].length;
        }
        return g;
    }

    @Override
    public String description() {
        return "float32 " + network.describe() + ", batch " + batch.size()
                + (scale == 1 ? "" : ", gradient × " + scale);
    }

    @Override
    public List<KnownFactor> knownFactors() {
        return List.of(new KnownFactor("the batch size m", batch.size()));
    }

    private static DMatrixRMaj rounded(DMatrixRMaj m) {
        DMatrixRMaj r = m.copy();
        for (int i = 0; i < r.data.length; i++) {
            r.data[i] = (float) r.data[i];
        }
        return r;
    }

    /** The forward pass in float, with every layer's input and pre-activation kept for re-evaluation. */
    private static final class FloatForward {

        private final Mlp network;
        private final Batch batch;
        private final List<float[]> weights = new ArrayList<>();
        private final List<float[]> biases = new ArrayList<>();
        private final List<DMatrixRMaj> inputs = new ArrayList<>();
        private final List<DMatrixRMaj> preActivations = new ArrayList<>();
        /** The float loss at the parameters as they were. */
        final double loss;

        FloatForward(Mlp network, Batch batch) {
            this.network = network;
            this.batch = batch;
            DMatrixRMaj a = rounded(batch.inputs());
            for (int l = 0; l < network.layers().size(); l++) {
                Dense layer = network.layers().get(l);
                weights.add(floats(layer.weights().data));
                biases.add(floats(layer.bias().data));
                inputs.add(a);
                DMatrixRMaj z = preActivation(a, weights.get(l), biases.get(l), layer.outputs(), -1, null);
                preActivations.add(z);
                a = rounded(network.activations().get(l).forward(z));
            }
            loss = (float) network.lossFunction().value(a, batch.targets(), network.reduction());
        }

        /** The float loss with weight {@code weight} or bias {@code bias} (the other −1) of layer l set to trial. */
        double loss(int l, int weight, int bias, double trial) {
            Dense layer = network.layers().get(l);
            float[] w = weights.get(l);
            float[] b = biases.get(l);
            int unit;
            if (weight >= 0) {
                w = w.clone();
                w[weight] = (float) trial;
                unit = weight / layer.inputs();
            } else {
                b = b.clone();
                b[bias] = (float) trial;
                unit = bias;
            }
            DMatrixRMaj z = preActivation(inputs.get(l), w, b, layer.outputs(), unit, preActivations.get(l));
            DMatrixRMaj a = rounded(network.activations().get(l).forward(z));
            for (int k = l + 1; k < network.layers().size(); k++) {
                z = preActivation(a, weights.get(k), biases.get(k), network.layers().get(k).outputs(), -1, null);
                a = rounded(network.activations().get(k).forward(z));
            }
            return (float) network.lossFunction().value(a, batch.targets(), network.reduction());
        }

        /**
         * Z = A·Wᵀ + b in float, summed in the order j = 0, 1, …; only column {@code unit} when it is not −1, the
         * others copied from {@code cached}.
         */
        private static DMatrixRMaj preActivation(DMatrixRMaj a, float[] w, float[] b, int outputs, int unit,
                                                 DMatrixRMaj cached) {
            DMatrixRMaj z = unit < 0 ? new DMatrixRMaj(a.numRows, outputs) : cached.copy();
            for (int n = 0; n < a.numRows; n++) {
                for (int i = unit < 0 ? 0 : unit; i < (unit < 0 ? outputs : unit + 1); i++) {
                    float sum = b[i];
                    for (int j = 0; j < a.numCols; j++) {
                        sum += w[i * a.numCols + j] * (float) a.data[n * a.numCols + j];
                    }
                    z.data[n * outputs + i] = sum;
                }
            }
            return z;
        }

        private static float[] floats(double[] values) {
            float[] f = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                f[i] = (float) values[i];
            }
            return f;
        }
    }
}
