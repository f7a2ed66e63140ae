package org.gradproof.benchmarks;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;

import java.util.List;

/** A function seen as a black box: the same blocks, value, gradient and noise scale, but no entry evaluator. */
record FullForwardOnly(BlockFunction f) implements BlockFunction {

    @Override
    public List<ParameterBlock> blocks() {
        return f.blocks();
    }

    @Override
    public double value() {
        return f.value();
    }

    @Override
    public double[][] gradient() {
        return f.gradient();
    }

    @Override
    public double noiseScale() {
        return f.noiseScale();
    }

    @Override
    public String description() {
        return f.description() + " (full forward passes)";
    }
}
