package org.gradproof.properties.readme;

// README: layer begin
import org.gradproof.check.DifferentiableLayer;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.LayerGradients;
import org.gradproof.check.ParameterBlock;
import org.gradproof.properties.contract.ContractSummary;
import org.gradproof.properties.contract.LayerContract;

import java.util.List;

/** A hand-written tanh layer y = tanh(x·Wᵀ + b) on a batch, forward and backward side by side. */
final class TanhLayer implements DifferentiableLayer {

    private final int batch;
    private final int in;
    private final int out;
    private final double[] w; // out × in, row by row
    private final double[] b;

    TanhLayer(int batch, int in, int out, double[] w, double[] b) {
        this.batch = batch;
        this.in = in;
        this.out = out;
        this.w = w;
        this.b = b;
    }

    @Override
    public List<ParameterBlock> parameters() {
        return List.of(new ParameterBlock("dense.W", w, out, in), new ParameterBlock("dense.b", b, out));
    }

    @Override
    public double[] forward(double[][] inputs) {
        double[] x = inputs[0];
        double[] y = new double[batch * out];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < out; o++) {
                double z = b[o];
                for (int i = 0; i < in; i++) {
                    z += x[n * in + i] * w[o * in + i];
                }
                y[n * out + o] = Math.tanh(z);
            }
        }
        return y;
    }

    @Override
    public LayerGradients backward(double[][] inputs, double[] upstream) {
        double[] x = inputs[0];
        double[] y = forward(inputs);
        double[] dx = new double[batch * in];
        double[] dw = new double[out * in];
        double[] db = new double[out];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < out; o++) {
                double dz = upstream[n * out + o] * (1 - y[n * out + o] * y[n * out + o]); // tanh' = 1 − y²
                db[o] += dz;
                for (int i = 0; i < in; i++) {
                    dw[o * in + i] += dz * x[n * in + i];
                    dx[n * in + i] += dz * w[o * in + i];
                }
            }
        }
        return new LayerGradients(new double[][] {dx}, new double[][] {dw, db});
    }

    /** One layer at its own weights, along three random upstream gradients; then its whole Jacobian, entry by entry. */
    static List<GradientReport> check(TanhLayer layer, double[] x) {
        List<ParameterBlock> input = List.of(new ParameterBlock("x", x, layer.batch, layer.in));
        return List.of(GradientCheck.layer(layer, input.get(0)),
                GradientCheck.layerJacobian(layer, input, org.gradproof.check.CheckOptions.defaults()));
    }

    /**
     * The layer kit: random widths, batches, weights and inputs. It compares a forward pass with the reference dense
     * layer's, Z = X·Wᵀ + b; this one fuses tanh into it, so only its gradients are compared, with its own forward pass.
     */
    static ContractSummary contract() {
        return LayerContract.dense(c -> new TanhLayer(c.batch(), c.inputs(), c.outputs(), c.parameter("dense.W"),
                c.parameter("dense.b"))).compareLossWithReference(false).verify();
    }
}
// README: layer end
