package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code gradproof-model} document of either kind: a stack of dense layers ({@link ModelDocument}) or lstm layers
 * with a dense head ({@link LstmModelDocument}). {@link #parse} reads the layers' types and hands the document to the
 * right reader; both kinds share the header, the layout and the loss.
 */
public sealed interface InterchangeModel permits ModelDocument, LstmModelDocument {

    String FORMAT = "gradproof-model";

    /** Reads a model document of either kind from a file; errors name the file. */
    static InterchangeModel read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses a model document: an LSTM model if any layer has {@code "type": "lstm"}, else a dense model. */
    static InterchangeModel parse(String json, String source) {
        Node root = JsonNodes.parse(json, source);
        Node layers = root.value().isObject() && root.value().has("layers") ? root.field("layers", "") : null;
        if (layers != null && layers.value().isArray()) {
            for (int l = 0; l < layers.value().size(); l++) {
                if ("lstm".equals(layers.element(l).value().path("type").asText(null))) {
                    return LstmModelDocument.parse(json, source);
                }
            }
        }
        return ModelDocument.parse(json, source);
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
