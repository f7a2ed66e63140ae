package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;

import java.nio.file.Path;

/**
 * A {@code gradproof-model} document of either kind: a stack of dense layers ({@link ModelDocument}) or lstm layers
 * with a dense head ({@link LstmModelDocument}). {@link #read} and {@link #parse} parse the text once, read the layers'
 * types and hand the parsed document to the right reader; both kinds share the header, the layout and the loss.
 */
public sealed interface InterchangeModel permits ModelDocument, LstmModelDocument {

    String FORMAT = "gradproof-model";

    /** Reads a model document of either kind from a file, within the default {@link ReadLimits}. */
    static InterchangeModel read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /** Reads a model document of either kind from a file, once, within the limits; errors name the file. */
    static InterchangeModel read(Path file, ReadLimits limits) {
        return of(JsonNodes.read(file, limits, FORMAT), limits);
    }

    /** Parses a model document: an LSTM model if any layer has {@code "type": "lstm"}, else a dense model. */
    static InterchangeModel parse(String json, String source) {
        return of(JsonNodes.parse(json, source), ReadLimits.DEFAULT);
    }

    /** The parsed document, handed to the reader of its kind (no second parse). */
    private static InterchangeModel of(Node root, ReadLimits limits) {
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

    /** How the dense layers (the head, for an LSTM model) are stored. */
    Layout layout();

    /** The loss scale s in L = s · reduction ℓ. */
    double lossScale();

    /** e.g. {@code cross_entropy/mean × 0.5}. */
    String lossText();

    /** The document as JSON text, in its layout. */
    String toJson();
}
