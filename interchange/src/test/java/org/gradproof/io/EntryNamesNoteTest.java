package org.gradproof.io;

import org.gradproof.nn.DocumentLoss;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How a report's entry names (row-major [out][in], gates separate) read in the layout a gradients document stores them
 * in: one note, composed from the model's layers, for a dense model and an LSTM model alike.
 */
class EntryNamesNoteTest {

    private static final Layout IN_OUT_LAST = new Layout(WeightOrder.IN_OUT, BiasPlacement.LAST);

    /** The note for gradients written in this layout and read back. */
    private static String note(InterchangeModel<?, ?> model, DocumentLoss<?> loss, Layout layout, GateLayout gates) {
        String json = model.gradientsJson(loss.gradients(), loss.value(), layout, gates);
        return model.entryNamesNote(GradientsDocument.parse(json, "g.json"));
    }

    @Test
    void aDenseModelsNoteNamesItsLayersAndTheirStorage() {
        ModelDocument dense = ModelDocument.of(RoundTripTest.net(), 1, Layout.REFERENCE);
        DocumentLoss<?> loss = DocumentNetworks.on(dense, RoundTripTest.batch());
        assertEquals("", note(dense, loss, Layout.REFERENCE, null));
        assertEquals("  entries are named denseN.W[unit,input] as [out][in]; your denseN.W is stored as [in][out], "
                + "so denseN.W[i,j] is your [j][i]; denseN.b[i] is unit i's entry of your denseN.W's last row",
                note(dense, loss, IN_OUT_LAST, null));
        assertEquals("  entries are named denseN.W[unit,input] as [out][in]; denseN.b[i] is unit i's entry of your "
                + "denseN.W's first column", note(dense, loss, new Layout(WeightOrder.OUT_IN, BiasPlacement.FIRST),
                null));
    }

    @Test
    void anLstmModelsNoteNamesItsGatesAndItsHead() {
        LstmModelDocument lstm = LstmModelDocument.of(LstmDocumentsTest.ARCH, LstmDocumentsTest.net(), 1,
                Layout.REFERENCE, GateLayout.SEPARATE);
        DocumentLoss<?> loss = DocumentNetworks.on(lstm, LstmDocumentsTest.batch()
                .sequencesFor(LstmDocumentsTest.ARCH));
        String named = "  entries are named lstmN.W_q[cell,input], lstmN.U_q[cell,h] and head.W[unit,input] as "
                + "[out][in]; ";
        assertEquals("", note(lstm, loss, Layout.REFERENCE, GateLayout.SEPARATE));
        assertEquals(named + "your lstmN.W_q and lstmN.U_q are stored as [in][out], so W_q[i,j] is your [j][i]; your "
                + "head.W is stored as [in][out], so head.W[i,j] is your [j][i]",
                note(lstm, loss, new Layout(WeightOrder.IN_OUT, BiasPlacement.SEPARATE), GateLayout.SEPARATE));
        assertEquals(named + "your stacked lstmN.W holds W_i, W_f, W_g, W_o in that order, so W_q[k,j] is your "
                + "[j][q·cells + k], and lstmN.U likewise; your head.W is stored as [in][out], so head.W[i,j] is "
                + "your [j][i]; head.b[i] is unit i's entry of your head.W's last row",
                note(lstm, loss, IN_OUT_LAST, GateLayout.STACKED));
        assertEquals(named + "your stacked lstmN.W holds W_i, W_f, W_g, W_o in that order, so W_q[k,j] is your "
                + "[q·cells + k][j], and lstmN.U likewise", note(lstm, loss, Layout.REFERENCE, GateLayout.STACKED));
    }
}
