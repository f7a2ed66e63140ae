package org.gradproof.nn;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;

import java.util.List;

/** An {@link Mlp}'s loss on one batch as a {@link BlockFunction} over its live, named parameter blocks. */
final class MlpObjective implements BlockFunction {

    private final Mlp mlp;
    private final Batch batch;
    private final List<ParameterBlock> blocks;

    MlpObjective(Mlp mlp, Batch batch) {
        this.mlp = mlp;
        this.batch = batch;
        this.blocks = mlp.parameterBlocks();
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        return mlp.loss(batch);
    }

    @Override
    public double[][] gradient() {
        return mlp.gradients(batch).blocks();
    }

    /** Re-evaluates from the cached forward pass at the current weights: see {@link MlpEntryEvaluator}. */
    @Override
    public java.util.Optional<org.gradproof.check.EntryEvaluator> entryEvaluator() {
        return java.util.Optional.of(new MlpEntryEvaluator(mlp, batch));
    }

    /** The same network, copied, on the same batch (which no evaluation changes). */
    @Override
    public java.util.Optional<BlockFunction> threadCopy() {
        return java.util.Optional.of(new MlpObjective(mlp.copy(), batch));
    }

    @Override
    public double noiseScale() {
        return mlp.roundingScale(batch);
    }

    @Override
    public String description() {
        return mlp.describe() + ", batch " + batch.size();
    }

    @Override
    public List<KnownFactor> knownFactors() {
        return mlp.knownFactors(batch);
    }
}
