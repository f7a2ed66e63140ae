package org.gradproof.check;

/**
 * A function whose claimed full Hessian is to be checked ({@link GradientCheck#hessian}): its gradient — taken as
 * right, or checked first with {@link GradientCheck#check(DifferentiableFunction, double[])} — and the n × n matrix
 * H(x) = ∇²f(x) as the implementation computes it, for small n (up to {@value HessianColumns#MAX_VARIABLES}
 * variables; beyond, check products H·v along random v with {@link GradientCheck#hessianVector}).
 */
public interface HessianFunction extends DifferentiableFunction {

    /**
     * The claimed H(x), row i holding ∂²f/∂xᵢ∂xⱼ for j = 0 … n − 1: n rows of n entries. Must not modify {@code x};
     * the checker does not modify the matrix returned.
     */
    double[][] hessian(double[] x);
}
