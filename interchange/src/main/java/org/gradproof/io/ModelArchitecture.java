package org.gradproof.io;

import org.gradproof.nn.Loss;
import org.gradproof.nn.Model;
import org.gradproof.nn.Reduction;

/**
 * The shape of a model document's network without its weights: the layers, their widths and activations, the loss ℓ
 * and its reduction. It builds a network of that shape ({@link #build()}); {@link DocumentNetworks} sets the
 * document's weights into it.
 *
 * @param <M> the kind of network, e.g. {@code Mlp}
 * @param <D> the data its loss is taken on
 */
public sealed interface ModelArchitecture<M extends Model<D>, D>
        permits DenseArchitecture, LstmArchitecture {

    /** Features per example (per time step, for a recurrent model). */
    int inputs();

    /** Units of the last layer: the width of a target. */
    int outputs();

    Loss loss();

    Reduction reduction();

    /** A new network of this shape with every parameter zero, its blocks in the model's block order. */
    M build();

    /** e.g. {@code mlp 2-3-1 (tanh, sigmoid), mse/mean} or {@code lstm 2-3, last-step head 1 identity, mse/mean}. */
    default String describe() {
        return build().describe();
    }
}
