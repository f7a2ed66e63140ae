package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.EntryEvaluator;

import java.util.List;

/**
 * An {@link Mlp}'s loss with one weight or bias changed, from the forward pass cached at the current parameters
 * (which it never modifies). Changing W_l[i,j] by δ (or b_l[i]) changes only unit i of layer l:
 * <pre>
 *   Z_l[:, i] += δ · A_{l−1}[:, j]      (δ · 1 for b_l[i])           O(m)
 *   A_l[:, i] = φ_l(Z_l[:, i])  (all of A_l = φ_l(Z_l) for a softmax)  O(m), O(m · out_l)
 *   Z_{l+1} += (A_l − A_l,cached)[:, i] · W_{l+1}[:, i]ᵀ              O(m · out_{l+1}), for an elementwise φ_l
 *   layers above: forward in full (every column has changed by then)
 * </pre>
 * An elementwise activation changes one column of A_l, so the layer above gets a rank-1 update; a softmax changes the
 * whole row, and the layers above it run in full. For a 12288-64-1 network a first-layer weight costs
 * O(m · 64) instead of a full forward pass's O(m · 12288 · 64).
 */
final class MlpEntryEvaluator implements EntryEvaluator {

    private final Mlp mlp;
    private final Batch batch;
    private final Mlp.Trace cached;
    /** Scratch, reused by every call: the changed column of Z_l, and Z_{l+1} and A_{l+1} per layer (or null). */
    private final double[] column;
    private final DMatrixRMaj[] zAbove;
    private final DMatrixRMaj[] aAbove;

    /** One evaluator per checking thread: its scratch buffers make it not thread-safe. */
    MlpEntryEvaluator(Mlp mlp, Batch batch) {
        this.mlp = mlp;
        this.batch = batch;
        this.cached = mlp.run(batch.inputs());
        int layers = mlp.layers().size();
        this.column = new double[batch.inputs().numRows];
        this.zAbove = new DMatrixRMaj[layers];
        this.aAbove = new DMatrixRMaj[layers];
        for (int l = 0; l + 1 < layers; l++) {
            zAbove[l] = cached.preActivations().get(l + 1).createLike();
            aAbove[l] = cached.preActivations().get(l + 1).createLike();
        }
    }

    @Override
    public double valueWith(int block, int index, double trial) {
        List<Dense> layers = mlp.layers();
        int l = block / 2;
        Dense layer = layers.get(l);
        DMatrixRMaj input = cached.layerInputs().get(l);
        DMatrixRMaj zCached = cached.preActivations().get(l);
        int m = zCached.numRows;
        int units = zCached.numCols;
        int unit;
        if (block % 2 == 0) {
            unit = index / layer.inputs();
            int j = index % layer.inputs();
            int in = input.numCols;
            double delta = trial - layer.weights().data[unit * in + j];
            for (int n = 0; n < m; n++) {
                column[n] = zCached.data[n * units + unit] + delta * input.data[n * in + j];
            }
        } else {
            unit = index;
            double delta = trial - layer.bias().data[index];
            for (int n = 0; n < m; n++) {
                column[n] = zCached.data[n * units + unit] + delta;
            }
        }
        Activation activation = mlp.activations().get(l);
        DMatrixRMaj a;
        int next = l + 1;
        if (activation instanceof ElementwiseActivation phi && next < layers.size()) {
            // one column of A_l changes: the layer above gets a rank-1 update, O(m · out_{l+1})
            double[] aCached = cached.outputs().get(l).data;
            double[] w = layers.get(next).weights().data;
            DMatrixRMaj z = zAbove[l];
            System.arraycopy(cached.preActivations().get(next).data, 0, z.data, 0, z.data.length);
            int above = z.numCols;
            for (int n = 0; n < m; n++) {
                double d = phi.value(column[n]) - aCached[n * units + unit];
                if (d != 0) {
                    for (int r = 0; r < above; r++) {
                        z.data[n * above + r] += d * w[r * units + unit];
                    }
                }
            }
            Activation phiAbove = mlp.activations().get(next);
            if (phiAbove instanceof ElementwiseActivation elementwise) {
                a = aAbove[l];
                for (int i = 0; i < z.data.length; i++) {
                    a.data[i] = elementwise.value(z.data[i]);
                }
            } else {
                a = phiAbove.forward(z);
            }
            next++;
        } else {
            DMatrixRMaj z = zCached.copy();
            for (int n = 0; n < m; n++) {
                z.set(n, unit, column[n]);
            }
            a = activation.forward(z);
        }
        for (int k = next; k < layers.size(); k++) {
            a = mlp.activations().get(k).forward(layers.get(k).forward(a)); // every column changed by now
        }
        return mlp.lossFunction().value(a, batch.targets(), mlp.reduction());
    }
}
