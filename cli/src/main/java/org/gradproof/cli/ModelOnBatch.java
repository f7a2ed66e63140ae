package org.gradproof.cli;

import org.gradproof.io.BiasPlacement;
import org.gradproof.io.DocumentNetworks;
import org.gradproof.io.GateLayout;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.InterchangeModel;
import org.gradproof.io.ModelDocument;
import org.gradproof.io.ReadLimits;
import org.gradproof.io.WeightOrder;
import org.gradproof.nn.Batch;
import org.gradproof.nn.DocumentLoss;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model document on its batch, whatever the kind of model: what {@code check}, {@code grad} and {@code compare} need
 * from it, in one path for every kind. The document reads its own batch, gradients and layouts
 * ({@link InterchangeModel}); its loss on the batch, L = s · reduction ℓ with the document's scale s, its reference
 * gradients and the objectives checked are a {@link DocumentLoss} ({@link DocumentNetworks#onBatchIn}). Only
 * diagnosis by reproduction asks for a kind: the catalogue's bugs are rebuilt on dense networks.
 *
 * @param document the model document
 * @param loss     the document's loss on the batch
 */
record ModelOnBatch(InterchangeModel<?, ?> document, DocumentLoss<?> loss) {

    static final String NO_REPRODUCTION = "does not apply: the catalogue's bugs are rebuilt on dense networks only, "
            + "and this model is not one; the blocks and entries above locate the error";

    /**
     * Reads the model and the batch named on the command line, each file once and within the limits; the batch must
     * fit the model. Every failure is an {@code InterchangeException} naming the file (and the JSON path, where there
     * is one) in plain words.
     */
    static ModelOnBatch load(Path modelFile, Path batchFile, ReadLimits limits) {
        InterchangeModel<?, ?> model = InterchangeModel.read(modelFile, limits);
        return new ModelOnBatch(model, DocumentNetworks.onBatchIn(model, batchFile, limits));
    }

    /** The supplied gradients as one array per parameter block, in the reference block order. */
    double[][] claimed(GradientsDocument gradients) {
        return document.parameterGradients(gradients);
    }

    /**
     * The reference gradients as a gradients document; each null argument means "as in the model document".
     *
     * @throws BadInputException if {@code gates} is given for a model without gated layers
     */
    String gradientsJson(WeightOrder weights, BiasPlacement bias, GateLayout gates) {
        if (gates != null && !document.hasGates()) {
            throw new BadInputException("--gates: the model has no gated layers (it says how LSTM gate gradients are "
                    + "stored); leave it out");
        }
        return document.gradientsJson(loss.gradients(), loss.value(), document.layout().with(weights, bias), gates);
    }

    /** Diagnosis by reproduction of wrong gradients, or a line saying why it does not apply. */
    ReproductionStep reproduce(double[][] claimed) {
        if (document instanceof ModelDocument dense && loss.data() instanceof Batch batch) {
            return ReproductionStep.run(dense, batch, claimed);
        }
        return new ReproductionStep(NO_REPRODUCTION, Optional.empty(), false, false, List.of(), Optional.empty());
    }

    /** How the report's entry names relate to the supplied gradients' layout, or "" when they are stored alike. */
    String layoutNote(GradientsDocument gradients) {
        return document.entryNamesNote(gradients);
    }
}
