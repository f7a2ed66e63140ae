package org.gradproof.io;

import org.gradproof.nn.Activation;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The shape of a dense model, without its weights: layer l (dense1, dense2, …) has {@code units.get(l)} outputs
 * and the activation {@code activations.get(l)}, on the previous layer's outputs ({@code inputs} for dense1).
 *
 * @param inputs features per example
 * @throws IllegalArgumentException if a width, an activation or the output/loss pairing is not valid (as
 *                                  {@link Mlp.Builder} says)
 */
public record DenseArchitecture(int inputs, List<Integer> units, List<Activation> activations, Loss loss,
                                Reduction reduction) implements ModelArchitecture<Mlp, Batch> {

    public DenseArchitecture {
        units = List.copyOf(units);
        activations = List.copyOf(activations);
        if (units.isEmpty() || units.size() != activations.size()) {
            throw new IllegalArgumentException("activations: expected one per layer (" + units.size()
                    + " layers, at least one), got " + activations.size());
        }
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(reduction, "reduction");
        builder(inputs, units, activations); // the widths and activations
        String problem = loss.pairingProblem(activations.get(activations.size() - 1));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The shape of a network. */
    public static DenseArchitecture of(Mlp net) {
        return new DenseArchitecture(net.inputs(), net.layers().stream().map(d -> d.outputs()).toList(),
                net.activations(), net.lossFunction(), net.reduction());
    }

    @Override
    public int outputs() {
        return units.get(units.size() - 1);
    }

    @Override
    public Mlp build() {
        return builder(inputs, units, activations).loss(loss, reduction).weights(Initializer.zeros()).build();
    }

    private static Mlp.Builder builder(int inputs, List<Integer> units, List<Activation> activations) {
        Mlp.Builder b = Mlp.builder(inputs);
        for (int l = 0; l < units.size(); l++) {
            b.dense(units.get(l), activations.get(l));
        }
        return b;
    }

    /** The layers' codecs, {@code dense1} … in order. */
    List<LayerCodec> layers() {
        List<LayerCodec> layers = new ArrayList<>();
        int in = inputs;
        for (int l = 0; l < units.size(); l++) {
            layers.add(new DenseLayerCodec("dense" + (l + 1), units.get(l), in));
            in = units.get(l);
        }
        return layers;
    }

    /**
     * Throws unless the batch has the model's input and output widths; the message names both shapes.
     *
     * @param what names the batch in the message, e.g. its file name
     */
    public Batch requireFits(Batch batch, String what) {
        if (batch.inputWidth() != inputs || batch.targetWidth() != outputs()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s does not fit the model: expected %d inputs and %d targets per example (the model is %s), "
                            + "got %d inputs and %d targets", what, inputs, outputs(), describe(),
                    batch.inputWidth(), batch.targetWidth()));
        }
        return batch;
    }
}
