package org.gradproof.nn;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.BlockFunction.KnownFactor;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A document's loss L_doc = s · L_net, for a dense stack and a stacked LSTM through one generic method: its value and
 * reference gradients are the network's times s, its objectives cover the parameter blocks only, and claimed
 * gradients are refused by block with both sizes.
 */
class DocumentLossTest {

    private static final double S = 0.5;

    private static <D> void scalesTheModelsLoss(Model<D> net, D data) {
        DocumentLoss<D> loss = new DocumentLoss<>(() -> net, data, S);
        assertEquals(S * net.loss(data), loss.value(), 0.0);
        double[][] g = net.gradients(data).blocks();
        double[][] reference = loss.gradients();
        assertEquals(g.length, reference.length, "one array per parameter block, no input or state blocks");
        for (int b = 0; b < g.length; b++) {
            for (int k = 0; k < g[b].length; k++) {
                assertEquals(S * g[b][k], reference[b][k], 0.0, net.blockNames().get(b));
            }
        }
        BlockFunction f = loss.reference();
        assertEquals(net.blockNames(), f.blocks().stream().map(b -> b.name()).toList());
        assertTrue(f.description().endsWith(", loss × 0.5"), f.description());
        KnownFactor last = f.knownFactors().get(f.knownFactors().size() - 1);
        assertEquals("1/scale", last.name());
        assertEquals(2, last.value(), 0.0);
        GradientReport right = GradientCheck.check(loss.claimed(reference));
        assertTrue(right.passed(), right::summary);
        double[][] unscaled = g.clone();
        GradientReport wrong = GradientCheck.check(loss.claimed(unscaled));
        assertFalse(wrong.passed());
        assertTrue(wrong.summary().contains("1/scale"), wrong::summary);
        assertArrayEquals(g[0], unscaled[0], 0.0, "claimed gradients are not modified");
    }

    @Test
    void aDenseStacksLossIsScaledByTheDocument() {
        Mlp net = Mlp.builder(3).dense(4, "tanh").dense(2, "identity").loss(Loss.MSE, Reduction.MEAN)
                .weights(Initializer.uniform(1)).seed(3).build();
        scalesTheModelsLoss(net, MlpTest.batch(5, 3, 2, 4));
    }

    @Test
    void anLstmsLossIsScaledByTheDocument() {
        Lstm net = Lstm.builder(2).layers(1, 3).lastStepHead(2, "identity").loss(Loss.MSE, Reduction.MEAN)
                .forgetGateBias(1).seed(5).build();
        SequenceBatch batch = SequenceBatch.lastStep(LstmTest.sequence(3, 2, 2, 6), LstmTest.sequence(1, 2, 2, 7)[0]);
        scalesTheModelsLoss(net, new Sequences(batch, LstmState.zeros(1, 2, 3)));
    }

    @Test
    void claimedGradientsAreRefusedByBlockWithBothSizes() {
        Mlp net = Mlp.builder(2).dense(1, "sigmoid").loss(Loss.BINARY_CROSS_ENTROPY, Reduction.MEAN).seed(1).build();
        DocumentLoss<Batch> loss = new DocumentLoss<>(net::copy, MlpTest.batch(3, 2, 1, 2), 1);
        assertEquals("claimed gradients: expected 2 blocks [dense1.W, dense1.b], got 1", assertThrows(
                IllegalArgumentException.class, () -> loss.claimed(new double[][] {{1, 2}})).getMessage());
        assertEquals("claimed gradient of dense1.b: expected 1 entries, got 2", assertThrows(
                IllegalArgumentException.class, () -> loss.claimed(new double[][] {{1, 2}, {3, 4}})).getMessage());
        assertEquals("claimed gradient of dense1.W: expected 2 entries, got null", assertThrows(
                IllegalArgumentException.class, () -> loss.claimed(new double[][] {null, {3}})).getMessage());
        assertEquals("scale: expected a positive finite number (the loss scale s in L = s · reduction ℓ), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new DocumentLoss<>(net::copy, loss.data(), 0))
                        .getMessage());
        assertEquals("scale: expected a positive finite number (the loss scale s in L = s · reduction ℓ), got "
                + "Infinity", assertThrows(IllegalArgumentException.class, () -> new DocumentLoss<>(net::copy,
                loss.data(), Double.POSITIVE_INFINITY)).getMessage());
        assertEquals(loss.reference().description(), net.objective(loss.data()).description(), "no scale, no note");
    }
}
