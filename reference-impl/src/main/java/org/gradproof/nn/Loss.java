package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Losses on a batch of network outputs ŷ (rows are examples, k columns) against targets y. Each constant gives the
 * per-example loss ℓ and its gradient ∂ℓ/∂ŷ side by side; {@link #value} and {@link #gradient} combine them over the
 * batch with a {@link Reduction} (MEAN: L = (1/m) Σ ℓ_n, SUM: L = Σ ℓ_n).
 *
 * <p>The cross-entropies are not clipped: a probability of exactly 0 or 1 gives an infinite loss, which the checker
 * reports as NON_FINITE instead of hiding it behind a kink.
 */
public enum Loss {

    /** ℓ = (1/k) Σ_j (ŷ_j − y_j)²; ∂ℓ/∂ŷ_j = 2(ŷ_j − y_j)/k. With MEAN this is PyTorch's MSELoss. */
    MSE("mse") {
        @Override double example(double[] out, double[] y) { return sumOfSquares(out, y) / out.length; }
        @Override void exampleGradient(double[] out, double[] y, double[] g) {
            for (int j = 0; j < out.length; j++) { g[j] = 2 * (out[j] - y[j]) / out.length; }
        }
        /** ∇²ℓ = (2/k) I. */
        @Override void exampleHessianVector(double[] out, double[] y, double[] r, double[] h) {
            for (int j = 0; j < out.length; j++) { h[j] = 2 * r[j] / out.length; }
        }
    },

    /** ℓ = ½ Σ_j (ŷ_j − y_j)²; ∂ℓ/∂ŷ_j = ŷ_j − y_j. */
    HALF_SUM_OF_SQUARES("half_sse") {
        @Override double example(double[] out, double[] y) { return 0.5 * sumOfSquares(out, y); }
        @Override void exampleGradient(double[] out, double[] y, double[] g) {
            for (int j = 0; j < out.length; j++) { g[j] = out[j] - y[j]; }
        }
        /** ∇²ℓ = I. */
        @Override void exampleHessianVector(double[] out, double[] y, double[] r, double[] h) {
            System.arraycopy(r, 0, h, 0, r.length);
        }
    },

    /** ℓ = Σ_j (ŷ_j − y_j)²; ∂ℓ/∂ŷ_j = 2(ŷ_j − y_j). */
    SUM_OF_SQUARES("sse") {
        @Override double example(double[] out, double[] y) { return sumOfSquares(out, y); }
        @Override void exampleGradient(double[] out, double[] y, double[] g) {
            for (int j = 0; j < out.length; j++) { g[j] = 2 * (out[j] - y[j]); }
        }
        /** ∇²ℓ = 2 I. */
        @Override void exampleHessianVector(double[] out, double[] y, double[] r, double[] h) {
            for (int j = 0; j < out.length; j++) { h[j] = 2 * r[j]; }
        }
    },

    /**
     * Binary cross-entropy on probabilities p = ŷ ∈ (0, 1), summed over units:
     * ℓ = −Σ_j [y_j log p_j + (1 − y_j) log(1 − p_j)]; ∂ℓ/∂p_j = (p_j − y_j) / (p_j (1 − p_j)).
     */
    BINARY_CROSS_ENTROPY("bce") {
        @Override double example(double[] p, double[] y) {
            double sum = 0;
            for (int j = 0; j < p.length; j++) { sum -= y[j] * Math.log(p[j]) + (1 - y[j]) * Math.log1p(-p[j]); }
            return sum;
        }
        @Override void exampleGradient(double[] p, double[] y, double[] g) {
            for (int j = 0; j < p.length; j++) { g[j] = (p[j] - y[j]) / (p[j] * (1 - p[j])); }
        }
        /**
         * ∂²ℓ/∂p_j² = y_j / p_j² + (1 − y_j) / (1 − p_j)², diagonal: two positive terms, where the equal
         * (p_j² − 2 p_j y_j + y_j) / (p_j (1 − p_j))² cancels to nothing for y = 1 and p near 1 (a saturated output:
         * SecondOrderProperties found the product 50 times off).
         */
        @Override void exampleHessianVector(double[] p, double[] y, double[] r, double[] h) {
            for (int j = 0; j < p.length; j++) {
                double q = 1 - p[j];
                h[j] = r[j] * ((y[j] == 0 ? 0 : y[j] / (p[j] * p[j])) + (y[j] == 1 ? 0 : (1 - y[j]) / (q * q)));
            }
        }
    },

    /**
     * Binary cross-entropy fused with a sigmoid, on logits z: ℓ = Σ_j [max(z_j, 0) − z_j y_j + log(1 + e^−|z_j|)];
     * ∂ℓ/∂z_j = σ(z_j) − y_j.
     */
    SIGMOID_BINARY_CROSS_ENTROPY("sigmoid_bce") {
        @Override double example(double[] z, double[] y) {
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                sum += Math.max(z[j], 0) - z[j] * y[j] + Math.log1p(Math.exp(-Math.abs(z[j])));
            }
            return sum;
        }
        /** σ(z) − y written as (1 − y)σ(z) − yσ(−z), so that a saturated σ(z) = 1.0 does not cancel it to 0. */
        @Override void exampleGradient(double[] z, double[] y, double[] g) {
            for (int j = 0; j < z.length; j++) {
                g[j] = (1 - y[j]) * StandardActivation.sigmoid(z[j]) - y[j] * StandardActivation.sigmoid(-z[j]);
            }
        }
        /** ∂²ℓ/∂z_j² = σ(z_j) σ(−z_j), diagonal. */
        @Override void exampleHessianVector(double[] z, double[] y, double[] r, double[] h) {
            for (int j = 0; j < z.length; j++) {
                h[j] = r[j] * StandardActivation.sigmoid(z[j]) * StandardActivation.sigmoid(-z[j]);
            }
        }
    },

    /**
     * Softmax cross-entropy fused, on logits z: ℓ = −Σ_j y_j log softmax(z)_j = (Σ_j y_j) · logsumexp(z) − Σ_j y_j z_j;
     * ∂ℓ/∂z_j = p_j · Σ_i y_i − y_j, which is the familiar p − y only when the targets sum to 1.
     */
    SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy") {
        /** logsumexp(z) − z_j = (max − z_j) + log1p(Σ_{k ≠ argmax} e^(z_k − max)): no log(1 + tiny) = 0. */
        @Override double example(double[] z, double[] y) {
            int top = argmax(z);
            double rest = 0;
            for (int k = 0; k < z.length; k++) { rest += k == top ? 0 : Math.exp(z[k] - z[top]); }
            double sum = 0;
            for (int j = 0; j < z.length; j++) { sum += y[j] * ((z[top] - z[j]) + Math.log1p(rest)); }
            return sum;
        }
        /** p_j · Σy − y_j written as p_j (Σy − y_j) − y_j (1 − p_j), with 1 − p_j = Σ_{k ≠ j} p_k summed directly. */
        @Override void exampleGradient(double[] z, double[] y, double[] g) {
            double max = z[argmax(z)];
            int k = z.length;
            double[] e = new double[k];
            double[] before = new double[k + 1];
            for (int j = 0; j < k; j++) { e[j] = Math.exp(z[j] - max); before[j + 1] = before[j] + e[j]; }
            double after = 0;
            double targetMass = Arrays.stream(y).sum();
            for (int j = k - 1; j >= 0; j--) {
                double total = before[k];
                double others = before[j] + after;
                g[j] = e[j] / total * (targetMass - y[j]) - y[j] * (others / total);
                after += e[j];
            }
        }
        /**
         * ∇²ℓ · r = (Σy) · p ⊙ (r − p·r): the softmax Jacobian times the targets' mass, with r_j − p·r summed as
         * Σ_k p_k (r_j − r_k) ({@link Softmax#centered}): for a confident p the difference cancels all but 1e-13 of r.
         */
        @Override void exampleHessianVector(double[] z, double[] y, double[] r, double[] h) {
            double[] p = Softmax.of(z);
            double targetMass = Arrays.stream(y).sum();
            for (int j = 0; j < z.length; j++) { h[j] = targetMass * p[j] * Softmax.centered(p, r, j); }
        }
    },

    /**
     * Cross-entropy on probabilities p (from a {@link Softmax} layer): ℓ = −Σ_j y_j log p_j; ∂ℓ/∂p_j = −y_j / p_j.
     * The softmax layer's backward then applies its Jacobian diag(p) − ppᵀ explicitly.
     */
    CROSS_ENTROPY("cross_entropy") {
        @Override double example(double[] p, double[] y) {
            double sum = 0;
            for (int j = 0; j < p.length; j++) { sum -= y[j] == 0 ? 0 : y[j] * Math.log(p[j]); }
            return sum;
        }
        @Override void exampleGradient(double[] p, double[] y, double[] g) {
            for (int j = 0; j < p.length; j++) { g[j] = y[j] == 0 ? 0 : -y[j] / p[j]; }
        }
        /** ∂²ℓ/∂p_j² = y_j / p_j², diagonal. */
        @Override void exampleHessianVector(double[] p, double[] y, double[] r, double[] h) {
            for (int j = 0; j < p.length; j++) { h[j] = y[j] == 0 ? 0 : r[j] * y[j] / (p[j] * p[j]); }
        }
    };

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /** ℓ for one example. */
    abstract double example(double[] output, double[] target);

    /** ∂ℓ/∂output for one example, written into {@code gradient}. */
    abstract void exampleGradient(double[] output, double[] target, double[] gradient);

    /** ∇²ℓ · r for one example (the Hessian with respect to the output, times r), written into {@code result}. */
    abstract void exampleHessianVector(double[] output, double[] target, double[] r, double[] result);

    /** Row n = w · ∇²ℓ(ŷ_n) · R_n: the loss gradient's derivative along R (output-shaped). Inputs are not modified. */
    DMatrixRMaj hessianVector(DMatrixRMaj output, DMatrixRMaj targets, DMatrixRMaj r, Reduction reduction) {
        int k = output.numCols;
        double w = reduction.weight(output.numRows);
        DMatrixRMaj result = new DMatrixRMaj(output.numRows, k);
        double[] out = new double[k];
        double[] y = new double[k];
        double[] rr = new double[k];
        double[] h = new double[k];
        for (int n = 0; n < output.numRows; n++) {
            System.arraycopy(output.data, n * k, out, 0, k);
            System.arraycopy(targets.data, n * k, y, 0, k);
            System.arraycopy(r.data, n * k, rr, 0, k);
            exampleHessianVector(out, y, rr, h);
            for (int j = 0; j < k; j++) {
                result.data[n * k + j] = w * h[j];
            }
        }
        return result;
    }

    /** The name used in descriptions and JSON, e.g. {@code bce}. */
    public String id() {
        return id;
    }

    /**
     * Whether the loss is a function of the residual ŷ − y (the squared errors): only then does rounding ŷ − y cost
     * ε · |y| as well as ε · |ŷ|. The cross-entropies take their targets as exact weights.
     */
    public boolean takesResiduals() {
        return this == MSE || this == HALF_SUM_OF_SQUARES || this == SUM_OF_SQUARES;
    }

    /** Whether the loss takes logits (the network's last activation must be identity). */
    public boolean takesLogits() {
        return this == SIGMOID_BINARY_CROSS_ENTROPY || this == SOFTMAX_CROSS_ENTROPY;
    }

    /**
     * Why this loss cannot follow {@code lastActivation}, or null if it can: fused losses take logits (identity),
     * cross-entropy takes softmax probabilities, binary cross-entropy takes probabilities from sigmoid or erf_logistic.
     */
    public String pairingProblem(Activation lastActivation) {
        if (takesLogits() && lastActivation != StandardActivation.IDENTITY) {
            return "loss " + id + " takes logits: the last activation must be identity, got " + lastActivation.id();
        }
        if (this == CROSS_ENTROPY && lastActivation != Softmax.INSTANCE) {
            return "loss cross_entropy takes softmax probabilities: the last activation must be softmax, got "
                    + lastActivation.id();
        }
        if (this == BINARY_CROSS_ENTROPY && lastActivation != StandardActivation.SIGMOID
                && lastActivation != StandardActivation.ERF_LOGISTIC) {
            return "loss bce takes probabilities in (0, 1): the last activation must be sigmoid or erf_logistic, got "
                    + lastActivation.id();
        }
        return null;
    }

    /** L = Σ_n w · ℓ(ŷ_n, y_n), w = 1/m for MEAN and 1 for SUM. Inputs are not modified. */
    public double value(DMatrixRMaj output, DMatrixRMaj targets, Reduction reduction) {
        requireSameShape(output, targets);
        int k = output.numCols;
        double[] out = new double[k];
        double[] y = new double[k];
        double total = 0;
        for (int n = 0; n < output.numRows; n++) {
            System.arraycopy(output.data, n * k, out, 0, k);
            System.arraycopy(targets.data, n * k, y, 0, k);
            total += example(out, y);
        }
        return total * reduction.weight(output.numRows);
    }

    /** ∂L/∂ŷ, row n = w · ∂ℓ/∂ŷ_n. Inputs are not modified. */
    public DMatrixRMaj gradient(DMatrixRMaj output, DMatrixRMaj targets, Reduction reduction) {
        requireSameShape(output, targets);
        int k = output.numCols;
        double w = reduction.weight(output.numRows);
        DMatrixRMaj gradient = new DMatrixRMaj(output.numRows, k);
        double[] out = new double[k];
        double[] y = new double[k];
        double[] g = new double[k];
        for (int n = 0; n < output.numRows; n++) {
            System.arraycopy(output.data, n * k, out, 0, k);
            System.arraycopy(targets.data, n * k, y, 0, k);
            exampleGradient(out, y, g);
            for (int j = 0; j < k; j++) {
                gradient.data[n * k + j] = w * g[j];
            }
        }
        return gradient;
    }

    /** The loss with this id (see {@link #id()}), case-insensitive. */
    public static Loss named(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Loss loss : values()) {
            if (loss.id.equals(key)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + id + "'; known: "
                + Arrays.stream(values()).map(Loss::id).collect(Collectors.joining(", ")));
    }

    private static int argmax(double[] z) {
        int top = 0;
        for (int j = 1; j < z.length; j++) {
            top = z[j] > z[top] ? j : top;
        }
        return top;
    }

    private static double sumOfSquares(double[] out, double[] y) {
        double sum = 0;
        for (int j = 0; j < out.length; j++) {
            double d = out[j] - y[j];
            sum += d * d;
        }
        return sum;
    }

    private static void requireSameShape(DMatrixRMaj output, DMatrixRMaj targets) {
        if (output.numRows != targets.numRows || output.numCols != targets.numCols) {
            throw new IllegalArgumentException("targets: expected " + Shapes.text(output)
                    + " (batch x outputs, the shape of the network output), got " + Shapes.text(targets));
        }
    }
}
