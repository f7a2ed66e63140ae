package org.gradproof.check;

import java.util.Arrays;
import java.util.Objects;

/**
 * The name and shape of one block of a flat parameter vector, such as {@code dense1.W} of shape [3, 2]: how a function
 * of one vector x tells a check which parts of x are which parameters, so that its report names them
 * ({@link HessianVectorFunction#blockShapes()}). Immutable.
 *
 * @param name  the block's name, e.g. {@code dense1.W}
 * @param shape its dimensions (a copy is kept and returned), each at least 0; none for a scalar
 */
public record BlockShape(String name, int... shape) {

    public BlockShape {
        Objects.requireNonNull(name, "name");
        shape = Objects.requireNonNull(shape, "shape of block " + name).clone();
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("block " + name + ": negative dimension in shape "
                        + Arrays.toString(shape));
            }
        }
    }

    /** The dimensions (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** ∏ shape: how many entries of x the block takes. */
    public long size() {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockShape b && b.name.equals(name) && Arrays.equals(b.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + ParameterBlock.shapeText(shape);
    }
}
