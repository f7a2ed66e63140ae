package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;
import org.gradproof.nn.Dense;
import org.gradproof.nn.Mlp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private final Layout layout;
    private final OptionalDouble loss;
    private final Node blocks;

    private GradientsDocument(Layout layout, OptionalDouble loss, Node blocks) {
        this.layout = layout;
        this.loss = loss;
        this.blocks = blocks;
    }

    /** Reads a gradients document from a file; errors name the file. */
    public static GradientsDocument read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses a gradients document; {@code source} names it in errors. The blocks are checked by {@link #blocksFor}. */
    public static GradientsDocument parse(String json, String source) {
        Node root = JsonNodes.document(json, source, FORMAT, FIELDS);
        Layout layout = JsonNodes.layout(root);
        OptionalDouble loss = root.optionalField("loss")
                .map(n -> OptionalDouble.of(n.number(false, "the loss the gradients were taken at")))
                .orElse(OptionalDouble.empty());
        Node blocks = root.field("blocks", "the gradient blocks by name, e.g. {\"dense1.W\": [[…]], \"dense1.b\": […]}");
        if (!blocks.value().isObject()) {
            throw blocks.error("expected an object of named blocks, got " + JsonNodes.kind(blocks.value()));
        }
        return new GradientsDocument(layout, loss, blocks);
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
        List<String> expected = blockNames(net, layout);
        for (String name : blocks.fieldNames()) {
            if (!expected.contains(name)) {
                throw blocks.error("unknown block \"" + name + "\"; with " + layout + " the model's blocks are "
                        + String.join(", ", expected));
            }
        }
        for (String name : expected) {
            if (!blocks.value().has(name)) {
                throw blocks.error("missing block \"" + name + "\"; with " + layout + " the model's blocks are "
                        + String.join(", ", expected));
            }
        }
        double[][] result = new double[2 * net.layers().size()][];
        for (int l = 0; l < net.layers().size(); l++) {
            Dense d = net.layers().get(l);
            int out = d.outputs();
            int in = d.inputs();
            String name = d.name() + ".W";
            int rows = layout.storedRows(out, in);
            int cols = layout.storedColumns(out, in);
            double[][] stored = blocks.member(name).matrix(rows, cols,
                    "the " + rows + "x" + cols + " gradient of " + name + " " + layout.describe(), false);
            double[] w = new double[out * in];
            double[] b = new double[out];
            layout.unpack(stored, out, in, w, b);
            if (!layout.bias().insideWeights()) {
                String bias = d.name() + ".b";
                b = blocks.member(bias).vector(out, "the gradient of " + bias + ", one per unit", false);
            }
            result[2 * l] = w;
            result[2 * l + 1] = b;
        }
        return result;
    }

    /**
     * A gradients document for {@code net}'s blocks.
     *
     * @param gradients one array per block in {@link Mlp#blockNames()} order, W row-major [out][in]; not modified
     * @param loss      the loss the gradients were taken at, or NaN to leave it out
     */
    public static String toJson(Mlp net, double[][] gradients, double loss, Layout layout) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"format\": \"").append(FORMAT).append("\",\n  \"version\": 1,\n");
        s.append("  \"layout\": {\"weights\": \"").append(layout.weights().id()).append("\", \"bias\": \"")
                .append(layout.bias().id()).append("\"},\n");
        if (!Double.isNaN(loss)) {
            s.append("  \"loss\": ").append(JsonText.number(loss)).append(",\n");
        }
        s.append("  \"blocks\": {\n");
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            Dense d = net.layers().get(l);
            double[][] stored = layout.pack(gradients[2 * l], gradients[2 * l + 1], d.outputs(), d.inputs());
            parts.add("    \"" + d.name() + ".W\": " + JsonText.matrix(stored, 4));
            if (!layout.bias().insideWeights()) {
                parts.add("    \"" + d.name() + ".b\": " + JsonText.vector(gradients[2 * l + 1]));
            }
        }
        s.append(String.join(",\n", parts)).append("\n  }\n}\n");
        return s.toString();
    }
}
