package org.gradproof.properties.sweep;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Dense;
import org.gradproof.nn.Mlp;

import java.util.List;

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
        DMatrixRMaj a = rounded(batch.inputs());
        List<Dense> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            DMatrixRMaj w = layers.get(l).weights();
            DMatrixRMaj b = layers.get(l).bias();
            DMatrixRMaj z = new DMatrixRMaj(a.numRows, w.numRows);
            for (int n = 0; n < a.numRows; n++) {
                for (int i = 0; i < w.numRows; i++) {
                    float sum = (float) b.data[i];
                    for (int j = 0; j < w.numCols; j++) {
                        sum += (float) w.data[i * w.numCols + j] * (float) a.data[n * a.numCols + j];
                    }
                    z.data[n * z.numCols + i] = sum;
                }
            }
            a = rounded(network.activations().get(l).forward(z));
        }
        return (float) network.lossFunction().value(a, batch.targets(), network.reduction());
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
}
