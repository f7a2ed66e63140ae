package org.gradproof.check;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A named, shaped view of live parameter storage, such as {@code dense1.W} with shape [3, 2].
 *
 * <p>The array is the caller's own storage, stored row-major: the checker perturbs one entry at a time and puts the
 * original bits back after every evaluation. Entries are named {@code name[i,j]} in reports.
 *
 * <p>A block of a sequence model may carry a <em>time step</em>: {@link #atTimeStep(int) atTimeStep(t)} tags the
 * block that holds step t of a sequence (the input x_t of a recurrent network, t = 0 … T − 1). The tag, not the
 * name, is what the checker reads to localise an error in time ("the input gradients are wrong for t ≥ 2 only"); a
 * block merely named like {@code x[t=2]} is not a time step. Immutable: the tag is set by making a new block over the
 * same live storage.
 */
public final class ParameterBlock {

    private final String name;
    private final int[] shape;
    private final double[] data;
    private final int timeStep;
    /** For a column of a matrix ({@link #column}): the matrix's name, entries labelled {@code M[i][j]}; else null. */
    private final String matrix;
    private final int column;

    /**
     * @param name  the block's name in reports, e.g. {@code dense1.W}
     * @param data  the live storage, row-major, of length ∏ shape
     * @param shape the dimensions, e.g. {@code 3, 2} for a 3×2 matrix; none for a scalar
     * @throws IllegalArgumentException if the shape has a negative dimension or does not match the data length
     */
    public ParameterBlock(String name, double[] data, int... shape) {
        this(name, data, shape, -1, null, -1);
    }

    private ParameterBlock(String name, double[] data, int[] shape, int timeStep, String matrix, int column) {
        this.timeStep = timeStep;
        this.matrix = matrix;
        this.column = column;
        this.name = Objects.requireNonNull(name, "name");
        this.data = Objects.requireNonNull(data, "data of block " + name);
        this.shape = shape.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("block " + name + ": negative dimension in shape "
                        + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("block " + name + ": shape " + shapeText(shape) + " has " + size
                    + " entries but the data array has " + data.length);
        }
    }

    /** A one-dimensional block over the whole array. */
    public static ParameterBlock vector(String name, double[] data) {
        return new ParameterBlock(name, data, data.length);
    }

    /**
     * Column j of a matrix M as a block named {@code M[·][j]}, whose entry i is labelled {@code M[i][j]} in reports
     * (the full Hessian check's columns H·eⱼ).
     */
    static ParameterBlock column(String matrix, int column, double[] data) {
        return new ParameterBlock(matrix + "[·][" + column + "]", data, new int[] {data.length}, -1, matrix, column);
    }

    /**
     * This block (same name, shape and live storage) tagged as step {@code step} of a sequence, counted from 0.
     *
     * @throws IllegalArgumentException if the step is negative or the block already has a time step
     */
    public ParameterBlock atTimeStep(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("block " + name + ": time step must be 0 or more, got " + step);
        }
        if (timeStep >= 0) {
            throw new IllegalArgumentException("block " + name + ": already at time step " + timeStep
                    + ", cannot tag it again with " + step);
        }
        return new ParameterBlock(name, data, shape, step, matrix, column);
    }

    /** The time step this block holds, if it is one step of a sequence ({@link #atTimeStep}); empty otherwise. */
    public OptionalInt timeStep() {
        return timeStep < 0 ? OptionalInt.empty() : OptionalInt.of(timeStep);
    }

    public String name() {
        return name;
    }

    /** The dimensions (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The live storage, not a copy. */
    public double[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    /** The shape as text, e.g. {@code 3x2}. */
    public String shapeText() {
        return shapeText(shape);
    }

    /** Row-major multi-index of flat entry {@code k}, e.g. 5 → [2, 1] for shape [3, 2]. */
    public int[] index(int k) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = k % shape[d];
            k /= shape[d];
        }
        return idx;
    }

    /** Name of flat entry {@code k}, e.g. {@code dense1.W[2,1]}. */
    public String label(int k) {
        if (matrix != null) {
            return matrix + "[" + k + "][" + column + "]";
        }
        StringBuilder sb = new StringBuilder(name).append('[');
        int[] idx = index(k);
        for (int d = 0; d < idx.length; d++) {
            sb.append(d == 0 ? "" : ",").append(idx[d]);
        }
        return sb.append(']').toString();
    }

    /** Entries {@code from} to {@code to} together: {@code x[53..70]}, or {@code H[2..5][3]} for a column. */
    String rangeLabel(int from, int to) {
        return matrix != null ? matrix + "[" + from + ".." + to + "][" + column + "]"
                : name + "[" + from + ".." + to + "]";
    }

    static String shapeText(int[] shape) {
        if (shape.length == 0) {
            return "scalar";
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < shape.length; d++) {
            sb.append(d == 0 ? "" : "x").append(shape[d]);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name + " " + shapeText();
    }
}
