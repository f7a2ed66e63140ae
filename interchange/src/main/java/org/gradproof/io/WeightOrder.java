package org.gradproof.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a dense layer's weight matrix is stored in a document. The reference network computes z = W·x + b with W of
 * shape out × in; PyTorch's {@code nn.Linear} stores it that way too, while code that writes x·W (Keras, many numpy
 * networks) stores its transpose, in × out. The order is always stated: a square W read the wrong way round would be
 * silently transposed.
 */
public enum WeightOrder {
    /** W[i][j] is the weight from input j to unit i: z = W·x (PyTorch, the reference network). */
    OUT_IN("out_in", "[out][in]"),
    /** W[j][i] is the weight from input j to unit i: z = x·W (Keras, row-vector numpy code). */
    IN_OUT("in_out", "[in][out]");

    private final String id;
    private final String notation;

    WeightOrder(String id, String notation) {
        this.id = id;
        this.notation = notation;
    }

    /** The name used in documents and on the command line: {@code out_in} or {@code in_out}. */
    public String id() {
        return id;
    }

    /** {@code [out][in]} or {@code [in][out]}, as used in messages. */
    public String notation() {
        return notation;
    }

    /** The order with this id, or null. */
    public static WeightOrder byId(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst().orElse(null);
    }

    /** The ids, quoted, for messages: {@code "out_in" or "in_out"}. */
    public static String ids() {
        return Arrays.stream(values()).map(o -> "\"" + o.id + "\"").collect(Collectors.joining(" or "));
    }
}
