package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;
import org.gradproof.nn.Dense;
import org.gradproof.nn.Mlp;

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
 * <p>The blocks are read against a model ({@link #blocksFor}), which fixes the names and shapes they must have.
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
     * by {@link #blocksFor}, against the model's sizes.
     */
    public static GradientsDocument read(Path file, ReadLimits limits) {
        return from(JsonNodes.read(file, limits, FORMAT));
    }

    /** Parses a gradients document; {@code source} names it in errors. The blocks are checked by {@link #blocksFor}. */
    public static GradientsDocument parse(String json, String source) {
        return from(JsonNodes.parse(json, source));
    }

    private static GradientsDocument from(Node parsed) {
        Node root = JsonNodes.document(parsed, FORMAT, FIELDS);
        Layout layout = JsonNodes.layout(root);
        if (root.field("layout", "").optionalField("gates").isPresent()) {
            JsonNodes.gates(root, true); // a valid value; whether the model has LSTM layers is checked by blocksFor
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

    /** The block names this layout gives a network: {@code dense1.W, dense1.b, …} (no {@code .b} with the bias in W). */
    public static List<String> blockNames(Mlp net, Layout layout) {
        List<String> names = new ArrayList<>();
        for (Dense d : net.layers()) {
            names.add(d.name() + ".W");
            if (!layout.bias().insideWeights()) {
                names.add(d.name() + ".b");
            }
        }
        return names;
    }

    /**
     * The gradients as one array per block of {@code net} in {@link Mlp#blockNames()} order (W row-major [out][in],
     * then b), converted from the document's layout. Missing, unknown and misshapen blocks are errors that name the
     * block, the expected shape and the layout.
     */
    public double[][] blocksFor(Mlp net) {
        JsonNodes.gates(root, false);
        requireBlocks(blockNames(net, layout), layout.toString());
        double[][] result = new double[2 * net.layers().size()][];
        for (int l = 0; l < net.layers().size(); l++) {
            Dense d = net.layers().get(l);
            System.arraycopy(denseLayer(d.name(), d.outputs(), d.inputs()), 0, result, 2 * l, 2);
        }
        return result;
    }

    /**
     * The gradients of one dense layer (a dense model's, or an LSTM's head) as {W row-major [out][in], b}, from its
     * {@code name.W} (and, for a separate bias, {@code name.b}) stored in the document's layout.
     */
    private double[][] denseLayer(String name, int out, int in) {
        int rows = layout.storedRows(out, in);
        int cols = layout.storedColumns(out, in);
        double[][] stored = blocks.member(name + ".W").matrix(rows, cols,
                "the " + rows + "x" + cols + " gradient of " + name + ".W " + layout.describe(), false);
        double[] w = new double[out * in];
        double[] b = new double[out];
        layout.unpack(stored, out, in, w, b);
        if (!layout.bias().insideWeights()) {
            b = blocks.member(name + ".b").vector(out, "the gradient of " + name + ".b, one per unit", false);
        }
        return new double[][] {w, b};
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

    /** The gate layout the document states ({@code "layout": {"gates": …}}), or null when it states none. */
    public GateLayout gates() {
        return root.field("layout", "").optionalField("gates").isPresent() ? JsonNodes.gates(root, true) : null;
    }

    /**
     * The block names of an LSTM model in a layout: {@code lstm1.W_i … lstm1.b_o} ({@code lstm1.W, lstm1.U, lstm1.b}
     * stacked), …, {@code head.W} and, for a separate bias, {@code head.b}.
     */
    public static List<String> blockNames(LstmModelDocument model, Layout layout, GateLayout gates) {
        List<String> names = new ArrayList<>();
        for (int l = 1; l <= model.architecture().cells().size(); l++) {
            for (String key : gates.keys()) {
                names.add("lstm" + l + "." + key);
            }
        }
        names.add("head.W");
        if (!layout.bias().insideWeights()) {
            names.add("head.b");
        }
        return names;
    }

    /**
     * The gradients of an LSTM model's parameters as one array per block in {@link LstmModelDocument#blockNames()}
     * order (W_q, U_q row-major [cells][in], then head.W row-major [out][in] and head.b), converted from the
     * document's layout and gate layout. Gradients of the input steps or the initial state are not part of the
     * format. Missing, unknown and misshapen blocks are errors that name the block, the expected shape and the layout.
     */
    public double[][] blocksFor(LstmModelDocument model) {
        GateLayout gates = JsonNodes.gates(root, true);
        requireBlocks(blockNames(model, layout, gates), layout + ", gates " + gates.id());
        List<double[]> result = new ArrayList<>();
        LstmModelDocument.Architecture a = model.architecture();
        int in = a.inputs();
        for (int l = 0; l < a.cells().size(); l++) {
            String name = "lstm" + (l + 1);
            result.addAll(List.of(LstmStorage.read(key -> blocks.member(name + "." + key), name, in, a.cells().get(l),
                    layout.weights(), gates, "gradient of ", false)));
            in = a.cells().get(l);
        }
        result.addAll(List.of(denseLayer("head", a.outputs(), in)));
        return result.toArray(double[][]::new);
    }

    /**
     * A gradients document for an LSTM model's parameter blocks.
     *
     * @param gradients one array per block in {@link LstmModelDocument#blockNames()} order; not modified
     * @param loss      the loss the gradients were taken at, or NaN to leave it out
     */
    public static String toJson(LstmModelDocument model, double[][] gradients, double loss, Layout layout,
                                GateLayout gates) {
        List<String> parts = new ArrayList<>();
        LstmModelDocument.Architecture a = model.architecture();
        int in = a.inputs();
        for (int l = 0; l < a.cells().size(); l++) {
            double[][] layer = new double[12][];
            System.arraycopy(gradients, 12 * l, layer, 0, 12);
            List<Object> stored = LstmStorage.write(layer, in, a.cells().get(l), layout.weights(), gates);
            for (int k = 0; k < stored.size(); k++) {
                parts.add("    \"lstm" + (l + 1) + "." + gates.keys().get(k) + "\": "
                        + LstmModelDocument.value(stored.get(k), 4));
            }
            in = a.cells().get(l);
        }
        denseLayer(parts, "head", gradients[gradients.length - 2], gradients[gradients.length - 1], a.outputs(), in,
                layout);
        return document(LstmModelDocument.layoutJson(layout, gates), loss, parts);
    }

    /**
     * A gradients document for {@code net}'s blocks.
     *
     * @param gradients one array per block in {@link Mlp#blockNames()} order, W row-major [out][in]; not modified
     * @param loss      the loss the gradients were taken at, or NaN to leave it out
     */
    public static String toJson(Mlp net, double[][] gradients, double loss, Layout layout) {
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            Dense d = net.layers().get(l);
            denseLayer(parts, d.name(), gradients[2 * l], gradients[2 * l + 1], d.outputs(), d.inputs(), layout);
        }
        return document("{\"weights\": \"" + layout.weights().id() + "\", \"bias\": \"" + layout.bias().id() + "\"}",
                loss, parts);
    }

    /** One dense layer's gradient blocks, {@code name.W} in the layout and, for a separate bias, {@code name.b}. */
    private static void denseLayer(List<String> parts, String name, double[] w, double[] b, int out, int in,
                                   Layout layout) {
        parts.add("    \"" + name + ".W\": " + JsonText.matrix(layout.pack(w, b, out, in), 4));
        if (!layout.bias().insideWeights()) {
            parts.add("    \"" + name + ".b\": " + JsonText.vector(b));
        }
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
