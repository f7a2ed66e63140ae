package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of a stack of LSTM layers: per layer, the hidden state h and the cell state c, each batch × cells.
 * As an array it has the shape [layers][2][batch][cells], with index 0 of the second axis h and index 1 c
 * (TensorFlow's {@code LSTMStateTuple(c, h)} order is the other way round: c first).
 */
public final class LstmState {

    private final List<DMatrixRMaj> h;
    private final List<DMatrixRMaj> c;

    LstmState(List<DMatrixRMaj> h, List<DMatrixRMaj> c) {
        this.h = List.copyOf(h);
        this.c = List.copyOf(c);
    }

    /** All zeros: layers × 2 × batch × cells. */
    public static LstmState zeros(int layers, int batch, int cells) {
        List<DMatrixRMaj> h = new ArrayList<>();
        List<DMatrixRMaj> c = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            h.add(new DMatrixRMaj(batch, cells));
            c.add(new DMatrixRMaj(batch, cells));
        }
        return new LstmState(h, c);
    }

    /**
     * A state from an array of shape [layers][2][batch][cells]; the expected sizes come from the network and the
     * batch. A wrong shape is an error that names the axis, what was expected and what came.
     */
    public static LstmState of(double[][][][] state, int layers, int batch, int cells) {
        requireAxis(state == null ? -1 : state.length, layers, 0, "layers", "");
        List<DMatrixRMaj> h = new ArrayList<>();
        List<DMatrixRMaj> c = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            double[][][] pair = state[l];
            requireAxis(pair == null ? -1 : pair.length, 2, 1, "h and c", "[" + l + "]");
            for (int k = 0; k < 2; k++) {
                double[][] rows = pair[k];
                String at = "[" + l + "][" + k + "]";
                requireAxis(rows == null ? -1 : rows.length, batch, 2, "batch", at);
                DMatrixRMaj m = new DMatrixRMaj(batch, cells);
                for (int n = 0; n < batch; n++) {
                    requireAxis(rows[n] == null ? -1 : rows[n].length, cells, 3, "cells", at + "[" + n + "]");
                    for (int j = 0; j < cells; j++) {
                        if (!Double.isFinite(rows[n][j])) {
                            throw new IllegalArgumentException("initial state" + at + "[" + n + "][" + j + "] is "
                                    + rows[n][j] + ": the state must be finite");
                        }
                        m.data[n * cells + j] = rows[n][j];
                    }
                }
                (k == 0 ? h : c).add(m);
            }
        }
        return new LstmState(h, c);
    }

    private static void requireAxis(int actual, int expected, int axis, String name, String at) {
        if (actual != expected) {
            throw new IllegalArgumentException("initial state" + at + ": axis " + axis + " (" + name + ") must have "
                    + expected + " entries, got " + (actual < 0 ? "null" : actual)
                    + "; the state's shape is [layers][2][batch][cells] with [l][0] = h and [l][1] = c");
        }
    }

    public int layers() {
        return h.size();
    }

    /** h of layer l, batch × cells (live). */
    public DMatrixRMaj hidden(int layer) {
        return h.get(layer);
    }

    /** c of layer l, batch × cells (live). */
    public DMatrixRMaj cell(int layer) {
        return c.get(layer);
    }

    /** A deep copy. */
    public LstmState copy() {
        return new LstmState(h.stream().map(DMatrixRMaj::copy).toList(), c.stream().map(DMatrixRMaj::copy).toList());
    }

    /** As an array [layers][2][batch][cells]. */
    public double[][][][] toArray() {
        double[][][][] a = new double[h.size()][2][][];
        for (int l = 0; l < h.size(); l++) {
            a[l][0] = rows(h.get(l));
            a[l][1] = rows(c.get(l));
        }
        return a;
    }

    private static double[][] rows(DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, r[i], 0, m.numCols);
        }
        return r;
    }
}
