package org.gradproof.nn;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.EntryEvaluator;
import org.gradproof.check.ParameterBlock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A model's loss on its data as a document states it, as a {@link BlockFunction} (made by {@link DocumentLoss}):
 * L_doc = s · L_net, with s the document's loss scale, so dL_doc/dθ = s · dL_net/dθ. The gradient is either the
 * reference backprop's (scaled) or someone's claimed gradient, one array per block in the network's block order; the
 * value is always the reference loss.
 *
 * <p>Only the first {@code parameters} blocks of the reference function are exposed: an LSTM's objective also has
 * its input steps and initial state as blocks, which a model document's gradients do not cover.
 */
final class ModelObjective implements BlockFunction {

    private final BlockFunction reference;
    private final int parameters;
    private final double scale;
    private final double[][] claimed;

    /**
     * @param reference  the reference loss and gradient over live blocks
     * @param parameters how many of its blocks, from the first, are the model's parameters (the ones checked)
     * @param claimed    the gradient to check (one array per parameter block), or null for the reference gradient;
     *                   not copied, not modified
     */
    ModelObjective(BlockFunction reference, int parameters, double scale, double[][] claimed) {
        this.reference = reference;
        this.parameters = parameters;
        this.scale = scale;
        this.claimed = claimed;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return reference.blocks().subList(0, parameters);
    }

    @Override
    public double value() {
        return scale * reference.value();
    }

    @Override
    public double[][] gradient() {
        if (claimed != null) {
            double[][] copy = new double[claimed.length][];
            for (int b = 0; b < claimed.length; b++) {
                copy[b] = claimed[b].clone();
            }
            return copy;
        }
        double[][] g = Arrays.copyOf(reference.gradient(), parameters);
        for (double[] block : g) {
            for (int k = 0; k < block.length; k++) {
                block[k] *= scale;
            }
        }
        return g;
    }

    @Override
    public double noiseScale() {
        return Math.abs(scale) * reference.noiseScale();
    }

    /** The reference's own evaluator, scaled like {@link #value()}: its blocks are a prefix of the reference's. */
    @Override
    public Optional<EntryEvaluator> entryEvaluator() {
        return reference.entryEvaluator().map(e -> (block, index, trial) -> scale * e.valueWith(block, index, trial));
    }

    @Override
    public String description() {
        return reference.description() + (scale == 1 ? "" : ", loss × " + scale)
                + (claimed == null ? "" : ", gradients as supplied");
    }

    @Override
    public List<KnownFactor> knownFactors() {
        List<KnownFactor> factors = new ArrayList<>(reference.knownFactors());
        if (scale != 1) {
            factors.add(new KnownFactor("1/scale", 1 / scale, "the gradient lacks the loss's scale " + scale
                    + " (the loss is multiplied by it, the gradient is not)"));
        }
        return factors;
    }
}
