package org.gradproof.nn;

import java.util.List;

/**
 * The loss and dL/dθ of one forward and backward pass of a {@link Model}, per named parameter block in the model's
 * documented block order: read a block by its name ({@link #block(String)}) where the position would hide which one
 * it is, or all of them in order ({@link #blocks()}) to hand to the checker or a gradients document.
 */
public interface BlockGradients {

    /** L at the parameters the gradients were taken at. */
    double loss();

    /** The parameter blocks' names, in the model's order, e.g. {@code [dense1.W, dense1.b, dense2.W, dense2.b]}. */
    List<String> names();

    /** dL/d(block) for every parameter block, in {@link #names()} order, each row-major like its block. */
    double[][] blocks();

    /**
     * dL/d(block) of the block so named, row-major like the block; a copy.
     *
     * @throws IllegalArgumentException if no block has that name (the message lists the names)
     */
    default double[] block(String name) {
        int i = names().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter block '" + name + "'; blocks are " + names());
        }
        return blocks()[i].clone();
    }
}
