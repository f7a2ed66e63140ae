package org.gradproof.io;

import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.DocumentLoss;
import org.gradproof.nn.Model;

import java.nio.file.Path;
import java.util.List;

/**
 * A model document as a reference network, and the document's loss on data: the one place a document's data (its
 * architecture, its parameters, its loss scale) becomes an {@code nn} model, for every kind alike. The loss, L_doc =
 * s · L_net, its reference gradients and the objectives the checker takes are a {@link DocumentLoss}, computed in
 * {@code nn}.
 */
public final class DocumentNetworks {

    private DocumentNetworks() {
    }

    /** A new network of the document's architecture at its parameters (an {@code Mlp}, an {@code Lstm}). */
    public static <M extends Model<D>, D> M network(InterchangeModel<M, D> document) {
        M net = document.architecture().build();
        double[][] parameters = document.parameters();
        List<ParameterBlock> blocks = net.parameterBlocks();
        for (int b = 0; b < blocks.size(); b++) {
            System.arraycopy(parameters[b], 0, blocks.get(b).data(), 0, parameters[b].length);
        }
        return net;
    }

    /**
     * The document's loss L_doc = s · L_net on data: its value, reference gradients (one array per block in the
     * model's block order) and objectives for {@code GradientCheck}, each on a new network from {@link #network}.
     *
     * @param data data that fits the model (as {@link InterchangeModel#readBatch} returns it); data that does not is
     *             an {@code IllegalArgumentException} naming both shapes when the loss is taken
     */
    public static <M extends Model<D>, D> DocumentLoss<D> on(InterchangeModel<M, D> document, D data) {
        return new DocumentLoss<>(() -> network(document), data, document.lossScale());
    }

    /**
     * Reads the document's batch from a file, once and within the limits, and returns the document's loss on it.
     *
     * @throws InterchangeException if the file cannot be read, is not a valid batch for the model, or does not fit it;
     *                              the message names the file
     */
    public static <M extends Model<D>, D> DocumentLoss<D> onBatchIn(InterchangeModel<M, D> document, Path batchFile,
                                                                    ReadLimits limits) {
        return on(document, document.readBatch(batchFile, limits));
    }
}
