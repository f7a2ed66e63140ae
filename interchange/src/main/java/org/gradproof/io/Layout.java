package org.gradproof.io;

import java.util.Objects;

/**
 * How a dense layer's parameters are laid out in a document: the {@link WeightOrder} of W and the
 * {@link BiasPlacement} of b. The reference network's own layout is {@link #REFERENCE}: W as [out][in], b separate.
 *
 * <p>With the bias inside W, the layer reads an extended input x̃ of in + 1 entries, x̃ = [1; x] ({@code first}) or
 * [x; 1] ({@code last}), and z = W̃·x̃: the stored matrix is out × (in + 1) as [out][in], (in + 1) × out as [in][out].
 */
public record Layout(WeightOrder weights, BiasPlacement bias) {

    /** W as [out][in], the bias separate: the reference network's layout. */
    public static final Layout REFERENCE = new Layout(WeightOrder.OUT_IN, BiasPlacement.SEPARATE);

    public Layout {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
    }

    /** This layout with each given part replaced; a null part keeps this layout's (a command-line option left out). */
    public Layout with(WeightOrder otherWeights, BiasPlacement otherBias) {
        return new Layout(otherWeights == null ? weights : otherWeights, otherBias == null ? bias : otherBias);
    }

    /** Rows of the stored W of a layer with {@code in} inputs and {@code out} units. */
    public int storedRows(int out, int in) {
        return weights == WeightOrder.OUT_IN ? out : extendedInputs(in);
    }

    /** Columns of the stored W of a layer with {@code in} inputs and {@code out} units. */
    public int storedColumns(int out, int in) {
        return weights == WeightOrder.OUT_IN ? extendedInputs(in) : out;
    }

    private int extendedInputs(int in) {
        return in + (bias.insideWeights() ? 1 : 0);
    }

    /** e.g. "as [out][in] with the bias as the last column", or "as [in][out]" for a separate bias. */
    public String describe() {
        if (!bias.insideWeights()) {
            return "as " + weights.notation();
        }
        return "as " + weights.notation() + " with the bias as the " + bias.id() + " "
                + (weights == WeightOrder.OUT_IN ? "column" : "row");
    }

    /** The extended-input index of input k (0 ≤ k < in), see the class comment. */
    private int slot(int k) {
        return bias == BiasPlacement.FIRST ? k + 1 : k;
    }

    /** The extended-input index of the always-1 input. */
    private int biasSlot(int in) {
        return bias == BiasPlacement.FIRST ? 0 : in;
    }

    /**
     * The stored matrix of a layer. Inputs are not modified.
     *
     * @param w   W as [out][in], row-major, out · in entries
     * @param b   the bias, out entries
     * @param out the number of units
     * @param in  the number of inputs
     */
    public double[][] pack(double[] w, double[] b, int out, int in) {
        double[][] stored = new double[storedRows(out, in)][storedColumns(out, in)];
        for (int i = 0; i < out; i++) {
            for (int k = 0; k < in; k++) {
                put(stored, i, slot(k), w[i * in + k]);
            }
            if (bias.insideWeights()) {
                put(stored, i, biasSlot(in), b[i]);
            }
        }
        return stored;
    }

    /**
     * The inverse of {@link #pack}: fills {@code w} (out × in, row-major) and, when the bias is inside W, {@code b}
     * from a stored matrix of the right shape. The stored matrix is not modified.
     */
    public void unpack(double[][] stored, int out, int in, double[] w, double[] b) {
        for (int i = 0; i < out; i++) {
            for (int k = 0; k < in; k++) {
                w[i * in + k] = get(stored, i, slot(k));
            }
            if (bias.insideWeights()) {
                b[i] = get(stored, i, biasSlot(in));
            }
        }
    }

    private void put(double[][] stored, int unit, int input, double v) {
        if (weights == WeightOrder.OUT_IN) {
            stored[unit][input] = v;
        } else {
            stored[input][unit] = v;
        }
    }

    private double get(double[][] stored, int unit, int input) {
        return weights == WeightOrder.OUT_IN ? stored[unit][input] : stored[input][unit];
    }

    /**
     * The document's {@code "layout"} object: {@code {"weights": …, "bias": …}}, and {@code "gates": …} when a gate
     * layout is given (a model with gated layers).
     */
    String json(GateLayout gates) {
        return "{\"weights\": \"" + weights.id() + "\", \"bias\": \"" + bias.id() + "\""
                + (gates == null ? "" : ", \"gates\": \"" + gates.id() + "\"") + "}";
    }

    @Override
    public String toString() {
        return "weights " + weights.id() + ", bias " + bias.id();
    }
}
