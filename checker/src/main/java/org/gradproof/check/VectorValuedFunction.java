package org.gradproof.check;

/**
 * A function from Rⁿ to Rᵐ — a layer's forward pass on its input, a softmax — with its claimed vector–Jacobian product
 * uᵀ·J(x), what a hand-written {@code backward(upstream)} computes. Checked by {@link GradientCheck#jacobian}.
 */
public interface VectorValuedFunction {

    /** m, the number of outputs. */
    int outputs();

    /** F(x), of length {@link #outputs()}; must not modify {@code x}. */
    double[] value(double[] x);

    /** The claimed uᵀ·J(x) = Σᵢ uᵢ ∇Fᵢ(x), of length {@code x.length}; must not modify {@code x} or {@code upstream}. */
    double[] vectorJacobian(double[] x, double[] upstream);
}
