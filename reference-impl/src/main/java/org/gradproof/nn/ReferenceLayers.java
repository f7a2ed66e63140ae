package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.DifferentiableLayer;
import org.gradproof.check.LayerGradients;
import org.gradproof.check.ParameterBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference layers as {@link DifferentiableLayer}s, so that each one's backward pass is checked on its own
 * ({@code GradientCheck.layer}): a dense layer, any activation (softmax too), a dense layer applied to every step of a
 * sequence, and one step of an LSTM layer. Inputs are batches flattened row by row (examples are rows); each factory
 * fixes the batch shape, and a wrong length is refused naming it.
 */
public final class ReferenceLayers {

    private ReferenceLayers() {
    }

    /** Z = X·Wᵀ + 1·bᵀ on a batch × in input; parameters {@code name.W}, {@code name.b}. */
    public static DifferentiableLayer dense(Dense layer, int batch) {
        return new DifferentiableLayer() {
            @Override
            public List<ParameterBlock> parameters() {
                return layer.blocks();
            }

            @Override
            public double[] forward(double[][] inputs) {
                return layer.forward(matrix("input of " + layer.name(), inputs, 0, batch, layer.inputs())).data;
            }

            @Override
            public LayerGradients backward(double[][] inputs, double[] upstream) {
                DMatrixRMaj x = matrix("input of " + layer.name(), inputs, 0, batch, layer.inputs());
                DMatrixRMaj gradW = new DMatrixRMaj(layer.outputs(), layer.inputs());
                DMatrixRMaj gradB = new DMatrixRMaj(1, layer.outputs());
                DMatrixRMaj gradX = layer.backward(x, wrap("upstream gradient", upstream, batch, layer.outputs()),
                        gradW, gradB);
                return new LayerGradients(new double[][] {gradX.data}, new double[][] {gradW.data, gradB.data});
            }

            @Override
            public String description() {
                return "dense layer " + layer.name() + " " + layer.inputs() + " -> " + layer.outputs() + ", batch "
                        + batch;
            }
        };
    }

    /** A = act(Z) on a batch × width input; no parameters. Softmax acts on each row. */
    public static DifferentiableLayer activation(Activation activation, int batch, int width) {
        return new DifferentiableLayer() {
            @Override
            public List<ParameterBlock> parameters() {
                return List.of();
            }

            @Override
            public double[] forward(double[][] inputs) {
                return activation.forward(matrix("input of " + activation.id(), inputs, 0, batch, width)).data;
            }

            @Override
            public LayerGradients backward(double[][] inputs, double[] upstream) {
                DMatrixRMaj z = matrix("input of " + activation.id(), inputs, 0, batch, width);
                DMatrixRMaj gradZ = activation.backward(z, activation.forward(z),
                        wrap("upstream gradient", upstream, batch, width));
                return new LayerGradients(new double[][] {gradZ.data}, new double[0][]);
            }

            @Override
            public String description() {
                return activation.id() + " on a batch of " + batch + " x " + width;
            }
        };
    }

    /**
     * The dense layer applied to each of {@code steps} time steps at once ({@link TimeDistributedDense#forward}); the
     * input is the steps stacked, (steps · batch) × in. The backward pass runs step by step, accumulating dW and db
     * over the steps as backpropagation through time does.
     */
    public static DifferentiableLayer timeDistributed(Dense layer, int steps, int batch) {
        return new DifferentiableLayer() {
            @Override
            public List<ParameterBlock> parameters() {
                return layer.blocks();
            }

            @Override
            public double[] forward(double[][] inputs) {
                DMatrixRMaj stacked = matrix("input of " + layer.name(), inputs, 0, steps * batch, layer.inputs());
                return SequenceBatch.stack(TimeDistributedDense.forward(layer,
                        TimeDistributedDense.split(stacked, steps))).data;
            }

            @Override
            public LayerGradients backward(double[][] inputs, double[] upstream) {
                DMatrixRMaj stacked = matrix("input of " + layer.name(), inputs, 0, steps * batch, layer.inputs());
                List<DMatrixRMaj> xs = TimeDistributedDense.split(stacked, steps);
                List<DMatrixRMaj> deltas = TimeDistributedDense.split(
                        wrap("upstream gradient", upstream, steps * batch, layer.outputs()), steps);
                DMatrixRMaj gradW = new DMatrixRMaj(layer.outputs(), layer.inputs());
                DMatrixRMaj gradB = new DMatrixRMaj(1, layer.outputs());
                List<DMatrixRMaj> gradXs = new ArrayList<>();
                for (int t = 0; t < steps; t++) {
                    gradXs.add(layer.backward(xs.get(t), deltas.get(t), gradW, gradB));
                }
                return new LayerGradients(new double[][] {SequenceBatch.stack(gradXs).data},
                        new double[][] {gradW.data, gradB.data});
            }

            @Override
            public String description() {
                return "dense layer " + layer.name() + " " + layer.inputs() + " -> " + layer.outputs() + " on each of "
                        + steps + " steps, batch " + batch;
            }
        };
    }

    /**
     * One step of an LSTM layer: inputs x_t (batch × inputs), h_{t−1} and c_{t−1} (batch × cells); output h_t and c_t
     * (batch × cells each, in that order); parameters the layer's 12 blocks.
     */
    public static DifferentiableLayer lstmCell(LstmLayer layer, int batch) {
        int cells = layer.cells();
        return new DifferentiableLayer() {
            @Override
            public List<ParameterBlock> parameters() {
                return layer.blocks();
            }

            @Override
            public double[] forward(double[][] inputs) {
                LstmLayer.Trace t = trace(inputs);
                return concat(t.hs().get(1).data, t.cs().get(1).data);
            }

            @Override
            public LayerGradients backward(double[][] inputs, double[] upstream) {
                LstmLayer.Trace t = trace(inputs);
                if (upstream.length != 2 * batch * cells) {
                    throw new IllegalArgumentException("upstream gradient of " + layer.name() + ": " + upstream.length
                            + " entries, expected " + 2 * batch * cells + " (dh and dc, each batch " + batch + " x "
                            + cells + " cells)");
                }
                DMatrixRMaj dh = DMatrixRMaj.wrap(batch, cells, java.util.Arrays.copyOfRange(upstream, 0,
                        batch * cells));
                DMatrixRMaj dc = DMatrixRMaj.wrap(batch, cells, java.util.Arrays.copyOfRange(upstream,
                        batch * cells, 2 * batch * cells));
                DMatrixRMaj[] grads = layer.zeroGradients();
                LstmLayer.Backward b = layer.backward(t, List.of(dh), new DMatrixRMaj(batch, cells), dc, grads);
                double[][] parameters = new double[grads.length][];
                for (int i = 0; i < grads.length; i++) {
                    parameters[i] = grads[i].data;
                }
                return new LayerGradients(new double[][] {b.dxs().get(0).data, b.dh0().data, b.dc0().data},
                        parameters);
            }

            private LstmLayer.Trace trace(double[][] inputs) {
                if (inputs.length != 3) {
                    throw new IllegalArgumentException("an LSTM cell takes 3 inputs (x_t, h_{t-1}, c_{t-1}), got "
                            + inputs.length);
                }
                return layer.forward(List.of(matrix("x_t of " + layer.name(), inputs, 0, batch, layer.inputs())),
                        matrix("h_{t-1} of " + layer.name(), inputs, 1, batch, cells),
                        matrix("c_{t-1} of " + layer.name(), inputs, 2, batch, cells));
            }

            @Override
            public String description() {
                return "one step of LSTM layer " + layer.name() + " " + layer.inputs() + " -> " + cells
                        + " cells, batch " + batch + " (output h_t then c_t)";
            }
        };
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Input {@code k} as a rows × cols matrix (a copy), or an error naming it and both shapes. */
    private static DMatrixRMaj matrix(String name, double[][] inputs, int k, int rows, int cols) {
        if (inputs == null || inputs.length <= k || inputs[k] == null) {
            throw new IllegalArgumentException(name + " is missing: expected input " + k + " of shape " + rows + " x "
                    + cols);
        }
        return wrap(name, inputs[k].clone(), rows, cols);
    }

    private static DMatrixRMaj wrap(String name, double[] data, int rows, int cols) {
        if (data == null || data.length != rows * cols) {
            throw new IllegalArgumentException(name + ": " + (data == null ? "null" : data.length + " entries")
                    + ", expected " + rows + " x " + cols + " = " + rows * cols);
        }
        return DMatrixRMaj.wrap(rows, cols, data);
    }
}
