package org.gradproof.cli;

import org.gradproof.io.BiasPlacement;
import org.gradproof.io.DocumentLoss;
import org.gradproof.io.GateLayout;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.Layout;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.SequenceBatchDocument;
import org.gradproof.io.WeightOrder;
import org.gradproof.nn.Sequences;

import java.util.List;
import java.util.Optional;

/**
 * An LSTM model document on its sequence batch. Only the parameters are checked (the gradients format has no blocks
 * for the input steps or the initial state), and diagnosis by reproduction does not apply: the catalogue's bugs are
 * rebuilt on dense networks.
 */
record LstmOnBatch(LstmModelDocument document, SequenceBatchDocument batch) implements ModelOnBatch {

    static final String NO_REPRODUCTION = "does not apply to LSTM models (the catalogue's bugs are rebuilt on dense "
            + "networks only); the blocks and entries above locate the error";

    @Override
    public DocumentLoss<Sequences> loss() {
        return document.on(batch);
    }

    @Override
    public double[][] claimed(GradientsDocument gradients) {
        return gradients.blocksFor(document);
    }

    @Override
    public String gradientsJson(WeightOrder weights, BiasPlacement bias, GateLayout gates) {
        DocumentLoss<Sequences> loss = loss();
        return GradientsDocument.toJson(document, loss.gradients(), loss.value(), document.layout().with(weights, bias),
                gates == null ? document.gates() : gates);
    }

    @Override
    public ReproductionStep reproduce(double[][] claimed) {
        return new ReproductionStep(NO_REPRODUCTION, Optional.empty(), false, false, List.of(), Optional.empty());
    }

    @Override
    public String layoutNote(GradientsDocument gradients) {
        Layout layout = gradients.layout();
        boolean inOut = layout.weights() == WeightOrder.IN_OUT;
        boolean stacked = gradients.gates() == GateLayout.STACKED;
        if (!inOut && !stacked && !layout.bias().insideWeights()) {
            return "";
        }
        return "  entries are named lstmN.W_q[cell,input], lstmN.U_q[cell,h] and head.W[unit,input] as [out][in]"
                + (stacked ? "; your stacked lstmN.W holds W_i, W_f, W_g, W_o in that order, so W_q[k,j] is your "
                + (inOut ? "[j][q·cells + k]" : "[q·cells + k][j]") : inOut ? "; your gradients are stored as "
                + "[in][out], so W[i,j] is your [j][i]" : "") + (layout.bias().insideWeights()
                ? "; head.b[i] is unit i's entry of your head.W's bias " + (inOut ? "row" : "column") : "");
    }
}
