package org.gradproof.nn;

import java.util.List;

/**
 * One forward and backward pass of an {@link Lstm}: the loss, dL/dθ per named block (in the network's block order,
 * {@link BlockGradients}),
 * dL/dx per time step ([seq][batch][features]), and dL/d(initial state) ([layers][2][batch][cells], h then c).
 *
 * @param loss          L
 * @param names         block names, e.g. lstm1.W_i … lstm1.b_o, head.W, head.b
 * @param blocks        the gradients, one array per block, row-major
 * @param inputs        dL/dx_t for t = 0 … T−1
 * @param initialState  dL/dh_0 and dL/dc_0 per layer
 * @param finalState    the state after the last step, to continue the sequence from
 */
public record LstmGradients(double loss, List<String> names, double[][] blocks, double[][][] inputs,
                            double[][][][] initialState, double[][][][] finalState) implements BlockGradients {
}
