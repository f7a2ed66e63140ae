package org.gradproof.check;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** A {@link BlockFunction} assembled from lambdas, for tests. */
final class Blocks implements BlockFunction {

    private final List<ParameterBlock> blocks;
    private final DoubleSupplier value;
    private final Supplier<double[][]> gradient;
    private final List<KnownFactor> known;

    Blocks(List<ParameterBlock> blocks, DoubleSupplier value, Supplier<double[][]> gradient,
           KnownFactor... known) {
        this.blocks = blocks;
        this.value = value;
        this.gradient = gradient;
        this.known = List.of(known);
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        return value.getAsDouble();
    }

    @Override
    public double[][] gradient() {
        return gradient.get();
    }

    @Override
    public List<KnownFactor> knownFactors() {
        return known;
    }

    @Override
    public String description() {
        return "test blocks " + blocks;
    }
}
