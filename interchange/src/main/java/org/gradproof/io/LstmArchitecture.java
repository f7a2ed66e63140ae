package org.gradproof.io;

import org.gradproof.nn.Activation;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.Sequences;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shape of an LSTM model, without its weights.
 *
 * @param inputs     features per time step
 * @param cells      cells of lstm1, lstm2, …
 * @param head       where the head reads the top layer
 * @param outputs    the head's units
 * @param activation the head's activation, e.g. {@code identity}
 */
public record LstmArchitecture(int inputs, List<Integer> cells, Lstm.HeadPlacement head, int outputs,
                               String activation, Loss loss, Reduction reduction)
        implements ModelArchitecture<Lstm, Sequences> {

    public LstmArchitecture {
        cells = List.copyOf(cells);
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(reduction, "reduction");
        activation = Activation.named(activation).id();
    }

    /** A builder for this architecture (weights, forget-gate bias and seed still to choose). */
    public Lstm.Builder builder() {
        Lstm.Builder b = Lstm.builder(inputs);
        cells.forEach(c -> b.layers(1, c));
        if (head == Lstm.HeadPlacement.LAST_STEP) {
            b.lastStepHead(outputs, activation);
        } else {
            b.everyStepHead(outputs, activation);
        }
        return b.loss(loss, reduction);
    }

    @Override
    public Lstm build() {
        return builder().weights(Initializer.zeros()).forgetGateBias(0).build();
    }

    /** The layers' codecs: {@code lstm1 … lstmN}, then the dense {@code head}. */
    List<LayerCodec> layers() {
        List<LayerCodec> layers = new ArrayList<>();
        int in = inputs;
        for (int l = 0; l < cells.size(); l++) {
            layers.add(new LstmLayerCodec("lstm" + (l + 1), in, cells.get(l)));
            in = cells.get(l);
        }
        layers.add(new DenseLayerCodec("head", outputs, in));
        return layers;
    }
}
