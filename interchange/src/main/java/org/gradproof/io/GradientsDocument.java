package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A {@code gradproof-gradients} document (version 1): dL/dθ as named blocks, {@code dense1.W}, {@code dense1.b}, …,
 * in a stated layout (with the bias inside W there are no {@code .b} blocks: the bias gradient is W's extra column or
 * row), and optionally the loss L the gradients were taken at. Entries may be NaN or ±Infinity: a gradient that is
 * not finite is something to diagnose, not a reason to refuse the file.
 *
 * <p>The blocks are read against a model ({@link InterchangeModel#parameterGradients}), whose layers fix the names and
 * shapes they must have ({@link LayerCodec}); {@link InterchangeModel#gradientsJson} writes them.
 */
public final class GradientsDocument {

    public static final String FORMAT = "gradproof-gradients";

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            List.of("format", "version", "layout", "loss", "blocks"));

    private final Node root;
    private final Layout layout;
    private final OptionalDouble loss;
    private final Node blocks;

    private GradientsDocument(Node root, Layout layout, OptionalDouble loss, Node blocks) {
        this.root = root;
        this.layout = layout;
        this.loss = loss;
        this.blocks = blocks;
    }

    /** Reads a gradients document from a file, within the default {@link ReadLimits}; errors name the file. */
    public static GradientsDocument read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /**
     * Reads a gradients document from a file, once, within the limits; errors name the file. The blocks are checked
     * against the model's sizes when they are read for it ({@link InterchangeModel#parameterGradients}).
     */
    public static GradientsDocument read(Path file, ReadLimits limits) {
        return from(JsonNodes.read(file, limits, FORMAT));
    }

    /** Parses a gradients document; {@code source} names it in errors. The blocks are checked as {@link #read} says. */
    public static GradientsDocument parse(String json, String source) {
        return from(JsonNodes.parse(json, source));
    }

    private static GradientsDocument from(Node parsed) {
        Node root = JsonNodes.document(parsed, FORMAT, FIELDS);
        Layout layout = JsonNodes.layout(root);
        if (root.field("layout", "").optionalField("gates").isPresent()) {
            JsonNodes.gates(root, true); // a valid value; whether the model has gated layers is checked by blocksFor
        }
        OptionalDouble loss = root.optionalField("loss")
                .map(n -> OptionalDouble.of(n.number(false, "the loss the gradients were taken at")))
                .orElse(OptionalDouble.empty());
        Node blocks = root.field("blocks", "the gradient blocks by name, e.g. {\"dense1.W\": [[…]], \"dense1.b\": […]}");
        if (!blocks.isObject()) {
            throw blocks.error("expected an object of named blocks, got " + JsonNodes.kind(blocks.value()));
        }
        return new GradientsDocument(root, layout, loss, blocks);
    }

    public Layout layout() {
        return layout;
    }

    /** The loss the document says the gradients were taken at, if it says. */
    public OptionalDouble loss() {
        return loss;
    }

    /**
     * The block names a model of these layers has in a layout: {@code dense1.W, dense1.b, …} (no {@code .b} with the
     * bias in W); {@code lstm1.W_i … lstm1.b_o} ({@code lstm1.W, lstm1.U, lstm1.b} stacked), …, {@code head.W}, ….
     */
    static List<String> blockNames(List<LayerCodec> layers, Layout layout, GateLayout gates) {
        List<String> names = new ArrayList<>();
        for (LayerCodec layer : layers) {
            for (String key : layer.keys(layout, gates)) {
                names.add(layer.name() + "." + key);
            }
        }
        return names;
    }

    /**
     * The gradients of a model of these layers as one array per block in the model's block order (every matrix
     * row-major [out][in], gates separate), converted from the document's layout (and gate layout, which it must
     * state exactly when a layer is gated). Gradients of an LSTM's input steps or initial state are not part of the
     * format. Missing, unknown and misshapen blocks are errors that name the block, the expected shape and the layout.
     */
    double[][] blocksFor(List<LayerCodec> layers) {
        boolean gated = layers.stream().anyMatch(LayerCodec::gated);
        GateLayout gates = JsonNodes.gates(root, gated);
        requireBlocks(blockNames(layers, layout, gates), layout + (gated ? ", gates " + gates.id() : ""));
        List<double[]> result = new ArrayList<>();
        for (LayerCodec layer : layers) {
            result.addAll(List.of(layer.read((key, meaning) -> blocks.member(layer.name() + "." + key), layout,
                    gates, LayerCodec.Stored.GRADIENTS)));
        }
        return result.toArray(double[][]::new);
    }

    private void requireBlocks(List<String> expected, String layoutText) {
        for (String name : blocks.fieldNames()) {
            if (!expected.contains(name)) {
                throw blocks.error("unknown block \"" + name + "\"; with " + layoutText + " the model's blocks are "
                        + String.join(", ", expected));
            }
        }
        for (String name : expected) {
            if (!blocks.has(name)) {
                throw blocks.error("missing block \"" + name + "\"; with " + layoutText + " the model's blocks are "
                        + String.join(", ", expected));
            }
        }
    }

    /**
     * How a report's entry names (row-major [out][in], gates separate) relate to the way this document stores the
     * gradients of a model of these layers: "  entries are named … as [out][in]; " and each layer's
     * {@linkplain LayerCodec#storageNotes storage notes} (once each, in layer order), or "" when every entry is stored
     * as the report names it.
     */
    String entryNamesNote(List<LayerCodec> layers) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> notes = new LinkedHashSet<>();
        for (LayerCodec layer : layers) {
            names.addAll(layer.entryNames());
            notes.addAll(layer.storageNotes(layout, gates()));
        }
        if (notes.isEmpty()) {
            return "";
        }
        List<String> n = List.copyOf(names);
        String named = n.size() == 1 ? n.get(0)
                : String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
        return "  entries are named " + named + " as [out][in]; " + String.join("; ", notes);
    }

    /** The gate layout the document states ({@code "layout": {"gates": …}}), or null when it states none. */
    public GateLayout gates() {
        return root.field("layout", "").optionalField("gates").isPresent() ? JsonNodes.gates(root, true) : null;
    }

    /**
     * A gradients document for a model of these layers.
     *
     * @param gradients one array per block in the model's block order; not modified
     * @param loss      the loss the gradients were taken at, or NaN to leave it out
     * @param gates     how gated layers' gradients are stored, or null for a model without gated layers
     */
    static String toJson(List<LayerCodec> layers, double[][] gradients, double loss, Layout layout,
                         GateLayout gates) {
        List<String> members = new ArrayList<>();
        List<double[][]> perLayer = LayerCodec.perLayer(layers, gradients);
        for (int l = 0; l < layers.size(); l++) {
            members.addAll(layers.get(l).blocksJson(perLayer.get(l), layout, gates));
        }
        return document(layout.json(gates), loss, members);
    }

    /** The document around its blocks: format, version, the layout object, the loss unless NaN, the blocks. */
    private static String document(String layoutJson, double loss, List<String> blockParts) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"format\": \"").append(FORMAT).append("\",\n  \"version\": 1,\n");
        s.append("  \"layout\": ").append(layoutJson).append(",\n");
        if (!Double.isNaN(loss)) {
            s.append("  \"loss\": ").append(JsonText.number(loss)).append(",\n");
        }
        s.append("  \"blocks\": {\n").append(String.join(",\n", blockParts)).append("\n  }\n}\n");
        return s.toString();
    }
}
