package org.gradproof.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a dense layer's bias is stored in a document: in its own vector, or inside W as the weight of an extra input
 * that is always 1 (z = W·[1; x] or W·[x; 1]), as many hand-written networks do.
 */
public enum BiasPlacement {
    /** A separate vector of one number per unit. */
    SEPARATE("separate"),
    /** Inside W as the extra always-1 input at index 0: the first column of [out][in], the first row of [in][out]. */
    FIRST("first"),
    /** Inside W as the extra always-1 input at index in: the last column of [out][in], the last row of [in][out]. */
    LAST("last");

    private final String id;

    BiasPlacement(String id) {
        this.id = id;
    }

    /** The name used in documents and on the command line. */
    public String id() {
        return id;
    }

    /** Whether the bias is stored inside W. */
    public boolean insideWeights() {
        return this != SEPARATE;
    }

    /** The placement with this id, or null. */
    public static BiasPlacement byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst().orElse(null);
    }

    /** The ids, quoted, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(b -> "\"" + b.id + "\"").collect(Collectors.joining(", "));
    }
}
