package org.gradproof.check;

/**
 * A scalar function of a parameter vector together with the gradient an implementation claims for it.
 *
 * <p>This is the interface any Java code implements to be checked by {@link GradientCheck#check(DifferentiableFunction,
 * double[])}. Both methods must leave {@code x} unchanged; the checker verifies that they do.
 */
public interface DifferentiableFunction {

    /** f(x); must not modify {@code x}. */
    double value(double[] x);

    /** The implementation's claimed gradient ∇f(x), of length {@code x.length}; must not modify {@code x}. */
    double[] gradient(double[] x);
}
