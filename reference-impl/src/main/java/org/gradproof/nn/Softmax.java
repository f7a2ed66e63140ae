package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Softmax over each row: p_j = e^(z_j − max z) / Σ_k e^(z_k − max z). Shifting by the row maximum changes nothing
 * mathematically and keeps every exponent ≤ 0, so |z| = 1000 is fine.
 *
 * <p>Its backward pass multiplies by the Jacobian explicitly, J = diag(p) − p·pᵀ (symmetric), so that the
 * "cross-entropy on probabilities" route really exercises it; the fused {@link Loss#SOFTMAX_CROSS_ENTROPY} skips it.
 */
public final class Softmax implements Activation {

    public static final Softmax INSTANCE = new Softmax();

    private Softmax() {
    }

    @Override
    public String id() {
        return "softmax";
    }

    /** Softmax of one vector, max-shifted. The input is not modified. */
    public static double[] of(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            p[j] = Math.exp(z[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < z.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    /**
     * r_j − p·r for a probability vector p, summed as Σ_{k ≠ j} p_k (r_j − r_k): equal when Σp = 1, and accurate when
     * p is confident — r_j − p·r subtracts two numbers that agree to all but 1 − p_j, and loses that many digits.
     */
    public static double centered(double[] p, double[] r, int j) {
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            if (k != j) {
                sum += p[k] * (r[j] - r[k]);
            }
        }
        return sum;
    }

    /** J = diag(p) − p·pᵀ, the Jacobian ∂p_i/∂z_j of the softmax at output p. */
    public static DMatrixRMaj jacobian(double[] p) {
        DMatrixRMaj j = new DMatrixRMaj(p.length, p.length);
        for (int r = 0; r < p.length; r++) {
            for (int c = 0; c < p.length; c++) {
                j.unsafe_set(r, c, (r == c ? p[r] : 0) - p[r] * p[c]);
            }
        }
        return j;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj z) {
        DMatrixRMaj a = new DMatrixRMaj(z.numRows, z.numCols);
        double[] row = new double[z.numCols];
        for (int i = 0; i < z.numRows; i++) {
            System.arraycopy(z.data, i * z.numCols, row, 0, z.numCols);
            System.arraycopy(of(row), 0, a.data, i * z.numCols, z.numCols);
        }
        return a;
    }

    /** dL/dz = Jᵀ · dL/dp = (diag(p) − p·pᵀ) · dL/dp, row by row. */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj gradA) {
        int k = a.numCols;
        DMatrixRMaj gradZ = new DMatrixRMaj(a.numRows, k);
        double[] p = new double[k];
        DMatrixRMaj upstream = new DMatrixRMaj(k, 1);
        DMatrixRMaj downstream = new DMatrixRMaj(k, 1);
        for (int i = 0; i < a.numRows; i++) {
            System.arraycopy(a.data, i * k, p, 0, k);
            System.arraycopy(gradA.data, i * k, upstream.data, 0, k);
            CommonOps_DDRM.mult(jacobian(p), upstream, downstream);
            System.arraycopy(downstream.data, 0, gradZ.data, i * k, k);
        }
        return gradZ;
    }

    @Override
    public String toString() {
        return id();
    }
}
