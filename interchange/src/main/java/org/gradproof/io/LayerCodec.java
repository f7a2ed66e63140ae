package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one layer's parameter blocks are stored in the interchange's documents: a model document holds them as fields of
 * the layer's object ({@code "weights"}, {@code "bias"}; {@code "W_i"} …), a gradients document as named blocks
 * ({@code "dense1.W"}, {@code "lstm1.W_i"} …). Both are the layer's stored values under its keys ({@link #keys}: a
 * dense layer's {@code W} and, for a separate bias, {@code b}; an LSTM layer's {@link GateLayout#keys()}), converted
 * from and to the layer's blocks in the model's block order (every matrix row-major [out][in], gates separate, as the
 * reference network holds them) by the {@link Layout} and, for gated layers, the {@link GateLayout}.
 *
 * <p>A document of either kind is its layers' codecs in order (a dense model: {@link DenseLayerCodec}s; an LSTM model:
 * {@link LstmLayerCodec}s and a dense head), so a new kind of layer adds one codec and both documents take it.
 */
sealed interface LayerCodec permits DenseLayerCodec, LstmLayerCodec {

    /** What a document stores of a layer, and how its messages name it. */
    enum Stored {
        /** A model document's weights: finite, named plainly ("the 2x3 dense1.W …"). */
        PARAMETERS("", true),
        /** A gradients document's blocks: any number, NaN and ±Infinity included ("the 2x3 gradient of dense1.W …"). */
        GRADIENTS("gradient of ", false);

        final String prefix;
        final boolean finite;

        Stored(String prefix, boolean finite) {
            this.prefix = prefix;
            this.finite = finite;
        }
    }

    /** Where a document holds the stored value of a key; {@code meaning} says what it is, for a missing field. */
    @FunctionalInterface
    interface Values {
        Node at(String key, String meaning);
    }

    /** The layer's name, e.g. {@code dense1}, {@code lstm2}, {@code head}: its blocks are {@code name.key}. */
    String name();

    /** How many parameter blocks the layer has in the model's block order. */
    int blockCount();

    /** Whether its storage depends on a {@link GateLayout} (a document with such a layer must state one). */
    boolean gated();

    /**
     * How many parameters the layer declares, counted as a long and saturated at Long.MAX_VALUE: out · (in + 1) for a
     * dense layer, 4 · cells · (in + cells + 1) for an LSTM layer. The read limits are checked on it before anything
     * of that size is allocated.
     */
    long parameterCount();

    /** The layer's declared size in words, e.g. {@code 3 units on 2 inputs} or {@code 4 cells on 3 inputs}. */
    String size();

    /**
     * How a report names the layer's entries (row-major [out][in], gates separate), with its family of names, e.g.
     * {@code denseN.W[unit,input]}, or {@code lstmN.W_q[cell,input]} and {@code lstmN.U_q[cell,h]}.
     */
    List<String> entryNames();

    /**
     * How those entry names read in a stored layout, one clause each (e.g. "your denseN.W is stored as [in][out], so
     * denseN.W[i,j] is your [j][i]"), or none when the layout stores the entries as the report names them.
     */
    List<String> storageNotes(Layout stored, GateLayout gates);

    /** The layer's family of names: its name with its number as N ({@code denseN}, {@code lstmN}, {@code head}). */
    default String family() {
        return name().replaceAll("[0-9]+$", "N");
    }

    /** The keys of its stored values, in the order they are written: e.g. {@code W, b}, or {@code W, U, b} stacked. */
    List<String> keys(Layout layout, GateLayout gates);

    /** The field of a model document's layer object that holds a key's value (the key itself unless overridden). */
    default String field(String key) {
        return key;
    }

    /**
     * Reads the layer's blocks, in the model's block order, from its stored values. A missing, misshapen or (for
     * parameters) not finite value is an error naming the JSON path, the block, its stored shape and the layout.
     */
    double[][] read(Values values, Layout layout, GateLayout gates, Stored stored);

    /**
     * The layer's stored values, in {@link #keys} order: a {@code double[][]} per matrix (rows as stored), a
     * {@code double[]} per vector. The blocks are not modified.
     *
     * @param blocks the layer's {@link #blockCount()} blocks in the model's block order
     */
    List<Object> write(double[][] blocks, Layout layout, GateLayout gates);

    /**
     * Reads the layer from its object in a model document (its fields named by {@link #field}), as parameters.
     *
     * @throws InterchangeException as {@link #read} does
     */
    default double[][] readFields(Node layer, Layout layout, GateLayout gates) {
        return read((key, meaning) -> layer.field(field(key), meaning), layout, gates, Stored.PARAMETERS);
    }

    /**
     * The layer's fields in a model document, each as {@code ,\n      "field": value} (the layer object's fields are
     * indented by six spaces), to follow the fields that describe the layer.
     */
    default String fieldsJson(double[][] blocks, Layout layout, GateLayout gates) {
        List<String> keys = keys(layout, gates);
        List<Object> values = write(blocks, layout, gates);
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < keys.size(); k++) {
            s.append(",\n      ").append(JsonText.string(field(keys.get(k)))).append(": ")
                    .append(json(values.get(k), 6));
        }
        return s.toString();
    }

    /** The layer's blocks as a gradients document's members, {@code "name.key": value}, indented by four spaces. */
    default List<String> blocksJson(double[][] blocks, Layout layout, GateLayout gates) {
        List<String> keys = keys(layout, gates);
        List<Object> values = write(blocks, layout, gates);
        List<String> members = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            members.add("    " + JsonText.string(name() + "." + keys.get(k)) + ": " + json(values.get(k), 4));
        }
        return members;
    }

    /**
     * Each layer's blocks, cut in order from a whole model's (arrays not copied).
     *
     * @throws IllegalArgumentException unless {@code blocks} has exactly the layers' blocks (naming both counts)
     */
    static List<double[][]> perLayer(List<LayerCodec> layers, double[][] blocks) {
        int total = layers.stream().mapToInt(LayerCodec::blockCount).sum();
        if (blocks.length != total) {
            throw new IllegalArgumentException("blocks: expected " + total + " (the layers "
                    + layers.stream().map(LayerCodec::name).toList() + "), got " + blocks.length);
        }
        List<double[][]> cut = new ArrayList<>();
        int from = 0;
        for (LayerCodec layer : layers) {
            cut.add(Arrays.copyOfRange(blocks, from, from + layer.blockCount()));
            from += layer.blockCount();
        }
        return cut;
    }

    /** A stored value as JSON: a matrix one row per line (its closing bracket indented), a vector on one line. */
    private static String json(Object stored, int indent) {
        return stored instanceof double[][] m ? JsonText.matrix(m, indent) : JsonText.vector((double[]) stored);
    }
}
