package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gradproof.check.BlockShape;
import org.gradproof.check.HessianVectorFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact Hessian-vector product of an {@link Mlp}'s loss, H·V for a direction V = (V_W, V_b) of every layer, by
 * Pearlmutter's R-operator: R{·} = d/dε (·)(θ + εV) at ε = 0, applied to every line of the forward and backward pass.
 * Layer l takes X_l (batch × in) to Z_l = X_l W_lᵀ + 1 b_l and A_l = φ(Z_l); the backward pass runs G_A (dL/dA),
 * G_Z = φ'(Z) ⊙ G_A, dW = G_Zᵀ X, db = 1ᵀ G_Z, and dL/dX = G_Z W. Side by side:
 * <pre>
 *   forward                          R-forward
 *   Z = X Wᵀ + 1 b                   R{Z} = R{X} Wᵀ + X V_Wᵀ + 1 V_b          (R{X₀} = 0)
 *   A = φ(Z)                         R{A} = φ'(Z) ⊙ R{Z}                      (softmax: p ⊙ (r − p·r) per row)
 *
 *   backward                         R-backward
 *   G_A = ∂L/∂A_L                    R{G_A} = ∇²ℓ · R{A_L}                    (per example, times the reduction)
 *   G_Z = φ'(Z) ⊙ G_A                R{G_Z} = φ'(Z) ⊙ R{G_A} + φ''(Z) ⊙ R{Z} ⊙ G_A
 *                                    (softmax: R{p} ⊙ (g − p·g) + p ⊙ (R{g} − R{p}·g − p·R{g}))
 *   dW = G_Zᵀ X                      (H V)_W = R{G_Z}ᵀ X + G_Zᵀ R{X}
 *   db = 1ᵀ G_Z                      (H V)_b = 1ᵀ R{G_Z}
 *   G_X = G_Z W                      R{G_X} = R{G_Z} W + G_Z V_W
 * </pre>
 * Every r − p·r of a softmax is summed as Σ_k p_k (r_j − r_k) ({@link Softmax#centered}): written plainly it
 * cancels all but 1 − p_j of r for a confident p, and the product came out 0.4 % off at p = 1 − 1e-13 (a softmax
 * cross-entropy head that {@code SecondOrderProperties} found).
 *
 * <p>{@link #gaussNewtonProduct} is the same pass without the terms that carry the backpropagated gradient G into the
 * curvature — the hidden activations' φ''(Z) ⊙ R{Z} ⊙ G_A and the cross terms G_Zᵀ R{X} and G_Z V_W (∂²Z/∂W∂X) —
 * leaving G·V = Jᵀ H_ℓ J V: J V the R-forward pass up to the output pre-activation Z_L, H_ℓ the Hessian of the loss
 * (output activation included) in Z_L, Jᵀ the plain backward pass.
 */
public final class MlpHessianVector {

    private MlpHessianVector() {
    }

    /**
     * H·V on the batch at the network's current parameters; V and the result are in block order ({@code dense1.W}
     * out × in row-major, {@code dense1.b}, …), as {@link Mlp#gradients}.
     */
    public static double[][] product(Mlp net, Batch batch, double[][] v) {
        return product(net, batch, v, false);
    }

    /**
     * The Gauss–Newton product G·V = Jᵀ H_ℓ J V on the batch at the network's current parameters, in the block order of
     * {@link #product}: J = ∂Z_L/∂θ, the Jacobian of the output layer's pre-activation, and H_ℓ = ∂²ℓ(φ_L(Z_L))/∂Z_L²,
     * the loss's Hessian with the output activation folded in. Side by side with H·V (see the class comment), the
     * R-forward pass is the same; the R-backward pass keeps the output layer's R{G_Z} whole and then runs as a plain
     * backward pass:
     * <pre>
     *   H·V                                             G·V
     *   R{G_Z} = φ'(Z) ⊙ R{G_A} + φ''(Z) ⊙ R{Z} ⊙ G_A   R{G_Z} = φ'(Z) ⊙ R{G_A}          (hidden layers)
     *   (H V)_W = R{G_Z}ᵀ X + G_Zᵀ R{X}                 (G V)_W = R{G_Z}ᵀ X
     *   R{G_X} = R{G_Z} W + G_Z V_W                     R{G_X} = R{G_Z} W
     * </pre>
     * G is what Hessian-free optimisation and K-FAC use (positive semi-definite for a convex ℓ∘φ_L), and it is not the
     * Hessian: the terms dropped are those multiplied by the backpropagated gradient G_A, small near a fit with small
     * residuals and not otherwise. A network of one layer has no such terms (R{X} = 0): there G = H.
     */
    public static double[][] gaussNewtonProduct(Mlp net, Batch batch, double[][] v) {
        return product(net, batch, v, true);
    }

    private static double[][] product(Mlp net, Batch batch, double[][] v, boolean gaussNewton) {
        List<Dense> layers = net.layers();
        List<Activation> activations = net.activations();
        if (v == null || v.length != 2 * layers.size()) {
            throw new IllegalArgumentException("direction: expected " + 2 * layers.size() + " blocks "
                    + net.blockNames() + ", got " + (v == null ? "null" : v.length));
        }
        List<DMatrixRMaj> vw = new ArrayList<>();
        List<DMatrixRMaj> vb = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            Dense layer = layers.get(l);
            vw.add(block(v[2 * l], layer.outputs(), layer.inputs(), net.blockNames().get(2 * l)));
            vb.add(block(v[2 * l + 1], 1, layer.outputs(), net.blockNames().get(2 * l + 1)));
        }
        Mlp.Trace t = net.trace(batch.inputs());
        List<DMatrixRMaj> rx = new ArrayList<>();
        List<DMatrixRMaj> rz = new ArrayList<>();
        DMatrixRMaj rIn = new DMatrixRMaj(batch.size(), net.inputs());
        for (int l = 0; l < layers.size(); l++) {
            DMatrixRMaj x = t.layerInputs().get(l);
            DMatrixRMaj r = new DMatrixRMaj(x.numRows, layers.get(l).outputs());
            CommonOps_DDRM.multTransB(rIn, layers.get(l).weights(), r);
            CommonOps_DDRM.multAddTransB(x, vw.get(l), r);
            addRow(r, vb.get(l));
            rx.add(rIn);
            rz.add(r);
            rIn = forwardR(activations.get(l), t.preActivations().get(l), t.outputs().get(l), r);
        }
        Loss loss = net.lossFunction();
        DMatrixRMaj gA = loss.gradient(t.output(), batch.targets(), net.reduction());
        DMatrixRMaj rgA = loss.hessianVector(t.output(), batch.targets(), rIn, net.reduction());
        double[][] hv = new double[2 * layers.size()][];
        for (int l = layers.size() - 1; l >= 0; l--) {
            Activation act = activations.get(l);
            DMatrixRMaj z = t.preActivations().get(l);
            DMatrixRMaj a = t.outputs().get(l);
            DMatrixRMaj gZ = act.backward(z, a, gA);
            boolean hidden = l < layers.size() - 1;
            DMatrixRMaj rgZ = gaussNewton && hidden ? act.backward(z, a, rgA)
                    : backwardR(act, z, a, gA, rz.get(l), forwardR(act, z, a, rz.get(l)), rgA);
            DMatrixRMaj x = t.layerInputs().get(l);
            DMatrixRMaj hW = new DMatrixRMaj(layers.get(l).outputs(), layers.get(l).inputs());
            CommonOps_DDRM.multTransA(rgZ, x, hW);
            if (!gaussNewton) {
                CommonOps_DDRM.multAddTransA(gZ, rx.get(l), hW);
            }
            DMatrixRMaj hB = new DMatrixRMaj(1, layers.get(l).outputs());
            CommonOps_DDRM.sumCols(rgZ, hB);
            hv[2 * l] = hW.data;
            hv[2 * l + 1] = hB.data;
            DMatrixRMaj nextGA = new DMatrixRMaj(gZ.numRows, layers.get(l).inputs());
            CommonOps_DDRM.mult(gZ, layers.get(l).weights(), nextGA);
            DMatrixRMaj nextRGA = new DMatrixRMaj(gZ.numRows, layers.get(l).inputs());
            CommonOps_DDRM.mult(rgZ, layers.get(l).weights(), nextRGA);
            if (!gaussNewton) {
                CommonOps_DDRM.multAdd(gZ, vw.get(l), nextRGA);
            }
            gA = nextGA;
            rgA = nextRGA;
        }
        return hv;
    }

    /**
     * The network's loss on the batch as a {@link HessianVectorFunction} of its flat parameters (block order), for
     * {@code GradientCheck.hessianVector}: value, gradient and H·v at any x, on a copy of the network (the network
     * itself is never changed); its {@link HessianVectorFunction#blockShapes() block shapes} are the network's, so a
     * report names the product's blocks {@code Hv[dense1.W]}, ….
     */
    public static HessianVectorFunction function(Mlp net, Batch batch) {
        Mlp copy = net.copy();
        return new HessianVectorFunction() {
            @Override
            public double value(double[] x) {
                copy.setParameters(x);
                return copy.loss(batch);
            }

            @Override
            public double[] gradient(double[] x) {
                copy.setParameters(x);
                return copy.gradients(batch).flat();
            }

            @Override
            public double[] hessianVector(double[] x, double[] v) {
                copy.setParameters(x);
                List<Integer> sizes = copy.parameterBlocks().stream().map(b -> b.size()).toList();
                if (v.length != x.length) {
                    throw new IllegalArgumentException("v: expected " + x.length + " values, got " + v.length);
                }
                double[][] blocks = new double[sizes.size()][];
                int offset = 0;
                for (int b = 0; b < blocks.length; b++) {
                    blocks[b] = java.util.Arrays.copyOfRange(v, offset, offset + sizes.get(b));
                    offset += sizes.get(b);
                }
                return Gradients.concatenate(product(copy, batch, blocks));
            }

            @Override
            public List<BlockShape> blockShapes() {
                return copy.parameterBlocks().stream().map(b -> new BlockShape(b.name(), b.shape())).toList();
            }
        };
    }

    /** R{A} = φ'(Z) ⊙ R{Z}; for a softmax row, J r = p ⊙ (r − p·r). */
    private static DMatrixRMaj forwardR(Activation act, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj rz) {
        DMatrixRMaj ra = new DMatrixRMaj(rz.numRows, rz.numCols);
        if (act instanceof ElementwiseActivation e) {
            for (int i = 0; i < rz.getNumElements(); i++) {
                ra.data[i] = e.derivative(z.data[i]) * rz.data[i];
            }
            return ra;
        }
        int k = a.numCols;
        double[] p = new double[k];
        double[] r = new double[k];
        for (int n = 0; n < a.numRows; n++) {
            System.arraycopy(a.data, n * k, p, 0, k);
            System.arraycopy(rz.data, n * k, r, 0, k);
            for (int j = 0; j < k; j++) {
                ra.data[n * k + j] = p[j] * Softmax.centered(p, r, j);
            }
        }
        return ra;
    }

    /** R{G_Z} from R{G_A}: see the class comment. */
    private static DMatrixRMaj backwardR(Activation act, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj gA,
                                         DMatrixRMaj rz, DMatrixRMaj ra, DMatrixRMaj rgA) {
        DMatrixRMaj rgZ = new DMatrixRMaj(gA.numRows, gA.numCols);
        if (act instanceof ElementwiseActivation e) {
            for (int i = 0; i < gA.getNumElements(); i++) {
                rgZ.data[i] = e.derivative(z.data[i]) * rgA.data[i]
                        + e.secondDerivative(z.data[i]) * rz.data[i] * gA.data[i];
            }
            return rgZ;
        }
        int k = a.numCols;
        double[] p = new double[k];
        double[] g = new double[k];
        double[] rg = new double[k];
        for (int n = 0; n < a.numRows; n++) {
            System.arraycopy(a.data, n * k, p, 0, k);
            System.arraycopy(gA.data, n * k, g, 0, k);
            System.arraycopy(rgA.data, n * k, rg, 0, k);
            for (int j = 0; j < k; j++) {
                int i = n * k + j;
                // R{p}·g = Σ_k R{p}_k (g_k − g_j), since Σ R{p} = 0
                double rpg = 0;
                for (int q = 0; q < k; q++) {
                    rpg += ra.data[n * k + q] * (g[q] - g[j]);
                }
                rgZ.data[i] = ra.data[i] * Softmax.centered(p, g, j) + p[j] * (Softmax.centered(p, rg, j) - rpg);
            }
        }
        return rgZ;
    }

    private static DMatrixRMaj block(double[] values, int rows, int cols, String name) {
        if (values == null || values.length != rows * cols) {
            throw new IllegalArgumentException("direction block " + name + ": expected " + rows * cols
                    + " values (" + rows + " x " + cols + "), got " + (values == null ? "null" : values.length));
        }
        return new DMatrixRMaj(rows, cols, true, values);
    }

    private static void addRow(DMatrixRMaj m, DMatrixRMaj row) {
        for (int n = 0; n < m.numRows; n++) {
            for (int j = 0; j < m.numCols; j++) {
                m.data[n * m.numCols + j] += row.data[j];
            }
        }
    }
}
