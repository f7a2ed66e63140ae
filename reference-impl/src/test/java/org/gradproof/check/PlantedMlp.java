package org.gradproof.check;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Dense;
import org.gradproof.nn.Mlp;

import java.util.List;

/**
 * The reference {@link Mlp}'s loss on a batch with its own backward pass, written out layer by layer so that a test can
 * put one bug back in: a layer's activation derivative taken of a instead of z, a layer's dW and db left summed where
 * the loss averages, a layer's bias gradient assigned per example instead of summed.
 */
final class PlantedMlp implements BlockFunction {

    /** Where the bug sits. */
    enum Bug {
        /** None: the reference backprop. */
        NONE,
        /** φ′ evaluated on the activation a = φ(z) instead of on z (tanh′(a) = 1 − tanh²(a)). */
        DERIVATIVE_OF_A,
        /** The layer's dW and db multiplied by m: summed over the batch where the loss averages. */
        NOT_AVERAGED,
        /** db = the last example's δ: assigned in the loop over examples instead of added. */
        BIAS_ASSIGNED
    }

    private final Mlp mlp;
    private final Batch batch;
    private final Bug bug;
    private final List<Integer> layers;

    /** @param layers the layers (0 = the first) the bug is planted in */
    PlantedMlp(Mlp mlp, Batch batch, Bug bug, Integer... layers) {
        this.mlp = mlp;
        this.batch = batch;
        this.bug = bug;
        this.layers = List.of(layers);
    }

    @Override
    public List<ParameterBlock> blocks() {
        return mlp.parameterBlocks();
    }

    @Override
    public double value() {
        return mlp.loss(batch);
    }

    @Override
    public double[][] gradient() {
        Mlp.Trace t = mlp.trace(batch.inputs());
        int depth = mlp.layers().size();
        int m = batch.size();
        DMatrixRMaj gradA = mlp.lossFunction().gradient(t.output(), batch.targets(), mlp.reduction());
        double[][] blocks = new double[2 * depth][];
        for (int l = depth - 1; l >= 0; l--) {
            Dense layer = mlp.layers().get(l);
            boolean here = layers.contains(l);
            DMatrixRMaj z = t.preActivations().get(l);
            DMatrixRMaj a = t.outputs().get(l);
            DMatrixRMaj gradZ = here && bug == Bug.DERIVATIVE_OF_A
                    ? mlp.activations().get(l).backward(a, mlp.activations().get(l).forward(a), gradA)
                    : mlp.activations().get(l).backward(z, a, gradA);
            DMatrixRMaj gW = new DMatrixRMaj(layer.outputs(), layer.inputs());
            DMatrixRMaj gb = new DMatrixRMaj(1, layer.outputs());
            gradA = layer.backward(t.layerInputs().get(l), gradZ, gW, gb);
            if (here && bug == Bug.NOT_AVERAGED) {
                scale(gW.data, m);
                scale(gb.data, m);
            }
            if (here && bug == Bug.BIAS_ASSIGNED) {
                System.arraycopy(gradZ.data, (m - 1) * gradZ.numCols, gb.data, 0, gradZ.numCols);
            }
            blocks[2 * l] = gW.data;
            blocks[2 * l + 1] = gb.data;
        }
        return blocks;
    }

    @Override
    public double noiseScale() {
        return mlp.roundingScale(batch);
    }

    @Override
    public String description() {
        return mlp.describe() + ", batch " + batch.size() + ", bug " + bug + " in layers " + layers;
    }

    @Override
    public List<KnownFactor> knownFactors() {
        return List.of(new KnownFactor("the batch size m", batch.size()),
                new KnownFactor("the number of output units", mlp.outputs()));
    }

    private static void scale(double[] v, double k) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= k;
        }
    }
}
