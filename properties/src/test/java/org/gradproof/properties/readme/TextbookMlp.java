package org.gradproof.properties.readme;

/**
 * A network as people write it by hand, knowing nothing of gradproof: weights as {@code double[][]} per layer
 * ({@code w[l][i][j]}: layer l, unit i, input j), tanh or sigmoid hidden layers, a linear output layer, and softmax
 * cross-entropy averaged over the batch, with textbook backprop. The README's examples gate it. Other textbook
 * formulations of the loss ({@link Formulation}) and planted bugs ({@link Bug}) are there for the properties.
 */
public final class TextbookMlp {

    /** How the loss and the output delta are written: three ways found in textbooks, all averaged over the batch. */
    public enum Formulation {
        /** Softmax cross-entropy as (max + log Σ e^(z − max)) − z_y; gradient p − y. The default. */
        LOG_SUM_EXP,
        /** Softmax cross-entropy as −log p_y with p = softmax(z) (shifted by max z in the softmax only); p − y. */
        NAIVE_SOFTMAX,
        /** Sigmoid BCE −[y log σ(z) + (1 − y) log(1 − σ(z))] summed over the output units; σ(z) − y. */
        NAIVE_SIGMOID_BCE
    }

    /** A bug a test can plant in {@link #gradients}: what the user planted in theirs. */
    public enum Bug {
        NONE,
        /** tanh′ evaluated on the activation a = tanh(z) instead of on z: 1 − tanh²(a). */
        TANH_DERIVATIVE_OF_A,
        /** The hidden layers' db = δ assigned for each example in turn instead of summed. */
        HIDDEN_BIAS_ASSIGNED,
        /** The output layer's dW and db not divided by the batch size m (the layers below are). */
        OUTPUT_NOT_AVERAGED,
        /** The first hidden layer's φ′ evaluated on a = φ(z) instead of z: 1 − tanh²(a), or σ(a)(1 − σ(a)). */
        FIRST_HIDDEN_DERIVATIVE_OF_A,
        /** Every gradient negated (the update written as θ += η ∇ and the gradient flipped to match). */
        NEGATED
    }

    final double[][][] w;
    final double[][] b;
    final String[] hidden;
    private final Bug bug;
    private final Formulation formulation;

    /** @param hidden the hidden layers' activations, "tanh" or "sigmoid"; the last layer is linear */
    public TextbookMlp(double[][][] w, double[][] b, String... hidden) {
        this(Bug.NONE, w, b, hidden);
    }

    TextbookMlp(Bug bug, double[][][] w, double[][] b, String... hidden) {
        this(Formulation.LOG_SUM_EXP, bug, w, b, hidden);
    }

    public TextbookMlp(Formulation formulation, Bug bug, double[][][] w, double[][] b, String... hidden) {
        this.formulation = formulation;
        this.w = w;
        this.b = b;
        this.hidden = hidden;
        this.bug = bug;
    }

    /** The gradients of the loss: dw[l][i][j] and db[l][i]. */
    public record Gradients(double[][][] dw, double[][] db) {
    }

    /**
     * L = (1/m) Σ_n [log Σ_k e^(z_k) − Σ_j y_j z_j], the log-sum-exp taken with the largest logit subtracted (or the
     * other {@link Formulation}s; infinite where a naive one takes the log of 0).
     */
    public double loss(double[][] x, double[][] y) {
        double total = 0;
        for (int n = 0; n < x.length; n++) {
            double[] z = forward(x[n])[w.length];
            if (formulation != Formulation.LOG_SUM_EXP) {
                double[] p = probabilities(z);
                for (int j = 0; j < z.length; j++) {                // terms weighted 0 left out (0 · log 0)
                    total -= (y[n][j] == 0 ? 0 : y[n][j] * Math.log(p[j]))
                            + (formulation == Formulation.NAIVE_SOFTMAX || y[n][j] == 1 ? 0
                            : (1 - y[n][j]) * Math.log(1 - p[j]));
                }
                continue;
            }
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
            double[] p = formulation == Formulation.LOG_SUM_EXP ? null : probabilities(z);
            double[] delta = new double[z.length];
            for (int j = 0; j < z.length; j++) {
                delta[j] = ((p == null ? Math.exp(z[j] - logSumExp) : p[j]) - y[n][j]) / x.length; // p − y, averaged
            }
            for (int l = layers - 1; l >= 0; l--) {
                double[] below = new double[a[l].length];
                boolean assigned = bug == Bug.HIDDEN_BIAS_ASSIGNED && l < layers - 1;
                double times = bug == Bug.OUTPUT_NOT_AVERAGED && l == layers - 1 ? x.length : 1;
                for (int i = 0; i < delta.length; i++) {
                    double d = delta[i] * times;
                    db[l][i] = (assigned ? 0 : db[l][i]) + d;
                    for (int j = 0; j < a[l].length; j++) {
                        dw[l][i][j] += d * a[l][j];
                        below[j] += w[l][i][j] * delta[i];
                    }
                }
                for (int j = 0; l > 0 && j < below.length; j++) {
                    boolean tanh = hidden[l - 1].equals("tanh");
                    boolean ofA = tanh && bug == Bug.TANH_DERIVATIVE_OF_A
                            || l == 1 && bug == Bug.FIRST_HIDDEN_DERIVATIVE_OF_A;
                    double act = !ofA ? a[l][j] : tanh ? Math.tanh(a[l][j]) : 1 / (1 + Math.exp(-a[l][j]));
                    below[j] *= tanh ? 1 - act * act : act * (1 - act);
                }
                delta = below;
            }
        }
        if (bug == Bug.NEGATED) {
            for (int l = 0; l < layers; l++) {
                for (double[] row : dw[l]) {
                    java.util.Arrays.setAll(row, j -> -row[j]);
                }
                double[] bl = db[l];
                java.util.Arrays.setAll(bl, i -> -bl[i]);
            }
        }
        return new Gradients(dw, db);
    }

    /** softmax(z), shifted by max z, for the naive softmax; σ(z) = 1/(1 + e^(−z)) unit by unit for the sigmoid BCE. */
    private double[] probabilities(double[] z) {
        double[] p = new double[z.length];
        if (formulation == Formulation.NAIVE_SIGMOID_BCE) {
            for (int j = 0; j < z.length; j++) {
                p[j] = 1 / (1 + Math.exp(-z[j]));
            }
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double zk : z) {
            max = Math.max(max, zk);
        }
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
