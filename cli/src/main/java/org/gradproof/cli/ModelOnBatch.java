package org.gradproof.cli;

import org.gradproof.io.BatchDocument;
import org.gradproof.io.BiasPlacement;
import org.gradproof.io.DocumentLoss;
import org.gradproof.io.GateLayout;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.InterchangeModel;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.ModelDocument;
import org.gradproof.io.ReadLimits;
import org.gradproof.io.SequenceBatchDocument;
import org.gradproof.io.WeightOrder;

import java.nio.file.Path;

/**
 * A model document on its batch, whatever the kind of model (dense or LSTM): what {@code check}, {@code grad} and
 * {@code compare} need from it. The loss, its reference gradients and the objectives to check take one path for every
 * kind ({@link #loss()}: L = s · reduction ℓ with the document's scale s); what remains per kind is how a gradients
 * document is read and written for it, how its entry names relate to that document, and diagnosis by reproduction.
 */
sealed interface ModelOnBatch permits MlpOnBatch, LstmOnBatch {

    /**
     * Reads the model and the batch named on the command line, each file once and within the limits; the batch must
     * fit the model. Every failure is an {@code InterchangeException} naming the file (and the JSON path, where there
     * is one) in plain words.
     */
    static ModelOnBatch load(Path modelFile, Path batchFile, ReadLimits limits) {
        InterchangeModel model = InterchangeModel.read(modelFile, limits);
        if (model instanceof LstmModelDocument lstm) {
            return new LstmOnBatch(lstm, SequenceBatchDocument.read(batchFile, limits).requireFits(lstm));
        }
        ModelDocument dense = (ModelDocument) model;
        return new MlpOnBatch(dense, BatchDocument.read(batchFile, limits, dense));
    }

    /** The model document (its loss text, layout and scale). */
    InterchangeModel document();

    /** L on the batch: its value, the reference gradients, and the objectives over the model's parameter blocks. */
    DocumentLoss<?> loss();

    /** The supplied gradients as one array per parameter block, in the reference block order. */
    double[][] claimed(GradientsDocument gradients);

    /**
     * The reference gradients as a gradients document; each null argument means "as in the model document".
     *
     * @throws BadInputException if an option does not apply to this kind of model
     */
    String gradientsJson(WeightOrder weights, BiasPlacement bias, GateLayout gates);

    /** Diagnosis by reproduction of wrong gradients, or a line saying why it does not apply. */
    ReproductionStep reproduce(double[][] claimed);

    /** How the report's entry names relate to the supplied gradients' layout, or "" when they are stored alike. */
    String layoutNote(GradientsDocument gradients);
}
