package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.EntryEvaluator;
import org.gradproof.check.ParameterBlock;

import java.util.List;

/**
 * An {@link Lstm}'s loss with one entry of its {@link LstmObjective} changed, resumed from the forward pass cached at
 * the current point instead of run from the start ({@link Lstm#lossResumed}):
 * <pre>
 *   a weight of the head                  the head only
 *   a weight of layer l                   layers l … L, every step     (a shared cell: every layer)
 *   x[t=k]                                every layer, steps k … T−1
 *   h0 or c0 of layer l                   layers l … L, every step
 * </pre>
 * On a two-layer stack, half the weights and, on average, half the steps of every input are not run again; the
 * batch is not copied and validated again for each value either. The entry is set in the objective's own storage for
 * the resumed pass and its bits are put back before this returns, as the checker's own set-and-restore would.
 */
final class LstmEntryEvaluator implements EntryEvaluator {

    private final Lstm lstm;
    private final List<ParameterBlock> blocks;
    private final List<DMatrixRMaj> inputs;
    private final LstmState state;
    private final DMatrixRMaj targets;
    private final Lstm.Run cached;
    /** Blocks of the stack's distinct layers (12 each), then the head's 2, then one per input step. */
    private final int layerBlocks;
    private final int steps;

    LstmEntryEvaluator(Lstm lstm, List<ParameterBlock> blocks, List<DMatrixRMaj> inputs, LstmState state,
                       DMatrixRMaj targets, Lstm.Run cached) {
        this.lstm = lstm;
        this.blocks = blocks;
        this.inputs = inputs;
        this.state = state;
        this.targets = targets;
        this.cached = cached;
        this.layerBlocks = 12 * lstm.uniqueLayers().size();
        this.steps = inputs.size();
    }

    @Override
    public double valueWith(int block, int index, double trial) {
        int levels = lstm.layers().size();
        int level;
        int step = 0;
        if (block < layerBlocks) {
            level = lstm.sharedCell() ? 0 : block / 12;
        } else if (block < layerBlocks + 2) {
            level = levels;
        } else if (block < layerBlocks + 2 + steps) {
            level = 0;
            step = block - layerBlocks - 2;
        } else {
            level = (block - layerBlocks - 2 - steps) / 2;
        }
        double[] data = blocks.get(block).data();
        double saved = data[index];
        data[index] = trial;
        try {
            return lstm.lossResumed(cached, inputs, state, level, step, targets);
        } finally {
            data[index] = saved;
        }
    }
}
