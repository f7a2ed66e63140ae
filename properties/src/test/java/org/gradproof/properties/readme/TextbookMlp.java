package org.gradproof.properties.readme;

/**
 * A network as people write it by hand, knowing nothing of gradproof: weights as {@code double[][]} per layer
 * ({@code w[l][i][j]}: layer l, unit i, input j), tanh or sigmoid hidden layers, a linear output layer, and softmax
 * cross-entropy averaged over the batch, with textbook backprop. The README's examples gate it.
 */
public final class TextbookMlp {

    /** A bug a test can plant in {@link #gradients}: what the user planted in theirs. */
    enum Bug {
        NONE,
        /** tanh′ evaluated on the activation a = tanh(z) instead of on z: 1 − tanh²(a). */
        TANH_DERIVATIVE_OF_A,
        /** The hidden layers' db = δ assigned for each example in turn instead of summed. */
        HIDDEN_BIAS_ASSIGNED
    }

    final double[][][] w;
    final double[][] b;
    final String[] hidden;
    private final Bug bug;

    /** @param hidden the hidden layers' activations, "tanh" or "sigmoid"; the last layer is linear */
    public TextbookMlp(double[][][] w, double[][] b, String... hidden) {
        this(Bug.NONE, w, b, hidden);
    }

    TextbookMlp(Bug bug, double[][][] w, double[][] b, String... hidden) {
        this.w = w;
        this.b = b;
        this.hidden = hidden;
        this.bug = bug;
    }

    /** The gradients of the loss: dw[l][i][j] and db[l][i]. */
    public record Gradients(double[][][] dw, double[][] db) {
    }

    /** L = (1/m) Σ_n [log Σ_k e^(z_k) − Σ_j y_j z_j], the log-sum-exp taken with the largest logit subtracted. */
    public double loss(double[][] x, double[][] y) {
        double total = 0;
        for (int n = 0; n < x.length; n++) {
            double[] z = forward(x[n])[w.length];
            double logSumExp = logSumExp(z);
            for (int j = 0; j < z.length; j++) {
                total += y[n][j] * (logSumExp - z[j]);
            }
        }
        return total / x.length;
    }

    /** Backprop: δ = (p − y)/m at the output, δ ← (Wᵀδ) ⊙ φ'(z) below; dW = δ aᵀ and db = δ, summed over examples. */
    public Gradients gradients(double[][] x, double[][] y) {
        int layers = w.length;
        double[][][] dw = new double[layers][][];
        double[][] db = new double[layers][];
        for (int l = 0; l < layers; l++) {
            dw[l] = new double[w[l].length][w[l][0].length];
            db[l] = new double[w[l].length];
        }
        for (int n = 0; n < x.length; n++) {
            double[][] a = forward(x[n]);
            double[] z = a[layers];
            double logSumExp = logSumExp(z);
            double[] delta = new double[z.length];
            for (int j = 0; j < z.length; j++) {
                delta[j] = (Math.exp(z[j] - logSumExp) - y[n][j]) / x.length;     // p − y, averaged
            }
            for (int l = layers - 1; l >= 0; l--) {
                double[] below = new double[a[l].length];
                boolean assigned = bug == Bug.HIDDEN_BIAS_ASSIGNED && l < layers - 1;
                for (int i = 0; i < delta.length; i++) {
                    db[l][i] = (assigned ? 0 : db[l][i]) + delta[i];
                    for (int j = 0; j < a[l].length; j++) {
                        dw[l][i][j] += delta[i] * a[l][j];
                        below[j] += w[l][i][j] * delta[i];
                    }
                }
                for (int j = 0; l > 0 && j < below.length; j++) {
                    boolean tanh = hidden[l - 1].equals("tanh");
                    double act = tanh && bug == Bug.TANH_DERIVATIVE_OF_A ? Math.tanh(a[l][j]) : a[l][j];
                    below[j] *= tanh ? 1 - act * act : act * (1 - act);
                }
                delta = below;
            }
        }
        return new Gradients(dw, db);
    }

    /** The logits z for one example. */
    public double[] logits(double[] x) {
        return forward(x)[w.length];
    }

    /** log Σ_k e^(z_k), as max + log Σ_k e^(z_k − max) so that no exponential overflows. */
    private static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double zk : z) {
            max = Math.max(max, zk);
        }
        double sum = 0;
        for (double zk : z) {
            sum += Math.exp(zk - max);
        }
        return max + Math.log(sum);
    }

    /** a[0] = x; a[l + 1] = φ(W_l a[l] + b_l), φ linear for the last layer. */
    private double[][] forward(double[] x) {
        double[][] a = new double[w.length + 1][];
        a[0] = x;
        for (int l = 0; l < w.length; l++) {
            a[l + 1] = new double[w[l].length];
            for (int i = 0; i < w[l].length; i++) {
                double z = b[l][i];
                for (int j = 0; j < a[l].length; j++) {
                    z += w[l][i][j] * a[l][j];
                }
                a[l + 1][i] = l == w.length - 1 ? z : hidden[l].equals("tanh") ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
            }
        }
        return a;
    }
}
