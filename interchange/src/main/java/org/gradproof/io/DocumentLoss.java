package org.gradproof.io;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.Model;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A model document's loss on its data, L_doc = s · L_net with the document's loss scale s, so that
 * dL_doc/dθ = s · dL_net/dθ: its value, its reference gradients and the objectives the checker takes. One path for
 * every kind of model ({@link Model}): a dense document on a batch ({@link ModelDocument#on}) and an LSTM document on
 * its sequences ({@link LstmModelDocument#on}) differ only in the network and the data they hand over.
 *
 * <p>Every method works on a fresh network at the document's weights, so the document stays immutable and two
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
     */
    DocumentLoss(Supplier<? extends Model<D>> network, D data, double scale) {
        this.network = Objects.requireNonNull(network, "network");
        this.data = Objects.requireNonNull(data, "data");
        this.scale = scale;
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
     * row-major [out][in], as {@link GradientsDocument}'s {@code blocksFor} returns them; not copied, not modified.
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
