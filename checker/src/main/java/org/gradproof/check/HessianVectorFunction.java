package org.gradproof.check;

/**
 * A function whose claimed Hessian-vector product is to be checked ({@link GradientCheck#hessianVector}): its gradient
 * — taken as right, or checked first with {@link GradientCheck#check(DifferentiableFunction, double[])} — and H(x)·v as
 * the implementation computes it (Pearlmutter's R-operator, a double backward pass, forward-over-reverse).
 */
public interface HessianVectorFunction extends DifferentiableFunction {

    /** The claimed H(x)·v, of length {@code x.length}; must not modify {@code x} or {@code v}. */
    double[] hessianVector(double[] x, double[] v);
}
