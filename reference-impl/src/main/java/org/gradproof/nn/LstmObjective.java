package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Lstm}'s loss as a function of its parameters, its input steps and its initial state. The objective owns
 * copies of the inputs and the state, which the checker perturbs in place.
 */
final class LstmObjective implements BlockFunction {

    private final Lstm lstm;
    private final List<DMatrixRMaj> inputs;
    private final DMatrixRMaj targets;
    private final LstmState state;
    private final boolean perStep;
    private final List<ParameterBlock> blocks;

    LstmObjective(Lstm lstm, SequenceBatch batch, LstmState state) {
        this.lstm = lstm;
        this.inputs = batch.inputs();
        this.targets = batch.targets();
        this.perStep = batch.perStep();
        this.state = state.copy();
        List<ParameterBlock> all = new ArrayList<>(lstm.parameterBlocks());
        for (int t = 0; t < inputs.size(); t++) {
            DMatrixRMaj x = inputs.get(t);
            all.add(new ParameterBlock("x[t=" + t + "]", x.data, x.numRows, x.numCols).atTimeStep(t));
        }
        for (int l = 0; l < state.layers(); l++) {
            String layer = lstm.layers().get(l).name() + (lstm.sharedCell() ? "#" + (l + 1) : "");
            DMatrixRMaj h = this.state.hidden(l);
            DMatrixRMaj c = this.state.cell(l);
            all.add(new ParameterBlock("h0." + layer, h.data, h.numRows, h.numCols));
            all.add(new ParameterBlock("c0." + layer, c.data, c.numRows, c.numCols));
        }
        this.blocks = List.copyOf(all);
    }

    private SequenceBatch batch() {
        double[][][] x = inputs.stream().map(LstmObjective::rows).toArray(double[][][]::new);
        if (perStep) {
            List<DMatrixRMaj> ys = TimeDistributedDense.split(targets, inputs.size());
            return SequenceBatch.everyStep(x, ys.stream().map(LstmObjective::rows).toArray(double[][][]::new));
        }
        return SequenceBatch.lastStep(x, rows(targets));
    }

    /** The same network, copied, on copies of the inputs and the initial state at their current values. */
    @Override
    public java.util.Optional<BlockFunction> threadCopy() {
        return java.util.Optional.of(new LstmObjective(lstm.copy(), batch(), state));
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        return lstm.loss(batch(), state);
    }

    /**
     * Resumes the forward pass cached at the current point where the changed entry enters: see
     * {@link LstmEntryEvaluator}.
     */
    @Override
    public java.util.Optional<org.gradproof.check.EntryEvaluator> entryEvaluator() {
        return java.util.Optional.of(new LstmEntryEvaluator(lstm, blocks, inputs, state, targets,
                lstm.run(batch(), state)));
    }

    @Override
    public double[][] gradient() {
        LstmGradients g = lstm.gradients(batch(), state);
        List<double[]> all = new ArrayList<>(List.of(g.blocks()));
        for (double[][] dx : g.inputs()) {
            all.add(flat(dx));
        }
        for (double[][][] layer : g.initialState()) {
            all.add(flat(layer[0]));
            all.add(flat(layer[1]));
        }
        return all.toArray(double[][]::new);
    }

    @Override
    public String description() {
        return lstm.describe() + ", T = " + inputs.size() + ", batch " + inputs.get(0).numRows;
    }

    @Override
    public List<KnownFactor> knownFactors() {
        return lstm.knownFactors(new Sequences(batch(), state));
    }

    private static double[][] rows(DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, r[i], 0, m.numCols);
        }
        return r;
    }

    private static double[] flat(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] f = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, f, i * cols, cols);
        }
        return f;
    }
}
