package org.gradproof.check;

/**
 * What a layer's backward pass returns ({@link DifferentiableLayer#backward}): uᵀ·∂y/∂xᵢ for each input and
 * uᵀ·∂y/∂θⱼ for each parameter block.
 *
 * @param inputs     one gradient per input, in the order of the inputs
 * @param parameters one gradient per parameter block, in the order of {@link DifferentiableLayer#parameters()}
 */
public record LayerGradients(double[][] inputs, double[][] parameters) {
}
