package org.gradproof.io;

import org.gradproof.nn.Activation;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.gradproof.io.JsonNodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code gradproof-model} document (version 1): a stack of dense layers with their weights, a loss and its
 * reduction, and the layout the weights are stored in. It describes a reference {@link Mlp} at given weights
 * ({@link DocumentNetworks#network}); the loss of the document is L = scale · reduction_n ℓ(ŷ_n, y_n), where the
 * optional {@code scale} (default 1) expresses losses such as a cross-entropy divided by the number of classes
 * (scale ½ for two classes).
 *
 * <p>Immutable data: {@link #parameters()} hands out a copy. See {@code docs/interchange.md} for the format.
 */
public final class ModelDocument implements InterchangeModel<Mlp, Batch> {

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            List.of("format", "version", "layout", "inputs", "layers", "loss"));
    private static final Set<String> LAYER_FIELDS = new LinkedHashSet<>(
            List.of("type", "units", "activation", "weights", "bias"));

    private final DenseArchitecture architecture;
    private final double[][] parameters; // one array per block, in the model's block order
    private final double scale;
    private final Layout layout;

    private ModelDocument(DenseArchitecture architecture, double[][] parameters, double scale, Layout layout) {
        this.architecture = architecture;
        this.parameters = parameters;
        this.scale = LossField.requireScale(scale);
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /**
     * A document of a network (its weights copied) with a loss scale and the layout to write it in.
     *
     * @throws IllegalArgumentException if the scale is not a positive finite number
     */
    public static ModelDocument of(Mlp net, double scale, Layout layout) {
        return new ModelDocument(DenseArchitecture.of(net),
                net.parameterBlocks().stream().map(b -> b.data().clone()).toArray(double[][]::new), scale, layout);
    }

    /** Reads a model document from a file, within the default {@link ReadLimits}; errors name the file. */
    public static ModelDocument read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /** Reads a model document from a file, once, within the limits; errors name the file. */
    public static ModelDocument read(Path file, ReadLimits limits) {
        return from(JsonNodes.read(file, limits, FORMAT), limits);
    }

    /** Parses a model document, within the default {@link ReadLimits}; {@code source} names it in errors. */
    public static ModelDocument parse(String json, String source) {
        return from(JsonNodes.parse(json, source), ReadLimits.DEFAULT);
    }

    /**
     * Reads a parsed model document. The declared widths are checked against the parameter limit (as longs) and
     * every layer's weights against its declared shape, so a size the data does not have allocates nothing.
     */
    static ModelDocument from(Node parsed, ReadLimits limits) {
        Node root = JsonNodes.document(parsed, FORMAT, FIELDS);
        Layout layout = JsonNodes.layout(root);
        JsonNodes.gates(root, false);
        int inputs = root.field("inputs", "the number of input features").integer(1, "the number of input features");
        Node layersNode = root.field("layers", "the layers, first to last");
        int count = layersNode.length("an array of layers");
        if (count == 0) {
            throw layersNode.error("expected at least one layer, got an empty array");
        }
        Mlp.Builder builder = Mlp.builder(inputs);
        List<Node> layers = new ArrayList<>();
        List<LayerCodec> codecs = new ArrayList<>();
        List<Integer> units = new ArrayList<>();
        List<Activation> activations = new ArrayList<>();
        long parameters = 0;
        int in = inputs;
        for (int l = 0; l < count; l++) {
            Node element = layersNode.element(l);
            if (element.has("head")) {
                throw element.field("head", "").error("unexpected: \"head\" marks the dense layer after lstm "
                        + "layers, and this model has none");
            }
            Node layer = element.object("a layer", LAYER_FIELDS);
            Node type = layer.field("type", "\"dense\"");
            String t = type.string("the layer type");
            if (t.equals("lstm")) {
                throw type.error("\"lstm\" layers make an LSTM model, which ModelDocument (dense layers only) does "
                        + "not describe: read it with InterchangeModel.parse or LstmModelDocument.parse");
            }
            if (!t.equals("dense")) {
                throw type.error("expected \"dense\", got " + JsonNodes.kind(type.value()));
            }
            Node unitsNode = layer.field("units", "the number of units");
            int u = unitsNode.integer(1, "the number of units");
            LayerCodec codec = new DenseLayerCodec("dense" + (l + 1), u, in);
            parameters = limits.requireParameters(unitsNode, parameters, codec);
            Node act = layer.field("activation", "e.g. \"sigmoid\"; known: " + Activation.knownNames());
            Activation activation;
            try {
                activation = Activation.named(act.string("the activation"));
                builder.dense(u, activation);
            } catch (IllegalArgumentException e) {
                throw act.error(e.getMessage());
            }
            layers.add(layer);
            codecs.add(codec);
            units.add(u);
            activations.add(activation);
            in = u;
        }
        LossField lossField = LossField.read(root, activations.get(count - 1));
        List<double[]> blocks = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            blocks.addAll(List.of(codecs.get(l).readFields(layers.get(l), layout, null)));
        }
        DenseArchitecture architecture = new DenseArchitecture(inputs, units, activations, lossField.loss(),
                lossField.reduction());
        return new ModelDocument(architecture, blocks.toArray(double[][]::new), lossField.scale(), layout);
    }

    /** The document as JSON text, in its layout. */
    @Override
    public String toJson() {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"format\": \"").append(FORMAT).append("\",\n  \"version\": 1,\n");
        s.append("  \"layout\": ").append(layout.json(null)).append(",\n");
        s.append("  \"inputs\": ").append(architecture.inputs()).append(",\n  \"layers\": [\n");
        List<LayerCodec> codecs = architecture.layers();
        List<double[][]> perLayer = LayerCodec.perLayer(codecs, parameters);
        for (int l = 0; l < codecs.size(); l++) {
            s.append("    {\n      \"type\": \"dense\",\n      \"units\": ").append(architecture.units().get(l))
                    .append(",\n");
            s.append("      \"activation\": ").append(JsonText.string(architecture.activations().get(l).id()));
            s.append(codecs.get(l).fieldsJson(perLayer.get(l), layout, null));
            s.append("\n    }").append(l + 1 < codecs.size() ? ",\n" : "\n");
        }
        s.append("  ],\n  ").append(LossField.json(architecture.loss(), architecture.reduction(), scale));
        return s.append("\n}\n").toString();
    }

    @Override
    public DenseArchitecture architecture() {
        return architecture;
    }

    /** The weights and biases: {@code dense1.W} (row-major [out][in]), {@code dense1.b}, …; a copy. */
    @Override
    public double[][] parameters() {
        return Arrays.stream(parameters).map(double[]::clone).toArray(double[][]::new);
    }

    /** The loss scale s in L = s · reduction ℓ (1 unless the document says otherwise). */
    @Override
    public double lossScale() {
        return scale;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    /** This document with another layout (for writing). */
    public ModelDocument withLayout(Layout other) {
        return new ModelDocument(architecture, parameters, scale, other);
    }

    /** Reads a batch of examples for this model; a width that does not fit is an error at its JSON path. */
    @Override
    public Batch readBatch(Path batchFile, ReadLimits limits) {
        return BatchDocument.read(batchFile, limits, architecture);
    }

    /** False: dense layers have no gates. */
    @Override
    public boolean hasGates() {
        return false;
    }

    @Override
    public double[][] parameterGradients(GradientsDocument gradients) {
        return gradients.blocksFor(architecture.layers());
    }

    @Override
    public String gradientsJson(double[][] gradients, double loss, Layout gradientsLayout, GateLayout gates) {
        if (gates != null) {
            throw new IllegalArgumentException("gates: a dense model has no gated layers, got " + gates.id());
        }
        return GradientsDocument.toJson(architecture.layers(), gradients, loss, gradientsLayout, null);
    }

    @Override
    public String entryNamesNote(GradientsDocument gradients) {
        return gradients.entryNamesNote(architecture.layers());
    }
}
