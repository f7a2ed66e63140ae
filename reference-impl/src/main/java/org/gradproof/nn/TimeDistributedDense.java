package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * A dense layer applied to every time step of a [seq][batch][features] sequence in one batched multiply: the T steps
 * are stacked into a (T·batch) × features matrix (a reshape, no copy of meaning), multiplied once, and split back.
 * This is numpy's 3-D tensor times 2-D matrix ({@code X @ W.T} on an array of shape (seq, batch, features)) without a
 * per-step loop.
 */
public final class TimeDistributedDense {

    private TimeDistributedDense() {
    }

    /** Z_t = X_t·Wᵀ + b for every t, computed as one (T·batch) × out product; returned per step. */
    public static List<DMatrixRMaj> forward(Dense layer, List<DMatrixRMaj> xs) {
        return split(layer.forward(SequenceBatch.stack(xs)), xs.size());
    }

    /** The same, one step at a time: the loop the batched version replaces (for comparison). */
    public static List<DMatrixRMaj> forwardStepByStep(Dense layer, List<DMatrixRMaj> xs) {
        List<DMatrixRMaj> zs = new ArrayList<>();
        for (DMatrixRMaj x : xs) {
            zs.add(layer.forward(x));
        }
        return zs;
    }

    /** Splits a (T·batch) × k matrix into T batch × k matrices. */
    static List<DMatrixRMaj> split(DMatrixRMaj stacked, int steps) {
        int rows = stacked.numRows / steps;
        List<DMatrixRMaj> parts = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            DMatrixRMaj part = new DMatrixRMaj(rows, stacked.numCols);
            System.arraycopy(stacked.data, t * part.getNumElements(), part.data, 0, part.getNumElements());
            parts.add(part);
        }
        return parts;
    }
}
