package org.gradproof.properties;

import org.gradproof.nn.Activation;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a reference network: input width, hidden layers (width and activation each), an output layer of
 * {@code outputs} units with its {@link Head}, and the batch reduction.
 *
 * @param inputs            features per example, ≥ 1
 * @param hiddenWidths      widths of the hidden layers (0 to 3 of them)
 * @param hiddenActivations their activations, one per hidden layer
 * @param outputs           output units (≥ the head's minimum)
 * @param head              output activation, loss and target kind
 * @param reduction         MEAN or SUM over the batch
 */
public record Architecture(int inputs, List<Integer> hiddenWidths, List<Activation> hiddenActivations, int outputs,
                           Head head, Reduction reduction) {

    public Architecture {
        hiddenWidths = List.copyOf(hiddenWidths);
        hiddenActivations = List.copyOf(hiddenActivations);
        if (hiddenWidths.size() != hiddenActivations.size()) {
            throw new IllegalArgumentException("hiddenWidths has " + hiddenWidths.size() + " entries but "
                    + "hiddenActivations has " + hiddenActivations.size());
        }
    }

    /** The number of dense layers, hidden plus output. */
    public int depth() {
        return hiddenWidths.size() + 1;
    }

    /** The network with weights and biases drawn from U(−scale, scale) with the given seed. */
    public Mlp build(double weightScale, long seed) {
        Mlp.Builder builder = Mlp.builder(inputs);
        for (int l = 0; l < hiddenWidths.size(); l++) {
            builder.dense(hiddenWidths.get(l), hiddenActivations.get(l));
        }
        return builder.dense(outputs, head.output())
                .loss(head.loss(), reduction)
                .weights(Initializer.uniform(weightScale))
                .biases(Initializer.uniform(weightScale))
                .seed(seed)
                .build();
    }

    /** Whether every hidden activation is one of {@code allowed}. */
    public boolean hiddenActivationsAmong(List<? extends Activation> allowed) {
        return allowed.containsAll(hiddenActivations);
    }

    @Override
    public String toString() {
        List<String> layers = new ArrayList<>();
        for (int l = 0; l < hiddenWidths.size(); l++) {
            layers.add(hiddenWidths.get(l) + " " + hiddenActivations.get(l).id());
        }
        layers.add(outputs + " " + head.output().id());
        return inputs + " -> " + String.join(" -> ", layers) + ", " + head.loss().id() + "/" + reduction.id();
    }
}
