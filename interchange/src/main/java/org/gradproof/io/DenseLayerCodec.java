package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * A dense layer's two blocks, W (row-major [out][in]) and b, as a document stores them: W in the {@link Layout}'s
 * {@link WeightOrder} with, when the layout says so, the bias inside it as an extra column or row (z = W̃·x̃ with
 * x̃ = [1; x] or [x; 1]), and b otherwise as a vector of {@code out} numbers. Keys {@code W} and {@code b}; in a model
 * document's layer object the fields {@code "weights"} and {@code "bias"}. A dense model's layers and an LSTM model's
 * head are stored alike.
 *
 * @param name e.g. {@code dense2} or {@code head}
 * @param out  the layer's units
 * @param in   its inputs
 */
record DenseLayerCodec(String name, int out, int in) implements LayerCodec {

    @Override
    public int blockCount() {
        return 2;
    }

    @Override
    public boolean gated() {
        return false;
    }

    /** out · (in + 1): W and b. */
    @Override
    public long parameterCount() {
        return ReadLimits.times(out, in + 1L);
    }

    @Override
    public String size() {
        return out + " units on " + in + " inputs";
    }

    @Override
    public List<String> entryNames() {
        return List.of(family() + ".W[unit,input]");
    }

    /** W transposed ([in][out]) and the bias inside W each change where an entry is stored. */
    @Override
    public List<String> storageNotes(Layout stored, GateLayout gates) {
        boolean inOut = stored.weights() == WeightOrder.IN_OUT;
        List<String> notes = new ArrayList<>();
        if (inOut) {
            notes.add("your " + family() + ".W is stored as [in][out], so " + family() + ".W[i,j] is your [j][i]");
        }
        if (stored.bias().insideWeights()) {
            notes.add(family() + ".b[i] is unit i's entry of your " + family() + ".W's " + stored.bias().id() + " "
                    + (inOut ? "row" : "column"));
        }
        return notes;
    }

    /** {@code W, b}, or {@code W} alone when the bias is inside W. */
    @Override
    public List<String> keys(Layout layout, GateLayout gates) {
        return layout.bias().insideWeights() ? List.of("W") : List.of("W", "b");
    }

    /** {@code "weights"} for W, {@code "bias"} for b. */
    @Override
    public String field(String key) {
        return key.equals("W") ? "weights" : "bias";
    }

    @Override
    public double[][] read(Values values, Layout layout, GateLayout gates, Stored stored) {
        int rows = layout.storedRows(out, in);
        int cols = layout.storedColumns(out, in);
        String what = "the " + rows + "x" + cols + " " + stored.prefix + name + ".W " + layout.describe();
        double[][] matrix = values.at("W", what).matrix(rows, cols, what, stored.finite);
        double[] w = new double[out * in];
        double[] b = new double[out];
        if (!layout.bias().insideWeights()) {
            // a model document's bias has always been "dense1.b, one per unit", a gradient's "the gradient of …"
            String bias = (stored.prefix.isEmpty() ? "" : "the " + stored.prefix) + name + ".b, one per unit";
            b = values.at("b", out + " numbers (" + bias + ")").vector(out, bias, stored.finite);
        }
        layout.unpack(matrix, out, in, w, b);
        return new double[][] {w, b};
    }

    @Override
    public List<Object> write(double[][] blocks, Layout layout, GateLayout gates) {
        Object matrix = layout.pack(blocks[0], blocks[1], out, in); // Object: a double[][] would be List.of's varargs
        return layout.bias().insideWeights() ? List.of(matrix) : List.of(matrix, blocks[1].clone());
    }

    /** As {@link LayerCodec#readFields}; a {@code "bias"} field where the layout puts the bias inside W is an error. */
    @Override
    public double[][] readFields(Node layer, Layout layout, GateLayout gates) {
        double[][] blocks = LayerCodec.super.readFields(layer, layout, gates); // W's errors first, as always
        if (layout.bias().insideWeights() && layer.optionalField("bias").isPresent()) {
            throw layer.field("bias", "").error("unexpected: the layout puts the bias inside W (\"bias\": \""
                    + layout.bias().id() + "\"); remove this field or use \"bias\": \"separate\"");
        }
        return blocks;
    }
}
