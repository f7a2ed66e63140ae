package org.gradproof.properties.contract;

import org.gradproof.nn.Loss;

/**
 * A stacked LSTM someone wrote by hand, independently of the reference: plain loops over one sequence at a time, its
 * own backpropagation through time, and the gradients of its inputs and initial state as well as its weights.
 */
public class MyRecurrentNetwork implements RecurrentGradientContract.InputGradients {

    private static final int I = 0;
    private static final int F = 1;
    private static final int G = 2;
    private static final int O = 3;

    private final boolean carryHidden;
    private final double lossScale;

    public MyRecurrentNetwork() {
        this(true, 1);
    }

    /**
     * Planted bugs: {@code carryHidden = false} drops dL/dh_t carried back from step t + 1 (only dL/dc_t is carried),
     * which is exact at T = 1 and wrong from T = 2; {@code lossScale} ≠ 1 scales the loss but not its gradients.
     */
    MyRecurrentNetwork(boolean carryHidden, double lossScale) {
        this.carryHidden = carryHidden;
        this.lossScale = lossScale;
    }

    /** What one sequence's forward pass keeps: per layer, its inputs, h_0…h_T, c_0…c_T and the gates per step. */
    private record Trace(double[][][] in, double[][][] h, double[][][] c, double[][][][] gates, double[][] top) {
    }

    @Override
    public double loss(RecurrentContractCase c) {
        double[][][] x = c.inputs();
        double[][][][] s = c.initialState();
        double total = 0;
        for (int n = 0; n < c.batchSize(); n++) {
            Trace tr = forward(c, x, s, n);
            for (int t = 0; t < c.steps(); t++) {
                if (c.headReads(t)) {
                    total += rowLoss(c, head(c, tr.top()[t + 1]), c.targets(t)[n]);
                }
            }
        }
        return lossScale * total / c.lossRows();
    }

    @Override
    public double[][] gradients(RecurrentContractCase c) {
        return backward(c).weights;
    }

    @Override
    public double[][][] inputGradients(RecurrentContractCase c) {
        return backward(c).inputs;
    }

    @Override
    public double[][][][] initialStateGradients(RecurrentContractCase c) {
        return backward(c).state;
    }

    private record Gradients(double[][] weights, double[][][] inputs, double[][][][] state) {
    }

    private Gradients backward(RecurrentContractCase c) {
        int layers = c.layers();
        int cells = c.cells();
        int steps = c.steps();
        double[][] grads = new double[12 * layers + 2][];
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < 4; q++) {
                grads[12 * l + q] = new double[cells * c.inputWidth(l)];
                grads[12 * l + 4 + q] = new double[cells * cells];
                grads[12 * l + 8 + q] = new double[cells];
            }
        }
        grads[12 * layers] = new double[c.outputs() * cells];
        grads[12 * layers + 1] = new double[c.outputs()];
        double[][][] dx = new double[steps][c.batchSize()][];
        double[][][][] dState = new double[layers][2][c.batchSize()][];
        double[][][] x = c.inputs();
        double[][][][] s = c.initialState();
        double[] v = c.headWeights();
        for (int n = 0; n < c.batchSize(); n++) {
            Trace tr = forward(c, x, s, n);
            double[][] dAbove = new double[steps][cells];
            for (int t = 0; t < steps; t++) {
                if (!c.headReads(t)) {
                    continue;
                }
                double[] h = tr.top()[t + 1];
                double[] dy = rowLossGradient(c, head(c, h), c.targets(t)[n]);
                for (int k = 0; k < dy.length; k++) {
                    dy[k] /= c.lossRows();
                    grads[12 * layers + 1][k] += dy[k];
                    for (int j = 0; j < cells; j++) {
                        grads[12 * layers][k * cells + j] += dy[k] * h[j];
                        dAbove[t][j] += dy[k] * v[k * cells + j];
                    }
                }
            }
            for (int l = layers - 1; l >= 0; l--) {
                int in = c.inputWidth(l);
                double[][] dIn = new double[steps][in];
                double[] dhNext = new double[cells];
                double[] dcNext = new double[cells];
                for (int t = steps - 1; t >= 0; t--) {
                    double[] a0 = tr.gates()[l][t][I];
                    double[] f = tr.gates()[l][t][F];
                    double[] g = tr.gates()[l][t][G];
                    double[] o = tr.gates()[l][t][O];
                    double[][] dz = new double[4][cells];
                    double[] dc = new double[cells];
                    for (int k = 0; k < cells; k++) {
                        double dh = dAbove[t][k] + (carryHidden ? dhNext[k] : 0);
                        double tanhC = Math.tanh(tr.c()[l][t + 1][k]);
                        dz[O][k] = dh * tanhC * o[k] * (1 - o[k]);
                        dc[k] = dh * o[k] * (1 - tanhC * tanhC) + dcNext[k];
                        dz[I][k] = dc[k] * g[k] * a0[k] * (1 - a0[k]);
                        dz[G][k] = dc[k] * a0[k] * (1 - g[k] * g[k]);
                        dz[F][k] = dc[k] * tr.c()[l][t][k] * f[k] * (1 - f[k]);
                    }
                    double[] hPrev = tr.h()[l][t];
                    double[] input = tr.in()[l][t];
                    double[] dhPrev = new double[cells];
                    for (int q = 0; q < 4; q++) {
                        double[] w = c.inputWeights(l, q);
                        double[] u = c.recurrentWeights(l, q);
                        for (int k = 0; k < cells; k++) {
                            grads[12 * l + 8 + q][k] += dz[q][k];
                            for (int j = 0; j < in; j++) {
                                grads[12 * l + q][k * in + j] += dz[q][k] * input[j];
                                dIn[t][j] += dz[q][k] * w[k * in + j];
                            }
                            for (int j = 0; j < cells; j++) {
                                grads[12 * l + 4 + q][k * cells + j] += dz[q][k] * hPrev[j];
                                dhPrev[j] += dz[q][k] * u[k * cells + j];
                            }
                        }
                    }
                    for (int k = 0; k < cells; k++) {
                        dcNext[k] = dc[k] * f[k];
                    }
                    dhNext = dhPrev;
                }
                dState[l][0][n] = dhNext;
                dState[l][1][n] = dcNext;
                dAbove = dIn;
            }
            for (int t = 0; t < steps; t++) {
                dx[t][n] = dAbove[t];
            }
        }
        return new Gradients(grads, dx, dState);
    }

    /** Sequence n through every layer: z_q = W_q·x + U_q·h + b_q, c = f⊙c + i⊙g, h = o⊙tanh(c). */
    private static Trace forward(RecurrentContractCase c, double[][][] x, double[][][][] s, int n) {
        int layers = c.layers();
        int cells = c.cells();
        int steps = c.steps();
        double[][][] in = new double[layers][steps][];
        double[][][] h = new double[layers][steps + 1][];
        double[][][] cs = new double[layers][steps + 1][];
        double[][][][] gates = new double[layers][steps][4][cells];
        for (int t = 0; t < steps; t++) {
            in[0][t] = x[t][n];
        }
        for (int l = 0; l < layers; l++) {
            int width = c.inputWidth(l);
            h[l][0] = s[l][0][n];
            cs[l][0] = s[l][1][n];
            for (int t = 0; t < steps; t++) {
                for (int q = 0; q < 4; q++) {
                    double[] w = c.inputWeights(l, q);
                    double[] u = c.recurrentWeights(l, q);
                    double[] b = c.bias(l, q);
                    for (int k = 0; k < cells; k++) {
                        double z = b[k];
                        for (int j = 0; j < width; j++) {
                            z += w[k * width + j] * in[l][t][j];
                        }
                        for (int j = 0; j < cells; j++) {
                            z += u[k * cells + j] * h[l][t][j];
                        }
                        gates[l][t][q][k] = q == G ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
                    }
                }
                h[l][t + 1] = new double[cells];
                cs[l][t + 1] = new double[cells];
                for (int k = 0; k < cells; k++) {
                    double[][] a = gates[l][t];
                    cs[l][t + 1][k] = a[F][k] * cs[l][t][k] + a[I][k] * a[G][k];
                    h[l][t + 1][k] = a[O][k] * Math.tanh(cs[l][t + 1][k]);
                }
                if (l + 1 < layers) {
                    in[l + 1][t] = h[l][t + 1];
                }
            }
        }
        return new Trace(in, h, cs, gates, h[layers - 1]);
    }

    /** ŷ = V·h + v. */
    private static double[] head(RecurrentContractCase c, double[] h) {
        double[] v = c.headWeights();
        double[] y = c.headBias().clone();
        for (int k = 0; k < y.length; k++) {
            for (int j = 0; j < h.length; j++) {
                y[k] += v[k * h.length + j] * h[j];
            }
        }
        return y;
    }

    /** MSE: (1/K) Σ (ŷ − y)²; softmax cross-entropy: log Σ e^ŷ − Σ y·ŷ (max subtracted first). */
    private static double rowLoss(RecurrentContractCase c, double[] out, double[] y) {
        double sum = 0;
        if (c.loss() == Loss.MSE) {
            for (int j = 0; j < out.length; j++) {
                sum += (out[j] - y[j]) * (out[j] - y[j]) / out.length;
            }
            return sum;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double o : out) {
            max = Math.max(max, o);
        }
        double exp = 0;
        for (double o : out) {
            exp += Math.exp(o - max);
        }
        for (int j = 0; j < out.length; j++) {
            sum += y[j] * (max + Math.log(exp) - out[j]);
        }
        return sum;
    }

    /** MSE: 2(ŷ − y)/K; softmax cross-entropy with one-hot y: softmax(ŷ) − y. */
    private static double[] rowLossGradient(RecurrentContractCase c, double[] out, double[] y) {
        double[] g = new double[out.length];
        if (c.loss() == Loss.MSE) {
            for (int j = 0; j < out.length; j++) {
                g[j] = 2 * (out[j] - y[j]) / out.length;
            }
            return g;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double o : out) {
            max = Math.max(max, o);
        }
        double exp = 0;
        for (double o : out) {
            exp += Math.exp(o - max);
        }
        for (int j = 0; j < out.length; j++) {
            g[j] = Math.exp(out[j] - max) / exp - y[j];
        }
        return g;
    }
}
