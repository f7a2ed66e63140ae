package org.gradproof.check;

import java.util.List;

/**
 * A layer as people write it by hand: a forward pass from its inputs and parameters to an output, and a backward pass
 * that takes the upstream gradient u = ∂L/∂output and returns the gradient of L with respect to each input and each
 * parameter block:
 * <pre>
 *   y = forward(x₁, …, x_k; θ)                    (θ: the blocks of {@link #parameters()}, read in place)
 *   backward(x, u) = (uᵀ·∂y/∂x₁, …, uᵀ·∂y/∂x_k;  uᵀ·∂y/∂θ₁, …)
 * </pre>
 * A dense layer has one input (the batch, flattened row by row) and two parameter blocks (W, b); an activation or a
 * softmax has one input and none; an LSTM cell has three inputs (x_t, h_{t−1}, c_{t−1}). Checked by
 * {@link GradientCheck#layer(DifferentiableLayer, List, CheckOptions)}.
 */
public interface DifferentiableLayer {

    /** The parameter blocks, whose data forward() and backward() read in place; empty for a layer without any. */
    List<ParameterBlock> parameters();

    /** The output, flattened; must not modify the inputs or the parameters. */
    double[] forward(double[][] inputs);

    /**
     * The gradients for upstream gradient {@code upstream} (one entry per output): one array per input, in the order of
     * the inputs, and one per parameter block, in the order of {@link #parameters()}, each of the length of what it is
     * the gradient of. Must not modify its arguments or the parameters.
     */
    LayerGradients backward(double[][] inputs, double[] upstream);

    /** A short description for reports. */
    default String description() {
        return "a layer";
    }
}
