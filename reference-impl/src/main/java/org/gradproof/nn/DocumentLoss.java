package org.gradproof.nn;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A model's loss on its data as a document states it (a network at given weights, its data and a loss scale s, such
 * as the interchange's model documents): L_doc = s · L_net, so that dL_doc/dθ = s · dL_net/dθ. Its value, its
 * reference gradients, the objectives the checker takes and the validation of someone's claimed gradients, written
 * once for every kind of model ({@link Model}): a dense network on a {@link Batch} and an LSTM on its
 * {@link Sequences} differ only in the network and the data they hand over.
 *
 * <p>Every method works on a fresh network from {@code network}, so whatever holds the weights stays unchanged and two
 * objectives never share live blocks. Gradients come one array per parameter block, in the model's block order.
 *
 * @param <D> the data the network's loss is taken on
 */
public final class DocumentLoss<D> {

    private final Supplier<? extends Model<D>> network;
    private final D data;
    private final double scale;

    /**
     * @param network makes a fresh network at the document's weights on each call
     * @param data    the data, already checked to fit the network
     * @param scale   the document's loss scale s
     * @throws IllegalArgumentException if the scale is not a positive finite number ({@link #scaleProblem})
     */
    public DocumentLoss(Supplier<? extends Model<D>> network, D data, double scale) {
        String problem = scaleProblem(scale);
        if (problem != null) {
            throw new IllegalArgumentException("scale: " + problem);
        }
        this.network = Objects.requireNonNull(network, "network");
        this.data = Objects.requireNonNull(data, "data");
        this.scale = scale;
    }

    /**
     * What is wrong with a loss scale s, or null when it is right: s must be a positive finite number. The one check
     * of a loss scale, wherever one is given (an argument here, a document's {@code $.loss.scale}), so that every
     * caller says the same after naming the argument or the JSON path.
     */
    public static String scaleProblem(double scale) {
        return scale > 0 && Double.isFinite(scale) ? null
                : "expected a positive finite number (the loss scale s in L = s · reduction ℓ), got " + scale;
    }

    /** The data the loss is taken on (a {@code Batch} for a dense document, {@code Sequences} for an LSTM's). */
    public D data() {
        return data;
    }

    /** L_doc = s · L_net. */
    public double value() {
        return reference().value();
    }

    /** The reference gradient s · dL_net/dθ, one array per parameter block in the model's block order. */
    public double[][] gradients() {
        return reference().gradient();
    }

    /**
     * L_doc as a function of a fresh network's parameter blocks (not of an LSTM's input steps or initial state: a
     * gradients document has no blocks for them), with the reference backprop's gradient, for {@code GradientCheck}.
     */
    public BlockFunction reference() {
        Model<D> net = network.get();
        return new ModelObjective(net.objective(data), net.parameterBlocks().size(), scale, null);
    }

    /**
     * L_doc with {@code claimed} as its gradient: one array per parameter block in the model's block order, W
     * row-major [out][in] (as the interchange's gradients documents are read); not copied, not modified.
     *
     * @throws IllegalArgumentException if a block is missing or has the wrong number of entries (the message names
     *                                  the block, expected and got)
     */
    public BlockFunction claimed(double[][] claimed) {
        Model<D> net = network.get();
        List<ParameterBlock> blocks = net.parameterBlocks();
        if (claimed == null || claimed.length != blocks.size()) {
            throw new IllegalArgumentException("claimed gradients: expected " + blocks.size() + " blocks "
                    + net.blockNames() + ", got " + (claimed == null ? "null" : claimed.length));
        }
        for (int b = 0; b < claimed.length; b++) {
            if (claimed[b] == null || claimed[b].length != blocks.get(b).size()) {
                throw new IllegalArgumentException("claimed gradient of " + blocks.get(b).name() + ": expected "
                        + blocks.get(b).size() + " entries, got " + (claimed[b] == null ? "null" : claimed[b].length));
            }
        }
        return new ModelObjective(net.objective(data), blocks.size(), scale, claimed);
    }
}
