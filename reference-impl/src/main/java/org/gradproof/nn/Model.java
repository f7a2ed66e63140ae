package org.gradproof.nn;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.BlockFunction.KnownFactor;
import org.gradproof.check.ParameterBlock;

import java.util.List;

/**
 * A reference network with a hand-written backprop, as the checker's adapters, the interchange, the CLI and the
 * contract kits see it, whatever its kind: a dense stack ({@link Mlp}, on a {@link Batch}) or a recurrent one
 * ({@link Lstm}, on {@link Sequences}). A new kind of model (a GRU, a convolution) implements this once, and every
 * consumer that goes through it takes the new kind without a path of its own.
 *
 * <p>The model's loss on data d is L(θ; d) = s_red · Σ_n ℓ(ŷ_n(θ; d), y_n), with its {@link Loss} ℓ and
 * {@link Reduction}; {@link #gradients} gives dL/dθ by backprop, block by block.
 *
 * <p><b>The block order</b> is documented once, here, and every method keeps it: the parameter blocks come in the
 * model's {@link #parameterBlocks()} order (layer by layer from the input, each layer's weights before its bias; an
 * {@code Mlp}: {@code dense1.W, dense1.b, dense2.W, …}; an {@code Lstm}: {@code lstm1.W_i … lstm1.b_o, lstm2.W_i …,
 * head.W, head.b}). {@link BlockGradients#blocks()} and the first blocks of {@link #objective} follow it, and so do the
 * interchange's gradients documents; an objective may add blocks after the parameters (an LSTM's input steps, tagged
 * with their {@linkplain ParameterBlock#timeStep() time step}, and its initial state).
 *
 * @param <D> the data the loss is taken on: examples and targets, and whatever else the model starts from
 */
public interface Model<D> {

    /** The live parameter blocks, in the documented order: the checker and the optimizers change them in place. */
    List<ParameterBlock> parameterBlocks();

    /** The parameter blocks' names, in order. */
    default List<String> blockNames() {
        return parameterBlocks().stream().map(ParameterBlock::name).toList();
    }

    /** One line naming the kind, widths, activations, loss and reduction, e.g. {@code mlp 2-3-1 (…), mse/mean}. */
    String describe();

    /**
     * L on the data at the current parameters.
     *
     * @throws IllegalArgumentException if the data does not fit the model (the message names both shapes)
     */
    double loss(D data);

    /** The loss and dL/dθ, one array per parameter block in the documented order, freshly computed by backprop. */
    BlockGradients gradients(D data);

    /**
     * The loss on the data as a function of the live parameter blocks (first, in the documented order) and of any
     * other blocks the model checks with them, for {@code GradientCheck}; its gradient is the model's backprop.
     */
    BlockFunction objective(D data);

    /**
     * The sizes of the problem that explain a scaled gradient (the batch size m, the outputs, the time steps T): the
     * objective reports them, and a check names the one a wrong gradient is scaled by.
     */
    List<KnownFactor> knownFactors(D data);
}
