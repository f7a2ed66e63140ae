package org.gradproof.properties.contract;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.ModelLayers;
import org.gradproof.check.ParameterBlock;
import org.gradproof.properties.contract.RecurrentGradientContract.InputGradients;
import org.gradproof.properties.contract.RecurrentGradientContract.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A subject's loss and gradients as a function of one case's live blocks, for the checker: the weights, and — when the
 * subject implements {@link InputGradients} — every input step {@code x[t=k]} and the initial state
 * {@code h0.lstmN}, {@code c0.lstmN}. The subject's arrays are checked for shape here, so that an error names the
 * block and both shapes rather than a flat index.
 */
final class RecurrentSubjectFunction implements BlockFunction {

    private final Subject subject;
    private final RecurrentContractCase c;
    private final List<ParameterBlock> blocks;

    RecurrentSubjectFunction(Subject subject, RecurrentContractCase c) {
        this.subject = subject;
        this.c = c;
        List<ParameterBlock> all = new ArrayList<>(c.weightBlocks());
        if (subject instanceof InputGradients) {
            all.addAll(c.inputBlocks());
            all.addAll(c.stateBlocks());
        }
        this.blocks = List.copyOf(all);
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        return subject.loss(c);
    }

    @Override
    public double[][] gradient() {
        double[][] weights = subject.gradients(c);
        List<ParameterBlock> expected = c.weightBlocks();
        if (weights == null || weights.length != expected.size()) {
            throw new IllegalArgumentException("gradients: expected " + expected.size() + " arrays, one per block "
                    + c.blockNames() + ", got " + (weights == null ? "null" : weights.length));
        }
        List<double[]> all = new ArrayList<>();
        for (int b = 0; b < weights.length; b++) {
            ParameterBlock block = expected.get(b);
            if (weights[b] == null || weights[b].length != block.size()) {
                throw new IllegalArgumentException("gradients: the gradient of " + block.name() + " (" + block.shapeText()
                        + ", " + block.size() + " entries row-major) has " + (weights[b] == null ? "no array"
                        : weights[b].length + " entries"));
            }
            all.add(weights[b]);
        }
        if (subject instanceof InputGradients inputs) {
            double[][][] dx = inputs.inputGradients(c);
            requireShape("inputGradients", dx == null ? -1 : dx.length, c.steps(), "[seq]");
            for (int t = 0; t < c.steps(); t++) {
                all.add(flat("inputGradients[" + t + "]", dx[t], c.batchSize(), c.features()));
            }
            double[][][][] ds = inputs.initialStateGradients(c);
            requireShape("initialStateGradients", ds == null ? -1 : ds.length, c.layers(), "[layers]");
            for (int l = 0; l < c.layers(); l++) {
                requireShape("initialStateGradients[" + l + "]", ds[l] == null ? -1 : ds[l].length, 2, "[2] (h, c)");
                all.add(flat("initialStateGradients[" + l + "][0]", ds[l][0], c.batchSize(), c.cells()));
                all.add(flat("initialStateGradients[" + l + "][1]", ds[l][1], c.batchSize(), c.cells()));
            }
        }
        return all.toArray(double[][]::new);
    }

    /** What the subject says of its own rounding: see {@link Subject#noiseScale(RecurrentContractCase)}. */
    @Override
    public double noiseScale() {
        return subject.noiseScale(c);
    }

    @Override
    public String description() {
        return "your recurrent network, " + c;
    }

    /** lstm1 … lstmN, then the head, bottom first: the block names alone do not say where the head is. */
    @Override
    public Optional<ModelLayers> modelLayers() {
        return Optional.of(LayerRoles.of(c).modelLayers(blocks.stream().map(ParameterBlock::name).toList()));
    }

    /**
     * The reference model's: m, T and T·m (the rows of an every-step loss), and K: what a missing or extra division is
     * usually by.
     */
    @Override
    public List<KnownFactor> knownFactors() {
        return c.reference().knownFactors(c.data());
    }

    private static void requireShape(String what, int actual, int expected, String axis) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + ": axis " + axis + " must have " + expected + " entries, got "
                    + (actual < 0 ? "null" : actual));
        }
    }

    /** rows × cols as one row-major array, or an error naming the array and both shapes. */
    private static double[] flat(String what, double[][] a, int rows, int cols) {
        boolean fits = a != null && a.length == rows;
        for (int i = 0; fits && i < rows; i++) {
            fits = a[i] != null && a[i].length == cols;
        }
        if (!fits) {
            throw new IllegalArgumentException(what + ": expected " + rows + "x" + cols + " ([batch][" + (what
                    .startsWith("input") ? "features" : "cells") + "]), got " + shape(a));
        }
        double[] f = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a[i], 0, f, i * cols, cols);
        }
        return f;
    }

    private static String shape(double[][] a) {
        if (a == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder().append(a.length).append("x[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ",").append(a[i] == null ? "null" : Integer.toString(a[i].length));
        }
        return sb.append(']').toString();
    }
}
