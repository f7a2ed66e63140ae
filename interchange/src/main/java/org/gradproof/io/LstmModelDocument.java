package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;
import org.gradproof.nn.Activation;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.Sequences;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code gradproof-model} document (version 1) of an LSTM model: a stack of {@code "lstm"} layers
 * ({@code lstm1 … lstmN}) followed by exactly one dense head layer ({@code head}) that reads the top layer's last
 * hidden state ({@code "head": "last_step"}) or every step's ({@code "every_step"}), and a loss. It describes a
 * reference {@link Lstm} at given weights; L = scale · reduction ℓ as for dense models.
 *
 * <p>Each LSTM layer computes, for each gate q ∈ {i, f, g, o}, z_q = W_q·x_t + U_q·h_{t−1} + b_q, then
 * c_t = σ(z_f) ⊙ c_{t−1} + σ(z_i) ⊙ tanh(z_g), h_t = σ(z_o) ⊙ tanh(c_t). Its parameters are stored as the
 * {@link GateLayout} says ({@code "layout": {"gates": …}}) with every matrix in the layout's {@link WeightOrder};
 * the gate biases are always separate vectors (b_q is PyTorch's b_ih + b_hh). The head is a dense layer stored exactly
 * like a dense model's layers ({@link Layout}). A shared cell (one set of weights for every layer) is not expressible:
 * every lstm layer has its own weights.
 *
 * <p>Immutable data: {@link #parameters()} hands out a copy; {@link DocumentNetworks#network} builds the network.
 */
public final class LstmModelDocument implements InterchangeModel<Lstm, Sequences> {

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            List.of("format", "version", "layout", "inputs", "layers", "loss"));
    private static final Set<String> HEAD_FIELDS = new LinkedHashSet<>(
            List.of("type", "head", "units", "activation", "weights", "bias"));

    private final LstmArchitecture architecture;
    private final double[][] parameters; // one array per block of the network, in its block order
    private final double scale;
    private final Layout layout;
    private final GateLayout gates;

    private LstmModelDocument(LstmArchitecture architecture, double[][] parameters, double scale, Layout layout,
                              GateLayout gates) {
        this.architecture = architecture;
        this.parameters = parameters;
        this.scale = LossField.requireScale(scale);
        this.layout = Objects.requireNonNull(layout, "layout");
        this.gates = Objects.requireNonNull(gates, "gates");
    }

    /**
     * A document for a network of this architecture (its weights are copied), with a loss scale and the layout to
     * write it in.
     *
     * @throws IllegalArgumentException if the network is not of the architecture, or the scale not positive finite
     */
    public static LstmModelDocument of(LstmArchitecture architecture, Lstm net, double scale, Layout layout,
                                       GateLayout gates) {
        String expected = architecture.describe();
        if (!net.describe().equals(expected)) {
            throw new IllegalArgumentException("net: expected a network of the architecture (" + expected + "), got "
                    + net.describe());
        }
        double[][] p = net.parameterBlocks().stream().map(b -> b.data().clone()).toArray(double[][]::new);
        return new LstmModelDocument(architecture, p, scale, layout, gates);
    }

    /** Reads an LSTM model document from a file, within the default {@link ReadLimits}; errors name the file. */
    public static LstmModelDocument read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /** Reads an LSTM model document from a file, once, within the limits; errors name the file. */
    public static LstmModelDocument read(Path file, ReadLimits limits) {
        return from(JsonNodes.read(file, limits, FORMAT), limits);
    }

    /** Parses an LSTM model document, within the default {@link ReadLimits}; {@code source} names it in errors. */
    public static LstmModelDocument parse(String json, String source) {
        return from(JsonNodes.parse(json, source), ReadLimits.DEFAULT);
    }

    /**
     * Reads a parsed LSTM model document. The declared cells and units are checked against the parameter limit (as
     * longs) and every parameter against its declared shape; no network is built here.
     */
    static LstmModelDocument from(Node parsed, ReadLimits limits) {
        Node root = JsonNodes.document(parsed, FORMAT, FIELDS);
        Layout layout = JsonNodes.layout(root);
        GateLayout gates = JsonNodes.gates(root, true);
        int inputs = root.field("inputs", "the number of input features per time step")
                .integer(1, "the number of input features per time step");
        Node layersNode = root.field("layers", "the lstm layers, first to last, then one dense head layer");
        int count = layersNode.length("an array of layers");
        long parameters = 0;
        List<Integer> cells = new ArrayList<>();
        List<Node> lstmLayers = new ArrayList<>();
        List<LayerCodec> codecs = new ArrayList<>();
        Set<String> lstmFields = new LinkedHashSet<>(List.of("type", "cells"));
        lstmFields.addAll(gates.keys());
        Node headLayer = null;
        for (int l = 0; l < count; l++) {
            Node element = layersNode.element(l);
            if (element.has("shared_cell")) {
                throw element.field("shared_cell", "").error("a shared cell (one set of weights for every layer, "
                        + "TensorFlow's [cell] * n) is not supported by version 1 of " + FORMAT + ": give each lstm "
                        + "layer its own weights");
            }
            boolean lstm = "lstm".equals(element.text("type"));
            Node type = element.object(lstm ? "an lstm layer" : "a dense head layer", lstm ? lstmFields : HEAD_FIELDS)
                    .field("type", "\"lstm\" or \"dense\"");
            String t = type.string("the layer type");
            if (t.equals("lstm")) {
                if (headLayer != null) {
                    throw type.error("an lstm layer after the dense head: an LSTM model is lstm layers, then "
                            + "exactly one dense head layer, last");
                }
                Node cellsNode = element.field("cells", "the number of cells");
                int c = cellsNode.integer(1, "the number of cells");
                int in = cells.isEmpty() ? inputs : cells.get(cells.size() - 1);
                LayerCodec codec = new LstmLayerCodec("lstm" + (cells.size() + 1), in, c);
                parameters = limits.requireParameters(cellsNode, parameters, codec);
                codecs.add(codec);
                cells.add(c);
                lstmLayers.add(element);
            } else if (t.equals("dense")) {
                if (headLayer != null) {
                    throw type.error("a second dense layer: an LSTM model has exactly one dense layer, its head, "
                            + "last (put further dense layers in your own code, or check them as a dense model)");
                }
                if (lstmLayers.isEmpty()) {
                    throw type.error("a dense layer before the lstm layers: an LSTM model is lstm layers, then "
                            + "exactly one dense head layer, last");
                }
                headLayer = element;
            } else {
                throw type.error("expected \"lstm\" or \"dense\", got " + JsonNodes.kind(type.value()));
            }
        }
        if (headLayer == null) {
            throw layersNode.error("expected exactly one dense head layer after the lstm layers ({\"type\": \"dense\", "
                    + "\"head\": \"last_step\" | \"every_step\", \"units\", \"activation\", \"weights\", \"bias\"}), "
                    + "got none");
        }
        Node headNode = headLayer.field("head", "where the head reads the top lstm layer: \"last_step\" (h_T) or "
                + "\"every_step\" (h_1 … h_T)");
        String h = headNode.string("where the head reads the top lstm layer");
        Lstm.HeadPlacement placement = switch (h) {
            case "last_step" -> Lstm.HeadPlacement.LAST_STEP;
            case "every_step" -> Lstm.HeadPlacement.EVERY_STEP;
            default -> throw headNode.error("expected \"last_step\" or \"every_step\", got \"" + h + "\"");
        };
        Node unitsNode = headLayer.field("units", "the number of outputs");
        int outputs = unitsNode.integer(1, "the number of outputs");
        LayerCodec head = new DenseLayerCodec("head", outputs, cells.get(cells.size() - 1));
        limits.requireParameters(unitsNode, parameters, head);
        codecs.add(head);
        Node act = headLayer.field("activation", "e.g. \"identity\"");
        Activation activation;
        try {
            activation = Activation.named(act.string("the activation"));
        } catch (IllegalArgumentException e) {
            throw act.error(e.getMessage());
        }
        if (activation == org.gradproof.nn.Softmax.INSTANCE && outputs == 1) {
            throw act.error("softmax over a single unit is the constant 1; give the head at least 2 units or use "
                    + "sigmoid");
        }
        LossField loss = LossField.read(root, activation);
        LstmArchitecture architecture = new LstmArchitecture(inputs, cells, placement, outputs, activation.id(),
                loss.loss(), loss.reduction());
        List<double[]> parameterBlocks = new ArrayList<>();
        for (int l = 0; l < codecs.size(); l++) {
            Node layer = l < lstmLayers.size() ? lstmLayers.get(l) : headLayer;
            parameterBlocks.addAll(List.of(codecs.get(l).readFields(layer, layout, gates)));
        }
        return new LstmModelDocument(architecture, parameterBlocks.toArray(double[][]::new), loss.scale(), layout,
                gates);
    }

    /** The document as JSON text, in its layout. */
    @Override
    public String toJson() {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"format\": \"").append(FORMAT).append("\",\n  \"version\": 1,\n");
        s.append("  \"layout\": ").append(layout.json(gates)).append(",\n");
        s.append("  \"inputs\": ").append(architecture.inputs()).append(",\n  \"layers\": [\n");
        List<LayerCodec> codecs = architecture.layers();
        List<double[][]> perLayer = LayerCodec.perLayer(codecs, parameters);
        for (int l = 0; l + 1 < codecs.size(); l++) {
            s.append("    {\n      \"type\": \"lstm\",\n      \"cells\": ").append(architecture.cells().get(l));
            s.append(codecs.get(l).fieldsJson(perLayer.get(l), layout, gates)).append("\n    },\n");
        }
        s.append("    {\n      \"type\": \"dense\",\n      \"head\": \"")
                .append(architecture.head() == Lstm.HeadPlacement.LAST_STEP ? "last_step" : "every_step")
                .append("\",\n      \"units\": ").append(architecture.outputs()).append(",\n      \"activation\": ")
                .append(JsonText.string(architecture.activation()))
                .append(codecs.get(codecs.size() - 1).fieldsJson(perLayer.get(codecs.size() - 1), layout, gates));
        s.append("\n    }\n  ],\n  ").append(LossField.json(architecture.loss(), architecture.reduction(), scale));
        return s.append("\n}\n").toString();
    }

    @Override
    public LstmArchitecture architecture() {
        return architecture;
    }

    /** The parameters in the reference block order ({@code lstm1.W_i … lstm1.b_o, …, head.W, head.b}); a copy. */
    @Override
    public double[][] parameters() {
        return Arrays.stream(parameters).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public double lossScale() {
        return scale;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    /** How the gates are stored. */
    public GateLayout gates() {
        return gates;
    }

    /** This document with another layout (for writing). */
    public LstmModelDocument withLayout(Layout otherLayout, GateLayout otherGates) {
        return new LstmModelDocument(architecture, parameters, scale, otherLayout, otherGates);
    }

    /** Reads a batch of sequences for this model; a size that does not fit is an error naming its JSON path. */
    @Override
    public Sequences readBatch(Path batchFile, ReadLimits limits) {
        return SequenceBatchDocument.read(batchFile, limits).sequencesFor(architecture);
    }

    /** True: each lstm layer has four gates. */
    @Override
    public boolean hasGates() {
        return true;
    }

    @Override
    public double[][] parameterGradients(GradientsDocument gradients) {
        return gradients.blocksFor(architecture.layers());
    }

    @Override
    public String gradientsJson(double[][] gradients, double loss, Layout gradientsLayout, GateLayout gateLayout) {
        return GradientsDocument.toJson(architecture.layers(), gradients, loss, gradientsLayout,
                gateLayout == null ? gates : gateLayout);
    }

    @Override
    public String entryNamesNote(GradientsDocument gradients) {
        return gradients.entryNamesNote(architecture.layers());
    }
}
