package org.gradproof.nn;

/**
 * Leaky ReLU: φ(z) = z for z &gt; 0, α·z otherwise; φ'(z) = 1 for z &gt; 0, α otherwise (α at the kink, as PyTorch).
 *
 * @param slope α, the slope for z ≤ 0; finite and in [0, 1)
 */
public record LeakyRelu(double slope) implements ElementwiseActivation {

    /** The slope of plain {@code leaky_relu}, as in PyTorch. */
    public static final double DEFAULT_SLOPE = 0.01;

    public LeakyRelu {
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("leaky_relu slope must be in [0, 1), got " + slope);
        }
    }

    @Override
    public double value(double z) {
        return z > 0 ? z : slope * z;
    }

    @Override
    public double derivative(double z) {
        return z > 0 ? 1 : slope;
    }

    /** 0: linear on each side of the kink. */
    @Override
    public double secondDerivative(double z) {
        return 0;
    }

    @Override
    public String id() {
        return "leaky_relu(" + slope + ")";
    }
}
