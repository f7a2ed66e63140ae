package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;

/** Reads a dense layer's {@code weights} and {@code bias} fields in a stated {@link Layout}. */
final class DenseParameters {

    private DenseParameters() {
    }

    /**
     * W (row-major [out][in]) and b of the layer named {@code name}, from its {@code weights} and {@code bias} in the
     * layout; a bias field where the layout puts the bias inside W is an error, so is a missing or misshapen one.
     */
    static double[][] read(Node layer, String name, Layout layout, int in, int out) {
        int rows = layout.storedRows(out, in);
        int cols = layout.storedColumns(out, in);
        String what = "the " + rows + "x" + cols + " " + name + ".W " + layout.describe();
        double[][] stored = layer.field("weights", what).matrix(rows, cols, what, true);
        double[] w = new double[out * in];
        double[] b = new double[out];
        if (layout.bias().insideWeights()) {
            if (layer.optionalField("bias").isPresent()) {
                throw layer.field("bias", "").error("unexpected: the layout puts the bias inside W (\"bias\": \""
                        + layout.bias().id() + "\"); remove this field or use \"bias\": \"separate\"");
            }
        } else {
            String bias = name + ".b, one per unit";
            b = layer.field("bias", out + " numbers (" + bias + ")").vector(out, bias, true);
        }
        layout.unpack(stored, out, in, w, b);
        return new double[][] {w, b};
    }
}
