package org.gradproof.io;

import org.gradproof.nn.Activation;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Dense;
import org.gradproof.nn.DocumentLoss;
import org.gradproof.nn.Mlp;
import org.gradproof.io.JsonNodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code gradproof-model} document (version 1): a stack of dense layers with their weights, a loss and its
 * reduction, and the layout the weights are stored in. It describes a reference {@link Mlp} at given weights; the loss
 * of the document is L = scale · reduction_n ℓ(ŷ_n, y_n), where the optional {@code scale} (default 1) expresses
 * losses such as a cross-entropy divided by the number of classes (scale ½ for two classes).
 *
 * <p>Immutable: {@link #network()} hands out a copy. See {@code docs/interchange.md} for the format.
 */
public final class ModelDocument implements InterchangeModel {

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            List.of("format", "version", "layout", "inputs", "layers", "loss"));
    private static final Set<String> LAYER_FIELDS = new LinkedHashSet<>(
            List.of("type", "units", "activation", "weights", "bias"));

    private final Mlp net;
    private final double scale;
    private final Layout layout;

    private ModelDocument(Mlp net, double scale, Layout layout) {
        this.net = net;
        this.scale = scale;
        this.layout = layout;
    }

    /**
     * A document for a network (copied) with a loss scale and the layout to write it in.
     *
     * @throws IllegalArgumentException if the scale is not a positive finite number
     */
    public static ModelDocument of(Mlp net, double scale, Layout layout) {
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("loss scale: expected a positive finite number, got " + scale);
        }
        return new ModelDocument(net.copy(), scale, java.util.Objects.requireNonNull(layout, "layout"));
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
     * every layer's weights against its declared shape before the network is built, so a size the data does not
     * have allocates nothing.
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
            parameters = ReadLimits.plus(parameters, ReadLimits.times(u, in + 1L));
            limits.requireParameters(unitsNode, parameters, "the model up to dense" + (l + 1) + " (" + u
                    + " units on " + in + " inputs)");
            Node act = layer.field("activation", "e.g. \"sigmoid\"; known: " + Activation.knownNames());
            Activation activation;
            try {
                activation = Activation.named(act.string("the activation"));
                builder.dense(u, activation);
            } catch (IllegalArgumentException e) {
                throw act.error(e.getMessage());
            }
            layers.add(layer);
            units.add(u);
            activations.add(activation);
            in = u;
        }
        LossField lossField = LossField.read(root, activations.get(count - 1));
        List<double[][]> parametersRead = new ArrayList<>();
        in = inputs;
        for (int l = 0; l < count; l++) {
            parametersRead.add(new DenseLayerCodec("dense" + (l + 1), units.get(l), in)
                    .readFields(layers.get(l), layout, null));
            in = units.get(l);
        }
        Mlp net = builder.loss(lossField.loss(), lossField.reduction()).build();
        for (int l = 0; l < count; l++) {
            Dense dense = net.layers().get(l);
            double[][] wb = parametersRead.get(l);
            System.arraycopy(wb[0], 0, dense.weights().data, 0, wb[0].length);
            System.arraycopy(wb[1], 0, dense.bias().data, 0, wb[1].length);
        }
        return new ModelDocument(net, lossField.scale(), layout);
    }

    /** The document as JSON text, in its layout. */
    public String toJson() {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"format\": \"").append(FORMAT).append("\",\n  \"version\": 1,\n");
        s.append("  \"layout\": ").append(layout.json(null)).append(",\n");
        s.append("  \"inputs\": ").append(net.inputs()).append(",\n  \"layers\": [\n");
        List<LayerCodec> codecs = layers();
        for (int l = 0; l < net.layers().size(); l++) {
            Dense d = net.layers().get(l);
            s.append("    {\n      \"type\": \"dense\",\n      \"units\": ").append(d.outputs()).append(",\n");
            s.append("      \"activation\": ").append(JsonText.string(net.activations().get(l).id()));
            s.append(codecs.get(l).fieldsJson(new double[][] {d.weights().data, d.bias().data}, layout, null));
            s.append("\n    }").append(l + 1 < net.layers().size() ? ",\n" : "\n");
        }
        s.append("  ],\n  ").append(LossField.json(net.lossFunction(), net.reduction(), scale));
        return s.append("\n}\n").toString();
    }

    /** A copy of the network, at the document's weights. */
    public Mlp network() {
        return net.copy();
    }

    /** The loss scale s in L = s · reduction ℓ (1 unless the document says otherwise). */
    public double lossScale() {
        return scale;
    }

    public Layout layout() {
        return layout;
    }

    /** This document with another layout (for writing). */
    public ModelDocument withLayout(Layout other) {
        return new ModelDocument(net.copy(), scale, other);
    }

    /** e.g. {@code cross_entropy/mean × 0.5}. */
    public String lossText() {
        return net.lossFunction().id() + "/" + net.reduction().id()
                + (scale == 1 ? "" : " × " + JsonText.number(scale));
    }

    /**
     * The document's loss L = s · L_mlp on a batch: its value, reference gradients (one array per block in
     * {@link Mlp#blockNames()} order) and objectives for {@code GradientCheck}.
     *
     * @throws IllegalArgumentException if the batch does not fit the model (the message names both shapes)
     */
    public DocumentLoss<Batch> on(Batch batch) {
        return new DocumentLoss<>(net::copy, requireFits(batch, "the batch"), scale);
    }

    @Override
    public DocumentLoss<Batch> onBatchIn(Path batchFile, ReadLimits limits) {
        return on(BatchDocument.read(batchFile, limits, this));
    }

    /** False: dense layers have no gates. */
    @Override
    public boolean hasGates() {
        return false;
    }

    /** The layers' codecs, {@code dense1} … in order. */
    private List<LayerCodec> layers() {
        return net.layers().stream().<LayerCodec>map(d -> new DenseLayerCodec(d.name(), d.outputs(), d.inputs()))
                .toList();
    }

    @Override
    public double[][] parameterGradients(GradientsDocument gradients) {
        return gradients.blocksFor(layers());
    }

    @Override
    public String gradientsJson(double[][] gradients, double loss, Layout gradientsLayout, GateLayout gates) {
        if (gates != null) {
            throw new IllegalArgumentException("gates: a dense model has no gated layers, got " + gates.id());
        }
        return GradientsDocument.toJson(layers(), gradients, loss, gradientsLayout, null);
    }

    @Override
    public String entryNamesNote(GradientsDocument gradients) {
        Layout stored = gradients.layout();
        if (stored.equals(Layout.REFERENCE)) {
            return "";
        }
        boolean inOut = stored.weights() == WeightOrder.IN_OUT;
        return "  entries are named W[unit,input] as [out][in]; your gradients are stored " + stored.describe()
                + (inOut ? ", so W[i,j] is your [j][i]" : "") + (stored.bias().insideWeights()
                ? ", and b[i] is unit i's entry of your bias " + (inOut ? "row" : "column") : "");
    }

    /**
     * Throws unless the batch has the model's input and output widths; the message names both shapes.
     *
     * @param what names the batch in the message, e.g. its file name
     */
    public Batch requireFits(Batch batch, String what) {
        if (batch.inputWidth() != net.inputs() || batch.targetWidth() != net.outputs()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s does not fit the model: expected %d inputs and %d targets per example (the model is %s), "
                            + "got %d inputs and %d targets", what, net.inputs(), net.outputs(), net.describe(),
                    batch.inputWidth(), batch.targetWidth()));
        }
        return batch;
    }
}
