package org.gradproof.check;

import java.util.List;

/**
 * A loss over named parameter blocks, with the gradient its implementation claims: what a model exposes to be
 * checked, so that reports say {@code dense2.W[3,1]} rather than "index 17".
 *
 * <p>The checker perturbs the blocks' live arrays in place, one entry at a time, calls {@link #value()}, and restores
 * the original bits before the next evaluation (also when {@code value()} throws).
 */
public interface BlockFunction {

    /** The parameter blocks, in a fixed order; their arrays are live storage the value depends on. */
    List<ParameterBlock> blocks();

    /** The loss at the current contents of the blocks. Must not modify the blocks. */
    double value();

    /**
     * The claimed gradient at the current contents of the blocks: one array per block, in the order of
     * {@link #blocks()}, each as long as its block. Must not modify the blocks.
     */
    double[][] gradient();

    /**
     * A magnitude S such that ε·S bounds the rounding error of {@link #value()} at the current parameters, to first
     * order: for a network, Σ over every intermediate quantity q of |q| · |∂f/∂q|. The checker's noise floor uses
     * max(|f|, S), so that a loss computed through cancellation (a small residual of large outputs, a probability
     * rounded near 1 inside the network) does not make rounding look like a wrong gradient. Default 0: only |f|.
     */
    default double noiseScale() {
        return 0;
    }

    /**
     * A faster way to evaluate f with one entry changed, made at the current parameters, if the model has one. The
     * checker asks once per check, at the point it checks, and changes no parameter while it uses it. A dense network
     * perturbing W_l[i,j] changes only unit i of layer l, so it can start from its cached activations: column i of Z_l
     * moves by (trial − W_l[i,j])·A_{l−1}[:, j], the layer above by a rank-1 update, and only the layers above that run
     * in full. It must agree with {@link #value()} at the perturbed point up to rounding. Default: none; the checker
     * then sets the entry, calls {@link #value()} and restores the entry's bits.
     */
    default java.util.Optional<EntryEvaluator> entryEvaluator() {
        return java.util.Optional.empty();
    }

    /**
     * An independent copy of this function at its current parameters, for another thread of a check
     * ({@link CheckOptions#threads()}): its own blocks (the same names, shapes and values, in arrays of its own), and
     * its own copy of whatever {@link #value()}, {@link #gradient()} or its entry evaluator change (caches, buffers),
     * so that the copy and this function can be evaluated at the same time. Default: empty — checks of this function
     * run on one thread. The checker verifies the copy's blocks (names, sizes, values, separate arrays) before using
     * it, and never evaluates this function itself on more than one thread at a time.
     */
    default java.util.Optional<BlockFunction> threadCopy() {
        return java.util.Optional.empty();
    }

    /**
     * The model's layers, bottom (nearest the input) first, with their weight and bias blocks: what lets a failed
     * report point at a layer ("dense1 is wrong and every layer above it is right: is it dense1's activation
     * derivative …?", see {@link GradientReport#hints()}). Default: read from the block names when they follow a
     * common scheme ({@code dense1.W} / {@code dense1.b}, {@code layers[0].W}, {@code fc1.weight} / {@code fc1.bias},
     * {@code W1} / {@code b1}) whose layer numbers count up from the input; empty otherwise. Override it when the
     * names do not say the order ({@code lstm1.W_i} … {@code head.W}).
     */
    default java.util.Optional<ModelLayers> modelLayers() {
        return ModelLayers.fromBlockNames(blocks().stream().map(ParameterBlock::name).toList());
    }

    /** One line saying what is being checked, e.g. "mlp 2-3-1 (sigmoid, sigmoid), bce/mean, batch 4". */
    default String description() {
        return "function of " + blocks().size() + " block(s)";
    }

    /**
     * Sizes of the problem that explain scale errors, such as the batch size m: a gradient scaled by exactly one of
     * these (or its inverse) is reported with the likely cause.
     */
    default List<KnownFactor> knownFactors() {
        return List.of();
    }

    /**
     * A named size of the problem, e.g. {@code new KnownFactor("the batch size m", 8)}. With a {@code cause}, a
     * gradient scaled by exactly this value is explained by it (e.g. "the gradient is multiplied by the loss value");
     * without one, the checker says what a missing or extra division by it usually means.
     */
    record KnownFactor(String name, double value, String cause) {
        public KnownFactor(String name, double value) {
            this(name, value, null);
        }
    }
}
