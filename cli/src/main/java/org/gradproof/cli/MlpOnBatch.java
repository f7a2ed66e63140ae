package org.gradproof.cli;

import org.gradproof.io.BiasPlacement;
import org.gradproof.io.DocumentLoss;
import org.gradproof.io.GateLayout;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.Layout;
import org.gradproof.io.ModelDocument;
import org.gradproof.io.WeightOrder;
import org.gradproof.nn.Batch;

/** A dense model document on its batch. */
record MlpOnBatch(ModelDocument document, Batch batch) implements ModelOnBatch {

    @Override
    public DocumentLoss<Batch> loss() {
        return document.on(batch);
    }

    @Override
    public double[][] claimed(GradientsDocument gradients) {
        return gradients.blocksFor(document.network());
    }

    @Override
    public String gradientsJson(WeightOrder weights, BiasPlacement bias, GateLayout gates) {
        if (gates != null) {
            throw new BadInputException("--gates: the model has no lstm layers (it says how LSTM gate gradients are "
                    + "stored); leave it out");
        }
        DocumentLoss<Batch> loss = loss();
        return GradientsDocument.toJson(document.network(), loss.gradients(), loss.value(),
                document.layout().with(weights, bias));
    }

    @Override
    public ReproductionStep reproduce(double[][] claimed) {
        return ReproductionStep.run(document, batch, claimed);
    }

    @Override
    public String layoutNote(GradientsDocument gradients) {
        Layout layout = gradients.layout();
        if (layout.equals(Layout.REFERENCE)) {
            return "";
        }
        boolean inOut = layout.weights() == WeightOrder.IN_OUT;
        return "  entries are named W[unit,input] as [out][in]; your gradients are stored " + layout.describe()
                + (inOut ? ", so W[i,j] is your [j][i]" : "") + (layout.bias().insideWeights()
                ? ", and b[i] is unit i's entry of your bias " + (inOut ? "row" : "column") : "");
    }
}
