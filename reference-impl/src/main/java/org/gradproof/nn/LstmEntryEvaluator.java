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
    private final Lstm.Trace cached;
    /** Per block of the objective, the layer (the number of layers: the head) and the step its change enters at. */
    private final int[] levelOf;
    private final int[] stepOf;

    LstmEntryEvaluator(Lstm lstm, List<ParameterBlock> blocks, List<DMatrixRMaj> inputs, LstmState state,
                       DMatrixRMaj targets, Lstm.Trace cached) {
        this.lstm = lstm;
        this.blocks = blocks;
        this.inputs = inputs;
        this.state = state;
        this.targets = targets;
        this.cached = cached;
        this.levelOf = new int[blocks.size()];
        this.stepOf = new int[blocks.size()];
        // the objective's block order: each distinct layer's blocks, the head's, one per input step, h0 and c0 per layer
        int b = 0;
        List<LstmLayer> distinct = lstm.uniqueLayers();
        for (int u = 0; u < distinct.size(); u++) {
            for (int k = 0; k < distinct.get(u).blocks().size(); k++) {
                levelOf[b++] = lstm.sharedCell() ? 0 : u;
            }
        }
        for (int k = 0; k < lstm.head().blocks().size(); k++) {
            levelOf[b++] = lstm.layers().size();
        }
        for (int t = 0; t < inputs.size(); t++) {
            stepOf[b++] = t;
        }
        for (int l = 0; l < lstm.layers().size(); l++) {
            levelOf[b++] = l;
            levelOf[b++] = l;
        }
    }

    @Override
    public double valueWith(int block, int index, double trial) {
        double[] data = blocks.get(block).data();
        double saved = data[index];
        data[index] = trial;
        try {
            return lstm.lossResumed(cached, inputs, state, levelOf[block], stepOf[block], targets);
        } finally {
            data[index] = saved;
        }
    }
}
