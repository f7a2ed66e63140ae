package org.gradproof.io;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How an LSTM layer's gate parameters are stored in a document. The gates are always in the order i, f, g, o (input
 * gate, forget gate, cell candidate, output gate), as in PyTorch's {@code nn.LSTM} and Keras' {@code LSTM}.
 *
 * <ul>
 *   <li>{@code separate}: twelve fields {@code W_i … W_o} (cells × inputs), {@code U_i … U_o} (cells × cells),
 *       {@code b_i … b_o} (cells), as the reference {@code LstmLayer} names its blocks;</li>
 *   <li>{@code stacked}: three fields, the gates' matrices stacked along the cell axis:
 *       W = [W_i; W_f; W_g; W_o] (4·cells × inputs), U = [U_i; U_f; U_g; U_o] (4·cells × cells),
 *       b = [b_i, b_f, b_g, b_o] (4·cells): row q·cells + k of W is row k of W_q. That is PyTorch's
 *       {@code weight_ih_l{k}}, {@code weight_hh_l{k}} and {@code bias_ih_l{k} + bias_hh_l{k}}; with
 *       {@code "weights": "in_out"} the matrices are transposed (inputs × 4·cells), Keras' {@code kernel},
 *       {@code recurrent_kernel} and {@code bias}.</li>
 * </ul>
 */
public enum GateLayout {
    SEPARATE("separate"),
    STACKED("stacked");

    /** The gates in block order. */
    static final List<String> GATES = List.of("i", "f", "g", "o");

    private final String id;

    GateLayout(String id) {
        this.id = id;
    }

    /** The name used in documents and on the command line. */
    public String id() {
        return id;
    }

    /** The layout with this id, or null. */
    public static GateLayout byId(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst().orElse(null);
    }

    /** The ids, quoted, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(g -> "\"" + g.id + "\"").collect(Collectors.joining(" or "));
    }

    /** The field (model) or block-suffix (gradients) names of one layer: W_i … b_o, or W, U, b. */
    public List<String> keys() {
        if (this == STACKED) {
            return List.of("W", "U", "b");
        }
        return List.of("W_i", "W_f", "W_g", "W_o", "U_i", "U_f", "U_g", "U_o", "b_i", "b_f", "b_g", "b_o");
    }
}
