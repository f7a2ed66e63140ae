package org.gradproof.check;

import java.util.List;

/**
 * A function whose claimed Hessian-vector product is to be checked ({@link GradientCheck#hessianVector}): its gradient
 * — taken as right, or checked first with {@link GradientCheck#check(DifferentiableFunction, double[])} — and H(x)·v as
 * the implementation computes it (Pearlmutter's R-operator, a double backward pass, forward-over-reverse).
 */
public interface HessianVectorFunction extends DifferentiableFunction {

    /** The claimed H(x)·v, of length {@code x.length}; must not modify {@code x} or {@code v}. */
    double[] hessianVector(double[] x, double[] v);

    /**
     * The named blocks x is the concatenation of, in order ({@code dense1.W} 3×2, then {@code dense1.b} 3, …), so that
     * a report splits H·v the same way: blocks {@code Hv[dense1.W]}, entries {@code Hv[dense1.W][2,1]}, and says
     * which blocks of the product are wrong. Their sizes must add up to {@code x.length}. Default: none — one block
     * {@code Hv}, entries {@code Hv[i]}.
     */
    default List<BlockShape> blockShapes() {
        return List.of();
    }
}
