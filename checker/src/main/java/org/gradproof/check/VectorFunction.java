package org.gradproof.check;

import java.util.List;

/** Adapts a {@link DifferentiableFunction} at a point x to a {@link BlockFunction} with the single block "x". */
final class VectorFunction implements BlockFunction {

    private final DifferentiableFunction function;
    private final double[] x;
    private final List<ParameterBlock> blocks;

    VectorFunction(DifferentiableFunction function, double[] x) {
        if (function == null) {
            throw new IllegalArgumentException("f must not be null");
        }
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        this.function = function;
        this.x = x;
        this.blocks = List.of(ParameterBlock.vector("x", x));
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        return function.value(x);
    }

    @Override
    public double[][] gradient() {
        double[] g = function.gradient(x);
        if (g == null) {
            throw new IllegalArgumentException("gradient(x) returned null for x of length " + x.length);
        }
        return new double[][] {g};
    }

    @Override
    public String description() {
        return "function of " + x.length + (x.length == 1 ? " variable" : " variables") + " x";
    }
}
