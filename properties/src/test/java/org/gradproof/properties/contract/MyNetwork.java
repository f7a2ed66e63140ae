package org.gradproof.properties.contract;

/** A network someone wrote by hand: sigmoid hidden layers, a linear output, mean squared error. */
public class MyNetwork implements GradientContract.Subject {

    /** The bug planted, if any, besides a scale. */
    private enum Planted { NONE, OUTPUT_LAYER_NOT_AVERAGED, DERIVATIVE_OF_THE_ACTIVATION, MEAN_ONLY, HIDDEN_BIAS_ASSIGNED }

    private final double gradientScale;
    private final double outputLayerScale;
    private final Planted planted;

    public MyNetwork() {
        this(1);
    }

    /** {@code gradientScale} ≠ 1 plants a bug: the gradients come out scaled. */
    MyNetwork(double gradientScale) {
        this(gradientScale, 1, Planted.NONE);
    }

    private MyNetwork(double gradientScale, double outputLayerScale, Planted planted) {
        this.gradientScale = gradientScale;
        this.outputLayerScale = outputLayerScale;
        this.planted = planted;
    }

    /** A planted bug in the output layer only: its dW and db come out multiplied by {@code k}. */
    static MyNetwork outputLayerScaledBy(double k) {
        return new MyNetwork(1, k, Planted.NONE);
    }

    /** A planted bug in the output layer only: its dW and db summed over the batch where the loss averages. */
    static MyNetwork outputLayerNotAveraged() {
        return new MyNetwork(1, 1, Planted.OUTPUT_LAYER_NOT_AVERAGED);
    }

    /** A planted bug in the hidden layers: σ' evaluated on the activation a = σ(z) rather than on z. */
    static MyNetwork sigmoidDerivativeOfTheActivation() {
        return new MyNetwork(1, 1, Planted.DERIVATIVE_OF_THE_ACTIVATION);
    }

    /** A planted bug in the hidden layers: db = δ assigned for each example in turn, so only the last one counts. */
    static MyNetwork hiddenBiasAssignedPerExample() {
        return new MyNetwork(1, 1, Planted.HIDDEN_BIAS_ASSIGNED);
    }

    /** Correct, but always averages over the batch: a network that knows only the MEAN reduction. */
    static MyNetwork meanOnly() {
        return new MyNetwork(1, 1, Planted.MEAN_ONLY);
    }

    @Override
    public double loss(ContractCase c) {
        double[][] x = c.inputs();
        double[][] y = c.targets();
        double total = 0;
        for (int n = 0; n < x.length; n++) {
            double[] out = forward(c, x[n])[c.depth()];
            for (int j = 0; j < out.length; j++) {
                total += (out[j] - y[n][j]) * (out[j] - y[n][j]) / out.length;
            }
        }
        return total * weight(c, x.length); // 1/m for MEAN, 1 for SUM
    }

    @Override
    public double[][] gradients(ContractCase c) {
        double[][] x = c.inputs();
        double[][] y = c.targets();
        double[][] grads = new double[2 * c.depth()][];
        for (int l = 0; l < c.depth(); l++) {
            grads[2 * l] = new double[c.width(l) * c.inputWidth(l)];
            grads[2 * l + 1] = new double[c.width(l)];
        }
        for (int n = 0; n < x.length; n++) {
            double[][] a = forward(c, x[n]);
            double[] out = a[c.depth()];
            double[] delta = new double[out.length];
            for (int j = 0; j < out.length; j++) {
                delta[j] = 2 * (out[j] - y[n][j]) / out.length * weight(c, x.length);
            }
            for (int l = c.depth() - 1; l >= 0; l--) {
                double[] w = c.weights(l);
                int in = c.inputWidth(l);
                double[] below = new double[in];
                boolean output = l == c.depth() - 1;
                double scale = gradientScale * (output ? outputLayerScale : 1)
                        / (output && planted == Planted.OUTPUT_LAYER_NOT_AVERAGED ? weight(c, x.length) : 1);
                boolean assigned = !output && planted == Planted.HIDDEN_BIAS_ASSIGNED;
                for (int i = 0; i < delta.length; i++) {
                    grads[2 * l + 1][i] = (assigned ? 0 : grads[2 * l + 1][i]) + scale * delta[i];
                    for (int j = 0; j < in; j++) {
                        grads[2 * l][i * in + j] += scale * delta[i] * a[l][j];
                        below[j] += w[i * in + j] * delta[i];
                    }
                }
                if (l > 0) {
                    for (int j = 0; j < in; j++) {
                        double s = planted == Planted.DERIVATIVE_OF_THE_ACTIVATION ? 1 / (1 + Math.exp(-a[l][j])) : a[l][j];
                        below[j] *= s * (1 - s); // σ'(z) = σ(z)(1 − σ(z)), from the activation
                    }
                }
                delta = below;
            }
        }
        return grads;
    }

    private double weight(ContractCase c, int m) {
        return planted == Planted.MEAN_ONLY ? 1.0 / m : c.reduction().weight(m);
    }

    /** a[0] = x, a[l + 1] = σ(W_l a[l] + b_l) for hidden layers, linear for the last. */
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
                a[l + 1][i] = l == c.depth() - 1 ? z : 1 / (1 + Math.exp(-z));
            }
        }
        return a;
    }
}
