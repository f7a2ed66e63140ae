package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Losses: each gradient against a central difference of its value; reductions; the fused routes' accuracy. */
class SoftmaxAndLossTest {

    /** Outputs in the loss's domain: probabilities in (0.05, 0.95) for those that read probabilities. */
    private static DMatrixRMaj outputs(Loss loss, int m, int k, SplittableRandom r) {
        DMatrixRMaj out = new DMatrixRMaj(m, k);
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] = loss == Loss.BINARY_CROSS_ENTROPY || loss == Loss.CROSS_ENTROPY
                    ? r.nextDouble(0.05, 0.95) : r.nextDouble(-3, 3);
        }
        return out;
    }

    private static DMatrixRMaj targets(int m, int k, SplittableRandom r) {
        DMatrixRMaj y = new DMatrixRMaj(m, k);
        for (int i = 0; i < y.getNumElements(); i++) {
            y.data[i] = r.nextDouble();
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gradientMatchesACentralDifferenceOfTheValue(Loss loss) {
        SplittableRandom r = new SplittableRandom(loss.ordinal());
        for (Reduction reduction : Reduction.values()) {
            DMatrixRMaj out = outputs(loss, 3, 4, r);
            DMatrixRMaj y = targets(3, 4, r);
            DMatrixRMaj g = loss.gradient(out, y, reduction);
            for (int i = 0; i < out.getNumElements(); i++) {
                double saved = out.data[i];
                double h = 1e-6;
                out.data[i] = saved + h;
                double up = loss.value(out, y, reduction);
                out.data[i] = saved - h;
                double down = loss.value(out, y, reduction);
                out.data[i] = saved;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, g.data[i], 1e-7 * Math.max(1, Math.abs(numeric)), loss + " " + reduction + " " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void meanIsTheSumOverTheBatchSize(Loss loss) {
        SplittableRandom r = new SplittableRandom(7);
        DMatrixRMaj out = outputs(loss, 5, 3, r);
        DMatrixRMaj y = targets(5, 3, r);
        assertEquals(loss.value(out, y, Reduction.SUM) / 5, loss.value(out, y, Reduction.MEAN), 1e-14);
    }

    @Test
    void softmaxCrossEntropyGradientIsPTimesTargetMassMinusY() {
        double[] z = {0.3, -1.2, 2.0};
        double[] y = {0.5, 0.5, 0.5}; // targets that sum to 1.5, not 1: p − y would be wrong here
        DMatrixRMaj g = Loss.SOFTMAX_CROSS_ENTROPY.gradient(new DMatrixRMaj(1, 3, true, z),
                new DMatrixRMaj(1, 3, true, y), Reduction.SUM);
        double[] p = Softmax.of(z);
        for (int j = 0; j < 3; j++) {
            assertEquals(p[j] * 1.5 - y[j], g.data[j], 1e-15);
            assertEquals(0.5 * p[j], g.data[j] - (p[j] - y[j]), 1e-15, "p − y is off by (Σy − 1)·p");
        }
    }

    @Test
    void fusedLossesKeepTheirGradientInSaturation() {
        // σ(40) rounds to 1, but the gradient of BCE-with-logits at y = 1 is −σ(−40) ≈ −4.2e-18, not 0.
        DMatrixRMaj g = Loss.SIGMOID_BINARY_CROSS_ENTROPY.gradient(new DMatrixRMaj(1, 1, true, 40),
                new DMatrixRMaj(1, 1, true, 1), Reduction.SUM);
        assertEquals(-Math.exp(-40), g.data[0], 1e-3 * Math.exp(-40));
        DMatrixRMaj ce = Loss.SOFTMAX_CROSS_ENTROPY.gradient(new DMatrixRMaj(1, 2, true, 50, 0),
                new DMatrixRMaj(1, 2, true, 1, 0), Reduction.SUM);
        assertEquals(-Math.exp(-50), ce.data[0], 1e-3 * Math.exp(-50));
        double value = Loss.SOFTMAX_CROSS_ENTROPY.value(new DMatrixRMaj(1, 2, true, 50, 0),
                new DMatrixRMaj(1, 2, true, 1, 0), Reduction.SUM);
        assertEquals(Math.exp(-50), value, 1e-3 * Math.exp(-50));
    }

    @Test
    void softmaxIsFiniteSumsToOneAndIgnoresShifts() {
        double[] p = Softmax.of(new double[] {1000, -1000, 0});
        assertTrue(Arrays.stream(p).allMatch(Double::isFinite));
        assertEquals(1, Arrays.stream(p).sum(), 1e-15);
        double[] a = Softmax.of(new double[] {0.1, 0.2, 0.7});
        double[] b = Softmax.of(new double[] {10.1, 10.2, 10.7});
        for (int j = 0; j < 3; j++) {
            assertEquals(a[j], b[j], 1e-15);
        }
    }

    @Test
    void pairingsAreChecked() {
        assertNotNull(Loss.SOFTMAX_CROSS_ENTROPY.pairingProblem(StandardActivation.SIGMOID));
        assertTrue(Loss.SOFTMAX_CROSS_ENTROPY.pairingProblem(StandardActivation.SIGMOID).contains("takes logits"));
        assertTrue(Loss.CROSS_ENTROPY.pairingProblem(StandardActivation.IDENTITY).contains("softmax"));
        assertTrue(Loss.BINARY_CROSS_ENTROPY.pairingProblem(StandardActivation.RELU).contains("relu"));
        assertNull(Loss.CROSS_ENTROPY.pairingProblem(Softmax.INSTANCE));
        assertNull(Loss.MSE.pairingProblem(StandardActivation.TANH));
    }

    @Test
    void lossNamesAndShapeErrors() {
        assertEquals(Loss.BINARY_CROSS_ENTROPY, Loss.named("BCE"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Loss.named("hinge"));
        assertTrue(unknown.getMessage().contains("'hinge'") && unknown.getMessage().contains("mse"));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Loss.MSE.value(new DMatrixRMaj(4, 2), new DMatrixRMaj(4, 3), Reduction.MEAN));
        assertTrue(shape.getMessage().contains("4x2") && shape.getMessage().contains("4x3"), shape.getMessage());
    }
}
