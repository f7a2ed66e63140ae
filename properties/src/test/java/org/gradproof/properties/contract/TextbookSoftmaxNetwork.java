package org.gradproof.properties.contract;

/**
 * Softmax cross-entropy as textbooks write it: tanh hidden layers, logits z, ℓ = max + log Σ_k e^(z_k − max) − Σ_j y_j z_j
 * and ∂ℓ/∂z = p − y. Correct, but when the prediction is confident ℓ is a small difference of numbers as large as the
 * logits, so it rounds at ε·|z|, not at ε·ℓ. Optionally says so through {@link #noiseScale(ContractCase)}.
 */
final class TextbookSoftmaxNetwork implements GradientContract.Subject {

    private final boolean reportsNoise;

    TextbookSoftmaxNetwork(boolean reportsNoise) {
        this.reportsNoise = reportsNoise;
    }

    @Override
    public double loss(ContractCase c) {
        double[][] y = c.targets();
        double total = 0;
        double[][] x = c.inputs();
        for (int n = 0; n < x.length; n++) {
            double[] z = forward(c, x[n])[c.depth()];
            double max = max(z);
            double sum = 0;
            for (double zk : z) {
                sum += Math.exp(zk - max);
            }
            total += max + Math.log(sum) - dot(y[n], z);
        }
        return total * c.reduction().weight(x.length);
    }

    @Override
    public double[][] gradients(ContractCase c) {
        double[][] x = c.inputs();
        double[][] y = c.targets();
        double w = c.reduction().weight(x.length);
        double[][] grads = new double[2 * c.depth()][];
        for (int l = 0; l < c.depth(); l++) {
            grads[2 * l] = new double[c.width(l) * c.inputWidth(l)];
            grads[2 * l + 1] = new double[c.width(l)];
        }
        for (int n = 0; n < x.length; n++) {
            double[][] a = forward(c, x[n]);
            double[] z = a[c.depth()];
            double max = max(z);
            double sum = 0;
            for (double zk : z) {
                sum += Math.exp(zk - max);
            }
            double[] delta = new double[z.length];
            for (int j = 0; j < z.length; j++) {
                delta[j] = (Math.exp(z[j] - max) / sum - y[n][j]) * w;
            }
            for (int l = c.depth() - 1; l >= 0; l--) {
                double[] weights = c.weights(l);
                int in = c.inputWidth(l);
                double[] below = new double[in];
                for (int i = 0; i < delta.length; i++) {
                    grads[2 * l + 1][i] += delta[i];
                    for (int j = 0; j < in; j++) {
                        grads[2 * l][i * in + j] += delta[i] * a[l][j];
                        below[j] += weights[i * in + j] * delta[i];
                    }
                }
                for (int j = 0; l > 0 && j < in; j++) {
                    below[j] *= 1 - a[l][j] * a[l][j]; // tanh'(z) = 1 − tanh²(z)
                }
                delta = below;
            }
        }
        return grads;
    }

    /** S = w · Σ_n (|max_n| + |Σ_j y_j z_j| + log Σ_k e^(z_k − max)): the sizes the loss's last sums round at. */
    @Override
    public double noiseScale(ContractCase c) {
        if (!reportsNoise) {
            return 0;
        }
        double[][] x = c.inputs();
        double[][] y = c.targets();
        double total = 0;
        for (int n = 0; n < x.length; n++) {
            double[] z = forward(c, x[n])[c.depth()];
            double max = max(z);
            double sum = 0;
            for (double zk : z) {
                sum += Math.exp(zk - max);
            }
            total += Math.abs(max) + Math.abs(dot(y[n], z)) + Math.log(sum);
        }
        return total * c.reduction().weight(x.length);
    }

    /** a[0] = x, a[l + 1] = tanh(W_l a[l] + b_l) for hidden layers, the logits for the last. */
    private static double[][] forward(ContractCase c, double[] x) {
        double[][] a = new double[c.depth() + 1][];
        a[0] = x;
        for (int l = 0; l < c.depth(); l++) {
            double[] w = c.weights(l);
            double[] b = c.bias(l);
            int in = c.inputWidth(l);
            a[l + 1] = new double[c.width(l)];
            for (int i = 0; i < c.width(l); i++) {
                double z = b[i];
                for (int j = 0; j < in; j++) {
                    z += w[i * in + j] * a[l][j];
                }
                a[l + 1][i] = l == c.depth() - 1 ? z : Math.tanh(z);
            }
        }
        return a;
    }

    private static double max(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
