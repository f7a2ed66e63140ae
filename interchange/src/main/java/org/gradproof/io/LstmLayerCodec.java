package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One LSTM layer's twelve parameter blocks (the reference block order W_i, W_f, W_g, W_o, U_i … U_o, b_i … b_o; W_q
 * row-major cells × inputs, U_q cells × cells, b_q cells) as a document stores them: a {@link GateLayout} (the gates
 * separate, keys {@code W_i … b_o}, or stacked along the cell axis, keys {@code W, U, b}) and the layout's
 * {@link WeightOrder} (each matrix as [cells][in], or transposed as [in][cells]); the gate biases are always vectors.
 * In a model document the keys are the layer object's fields, in a gradients document the blocks {@code lstm1.W_i} ….
 *
 * @param name  e.g. {@code lstm1}
 * @param in    the layer's inputs (the features, or the cells of the layer below)
 * @param cells its cells
 */
record LstmLayerCodec(String name, int in, int cells) implements LayerCodec {

    @Override
    public int blockCount() {
        return 12;
    }

    @Override
    public boolean gated() {
        return true;
    }

    /** 4 · cells · (in + cells + 1): W_q, U_q and b_q of each of the four gates. */
    @Override
    public long parameterCount() {
        return ReadLimits.times(4L * cells, in + cells + 1L);
    }

    @Override
    public String size() {
        return cells + " cells on " + in + " inputs";
    }

    @Override
    public List<String> entryNames() {
        return List.of(family() + ".W_q[cell,input]", family() + ".U_q[cell,h]");
    }

    /** Stacked gates move a gate's rows into one matrix; W transposed ([in][out]) swaps the indices. */
    @Override
    public List<String> storageNotes(Layout stored, GateLayout gates) {
        boolean inOut = stored.weights() == WeightOrder.IN_OUT;
        if (gates == GateLayout.STACKED) {
            return List.of("your stacked " + family() + ".W holds W_i, W_f, W_g, W_o in that order, so W_q[k,j] is "
                    + "your " + (inOut ? "[j][q·cells + k]" : "[q·cells + k][j]") + ", and " + family()
                    + ".U likewise");
        }
        return inOut ? List.of("your " + family() + ".W_q and " + family() + ".U_q are stored as [in][out], so "
                + "W_q[i,j] is your [j][i]") : List.of();
    }

    @Override
    public List<String> keys(Layout layout, GateLayout gates) {
        return gates.keys();
    }

    @Override
    public double[][] read(Values values, Layout layout, GateLayout gates, Stored stored) {
        Function<String, Node> at = key -> values.at(key, "a parameter of the lstm layer");
        WeightOrder order = layout.weights();
        String prefix = stored.prefix;
        boolean finite = stored.finite;
        double[][] blocks = new double[12][];
        if (gates == GateLayout.SEPARATE) {
            for (int q = 0; q < 4; q++) {
                blocks[q] = matrix(at, "W_" + GateLayout.GATES.get(q), cells, in, "inputs", order, prefix, finite);
                blocks[4 + q] = matrix(at, "U_" + GateLayout.GATES.get(q), cells, cells, "h_prev", order, prefix,
                        finite);
                String b = name + ".b_" + GateLayout.GATES.get(q);
                blocks[8 + q] = at.apply("b_" + GateLayout.GATES.get(q)).vector(cells, "the " + prefix + b
                        + ", one per cell", finite);
            }
            return blocks;
        }
        double[] w = matrix(at, "W", 4 * cells, in, "inputs", order, prefix, finite);
        double[] u = matrix(at, "U", 4 * cells, cells, "h_prev", order, prefix, finite);
        double[] b = at.apply("b").vector(4 * cells, "the " + prefix + name + ".b = [b_i, b_f, b_g, b_o], 4·cells",
                finite);
        for (int q = 0; q < 4; q++) {
            blocks[q] = slice(w, q, cells * in);
            blocks[4 + q] = slice(u, q, cells * cells);
            blocks[8 + q] = slice(b, q, cells);
        }
        return blocks;
    }

    @Override
    public List<Object> write(double[][] blocks, Layout layout, GateLayout gates) {
        WeightOrder order = layout.weights();
        List<Object> stored = new ArrayList<>();
        if (gates == GateLayout.SEPARATE) {
            for (int q = 0; q < 4; q++) {
                stored.add(orient(blocks[q], cells, in, order));
            }
            for (int q = 0; q < 4; q++) {
                stored.add(orient(blocks[4 + q], cells, cells, order));
            }
            for (int q = 0; q < 4; q++) {
                stored.add(blocks[8 + q].clone());
            }
            return stored;
        }
        stored.add(orient(concat(blocks, 0), 4 * cells, in, order));
        stored.add(orient(concat(blocks, 4), 4 * cells, cells, order));
        stored.add(concat(blocks, 8));
        return stored;
    }

    /** e.g. "the 8x2 lstm1.W = [W_i; W_f; W_g; W_o] as [4·cells][inputs]". */
    private double[] matrix(Function<String, Node> at, String key, int rows, int cols, String colAxis,
                            WeightOrder order, String prefix, boolean finite) {
        boolean stacked = key.length() == 1; // "W" or "U": the four gates stacked
        String rowAxis = stacked ? "4·cells" : "cells";
        boolean outIn = order == WeightOrder.OUT_IN;
        int r = outIn ? rows : cols;
        int c = outIn ? cols : rows;
        String what = "the " + prefix + r + "x" + c + " " + name + "." + key
                + (stacked ? " = [" + key + "_i; " + key + "_f; " + key + "_g; " + key + "_o]" : "") + " as ["
                + (outIn ? rowAxis : colAxis) + "][" + (outIn ? colAxis : rowAxis) + "]";
        double[][] m = at.apply(key).matrix(r, c, what, finite);
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                flat[i * cols + j] = outIn ? m[i][j] : m[j][i];
            }
        }
        return flat;
    }

    private static double[][] orient(double[] flat, int rows, int cols, WeightOrder order) {
        boolean outIn = order == WeightOrder.OUT_IN;
        double[][] m = outIn ? new double[rows][cols] : new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (outIn) {
                    m[i][j] = flat[i * cols + j];
                } else {
                    m[j][i] = flat[i * cols + j];
                }
            }
        }
        return m;
    }

    private static double[] slice(double[] a, int q, int size) {
        double[] s = new double[size];
        System.arraycopy(a, q * size, s, 0, size);
        return s;
    }

    private static double[] concat(double[][] blocks, int from) {
        int size = blocks[from].length;
        double[] a = new double[4 * size];
        for (int q = 0; q < 4; q++) {
            System.arraycopy(blocks[from + q], 0, a, q * size, size);
        }
        return a;
    }
}
