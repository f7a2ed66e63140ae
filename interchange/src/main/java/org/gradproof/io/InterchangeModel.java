package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;
import org.gradproof.nn.Model;

import java.nio.file.Path;

/**
 * A {@code gradproof-model} document of either kind: a stack of dense layers ({@link ModelDocument}) or lstm layers
 * with a dense head ({@link LstmModelDocument}). {@link #read} and {@link #parse} parse the text once, read the layers'
 * types and hand the parsed document to the right reader; both kinds share the header, the layout and the loss.
 *
 * <p>A document is data: its {@link #architecture()}, its {@link #parameters()} in the model's block order, its loss
 * scale and its layout. {@link DocumentNetworks} makes the network and the document's loss on a batch from them, in
 * one path for every kind. Each kind reads its own batch ({@link #readBatch}) and its own gradients
 * ({@link #parameterGradients}, {@link #gradientsJson}, {@link #entryNamesNote}), so that a caller such as the CLI
 * takes one path for every kind. Its weights and its gradients are stored by the same per-layer codecs
 * ({@link LayerCodec}: a dense layer's, an LSTM layer's), composed in the model's layer order.
 *
 * @param <M> the kind of network the document describes, e.g. {@code Mlp}
 * @param <D> the data that network's loss is taken on
 */
public sealed interface InterchangeModel<M extends Model<D>, D> permits ModelDocument, LstmModelDocument {

    String FORMAT = "gradproof-model";

    /** Reads a model document of either kind from a file, within the default {@link ReadLimits}. */
    static InterchangeModel<?, ?> read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /** Reads a model document of either kind from a file, once, within the limits; errors name the file. */
    static InterchangeModel<?, ?> read(Path file, ReadLimits limits) {
        return of(JsonNodes.read(file, limits, FORMAT), limits);
    }

    /** Parses a model document: an LSTM model if any layer has {@code "type": "lstm"}, else a dense model. */
    static InterchangeModel<?, ?> parse(String json, String source) {
        return of(JsonNodes.parse(json, source), ReadLimits.DEFAULT);
    }

    /** The parsed document, handed to the reader of its kind (no second parse). */
    private static InterchangeModel<?, ?> of(Node root, ReadLimits limits) {
        Node layers = root.has("layers") ? root.field("layers", "") : null;
        if (layers != null && layers.isArray()) {
            for (int l = 0; l < layers.length(""); l++) {
                if ("lstm".equals(layers.element(l).text("type"))) {
                    return LstmModelDocument.from(root, limits);
                }
            }
        }
        return ModelDocument.from(root, limits);
    }

    /** The network's shape without its weights: layers, widths, activations, loss and reduction. */
    ModelArchitecture<M, D> architecture();

    /** The parameters, one array per block in the model's block order (every matrix row-major [out][in]); a copy. */
    double[][] parameters();

    /** How the dense layers (the head, for an LSTM model) are stored. */
    Layout layout();

    /** The loss scale s in L = s · reduction ℓ. */
    double lossScale();

    /** e.g. {@code cross_entropy/mean × 0.5}. */
    default String lossText() {
        double scale = lossScale();
        return architecture().loss().id() + "/" + architecture().reduction().id()
                + (scale == 1 ? "" : " × " + JsonText.number(scale));
    }

    /** The document as JSON text, in its layout. */
    String toJson();

    /**
     * Reads the batch for this model from a file, once and within the limits: examples for a dense model, sequences
     * and their initial state for an LSTM.
     *
     * @throws InterchangeException if the file cannot be read, is not a valid batch of this kind, or does not fit the
     *                              model; the message names the file
     */
    D readBatch(Path batchFile, ReadLimits limits);

    /** Whether the model has gated layers, whose gradients a {@link GateLayout} says how to store. */
    boolean hasGates();

    /**
     * The gradients a gradients document holds, as one array per parameter block in the model's block order (every
     * matrix row-major [out][in], gates separate), converted from the document's layout.
     *
     * @throws InterchangeException if a block is missing, unknown or misshapen (naming the block, the expected shape
     *                              and the layout)
     */
    double[][] parameterGradients(GradientsDocument gradients);

    /**
     * A gradients document for this model's parameter blocks.
     *
     * @param gradients one array per parameter block in the model's block order; not modified
     * @param loss      the loss the gradients were taken at, or NaN to leave it out
     * @param gates     how gate gradients are stored, or null for the model document's way (null for a model without
     *                  gates)
     * @throws IllegalArgumentException if {@code gates} is given for a model without gated layers
     */
    String gradientsJson(double[][] gradients, double loss, Layout layout, GateLayout gates);

    /**
     * How a report's entry names (row-major [out][in], gates separate) relate to the way a gradients document stores
     * them, e.g. "denseN.W[i,j] is your [j][i]", or "" when they are stored alike.
     */
    String entryNamesNote(GradientsDocument gradients);
}
