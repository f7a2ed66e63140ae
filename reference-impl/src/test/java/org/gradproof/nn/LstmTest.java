package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LSTM: BPTT under the checker, the state shape of seed 000, sharing, batching, continuation, bad input. */
class LstmTest {

    static double[][][] sequence(int steps, int batch, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][] x = new double[steps][batch][features];
        for (double[][] step : x) {
            for (double[] row : step) {
                for (int j = 0; j < features; j++) {
                    row[j] = r.nextGaussian();
                }
            }
        }
        return x;
    }

    static double[][][][] state(int layers, int batch, int cells, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][][] s = new double[layers][2][batch][cells];
        for (double[][][] layer : s) {
            for (double[][] hc : layer) {
                for (double[] row : hc) {
                    for (int j = 0; j < cells; j++) {
                        row[j] = 0.5 * r.nextGaussian();
                    }
                }
            }
        }
        return s;
    }

    private static Lstm stacked(int inputs, int layers, int cells, boolean shared, long seed) {
        Lstm.Builder b = Lstm.builder(inputs).layers(layers, cells).lastStepHead(2, "identity")
                .loss(Loss.MSE, Reduction.MEAN).forgetGateBias(1).seed(seed);
        return (shared ? b.sharedCell() : b).build();
    }

    @Test
    void threeStackedLayersPassTheCheckForWeightsInputsAndInitialState() {
        Lstm net = stacked(2, 3, 4, false, 1);
        SequenceBatch batch = SequenceBatch.lastStep(sequence(4, 3, 2, 2), sequence(1, 3, 2, 3)[0]);
        LstmState s0 = LstmState.of(state(3, 3, 4, 4), 3, 3, 4);
        GradientReport r = GradientCheck.check(net.objective(batch, s0));
        assertTrue(r.passed(), r::summary);
        assertTrue(r.entry("lstm3.U_f[1,2]").isPresent());
        assertTrue(r.entry("x[t=0][2,1]").isPresent());
        assertTrue(r.entry("c0.lstm1[0,3]").isPresent());
    }

    @Test
    void everyStepHeadAndSharedCellPassTheCheck() {
        Lstm perStep = Lstm.builder(3).layers(2, 3).everyStepHead(2, "identity")
                .loss(Loss.SOFTMAX_CROSS_ENTROPY, Reduction.MEAN).seed(5).build();
        double[][][] y = new double[3][2][2];
        for (double[][] step : y) {
            step[0][0] = 1;
            step[1][1] = 1;
        }
        GradientReport r = GradientCheck.check(perStep.objective(SequenceBatch.everyStep(sequence(3, 2, 3, 6), y),
                LstmState.zeros(2, 2, 3)));
        assertTrue(r.passed(), r::summary);
        Lstm shared = stacked(3, 3, 3, true, 7);
        GradientReport s = GradientCheck.check(shared.objective(
                SequenceBatch.lastStep(sequence(3, 2, 3, 8), sequence(1, 2, 2, 9)[0]), LstmState.of(state(3, 2, 3, 10),
                        3, 2, 3)));
        assertTrue(s.passed(), s::summary);
        assertTrue(shared.sharedCell());
        assertEquals(12 + 2, shared.parameterBlocks().size(), "one cell's blocks, once, and the head");
    }

    @Test
    void aSharedCellsGradientIsTheSumOverTheLayersThatUseIt() {
        Lstm shared = stacked(3, 2, 3, true, 11);
        // The same weights in two independent layers: copy the shared cell into both layers of an unshared stack.
        Lstm separate = stacked(3, 2, 3, false, 11);
        List<org.gradproof.check.ParameterBlock> from = shared.parameterBlocks();
        List<org.gradproof.check.ParameterBlock> to = separate.parameterBlocks();
        for (int layer = 0; layer < 2; layer++) {
            for (int k = 0; k < 12; k++) {
                System.arraycopy(from.get(k).data(), 0, to.get(12 * layer + k).data(), 0, from.get(k).size());
            }
        }
        for (int k = 0; k < 2; k++) {
            System.arraycopy(from.get(12 + k).data(), 0, to.get(24 + k).data(), 0, from.get(12 + k).size());
        }
        SequenceBatch batch = SequenceBatch.lastStep(sequence(4, 2, 3, 12), sequence(1, 2, 2, 13)[0]);
        LstmGradients gs = shared.gradients(batch, LstmState.zeros(2, 2, 3));
        LstmGradients gu = separate.gradients(batch, LstmState.zeros(2, 2, 3));
        assertEquals(gs.loss(), gu.loss(), 0);
        for (int k = 0; k < 12; k++) {
            double[] sum = gu.blocks()[k].clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += gu.blocks()[12 + k][i];
            }
            assertArrayEquals(sum, gs.blocks()[k], 1e-14, gs.names().get(k));
        }
    }

    @Test
    void aBatchIsTheSumOfItsSequencesRunAlone() {
        Lstm net = Lstm.builder(2).layers(2, 3).lastStepHead(1, "identity").loss(Loss.MSE, Reduction.SUM).seed(14)
                .build();
        double[][][] x = sequence(5, 3, 2, 15);
        double[][] y = sequence(1, 3, 1, 16)[0];
        double[][][][] s = state(2, 3, 3, 17);
        LstmGradients all = net.gradients(SequenceBatch.lastStep(x, y), LstmState.of(s, 2, 3, 3));
        double loss = 0;
        double[] sum = new double[all.blocks()[0].length];
        for (int n = 0; n < 3; n++) {
            double[][][] xn = new double[5][1][];
            for (int t = 0; t < 5; t++) {
                xn[t][0] = x[t][n];
            }
            double[][][][] sn = new double[2][2][1][];
            for (int l = 0; l < 2; l++) {
                sn[l][0][0] = s[l][0][n];
                sn[l][1][0] = s[l][1][n];
            }
            LstmGradients one = net.gradients(SequenceBatch.lastStep(xn, new double[][] {y[n]}),
                    LstmState.of(sn, 2, 1, 3));
            loss += one.loss();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += one.blocks()[0][i];
            }
        }
        assertEquals(loss, all.loss(), 1e-13);
        assertArrayEquals(sum, all.blocks()[0], 1e-13);
    }

    @Test
    void continuingFromTheFinalStateEqualsRunningTheWholeSequence() {
        Lstm net = Lstm.builder(2).layers(2, 3).everyStepHead(1, "identity").loss(Loss.MSE, Reduction.MEAN).seed(18)
                .build();
        double[][][] x = sequence(6, 2, 2, 19);
        double[][][] y = sequence(6, 2, 1, 20);
        LstmState s0 = LstmState.of(state(2, 2, 3, 21), 2, 2, 3);
        DMatrixRMaj whole = net.predict(SequenceBatch.everyStep(x, y), s0);
        SequenceBatch first = SequenceBatch.everyStep(java.util.Arrays.copyOfRange(x, 0, 4),
                java.util.Arrays.copyOfRange(y, 0, 4));
        SequenceBatch second = SequenceBatch.everyStep(java.util.Arrays.copyOfRange(x, 4, 6),
                java.util.Arrays.copyOfRange(y, 4, 6));
        DMatrixRMaj a = net.predict(first, s0);
        DMatrixRMaj b = net.predict(second, net.finalState(first, s0));
        for (int i = 0; i < a.getNumElements(); i++) {
            assertEquals(whole.data[i], a.data[i], 0);
        }
        for (int i = 0; i < b.getNumElements(); i++) {
            assertEquals(whole.data[a.getNumElements() + i], b.data[i], 0, "continued step " + i);
        }
    }

    @Test
    void forwardMatchesTheEquationsStepByStep() {
        Lstm net = Lstm.builder(2).layers(1, 2).lastStepHead(1, "identity").loss(Loss.MSE, Reduction.MEAN).seed(22)
                .build();
        LstmLayer cell = net.layers().get(0);
        double[][][] x = sequence(3, 1, 2, 23);
        double[] h = {0, 0};
        double[] c = {0, 0};
        for (double[][] step : x) {
            double[][] gates = new double[4][2];
            for (int q = 0; q < 4; q++) {
                for (int k = 0; k < 2; k++) {
                    double z = cell.bias(q).get(0, k);
                    for (int j = 0; j < 2; j++) {
                        z += cell.inputWeights(q).get(k, j) * step[0][j] + cell.recurrentWeights(q).get(k, j) * h[j];
                    }
                    gates[q][k] = q == 2 ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
                }
            }
            double[] hNext = new double[2];
            for (int k = 0; k < 2; k++) {
                c[k] = gates[1][k] * c[k] + gates[0][k] * gates[2][k];
                hNext[k] = gates[3][k] * Math.tanh(c[k]);
            }
            h = hNext;
        }
        double[][][][] last = net.finalState(SequenceBatch.lastStep(x, new double[][] {{0}}), LstmState.zeros(1, 1, 2))
                .toArray();
        assertArrayEquals(h, last[0][0][0], 1e-15);
        assertArrayEquals(c, last[0][1][0], 1e-15);
    }

    @Test
    void timeDistributedDenseEqualsThePerStepLoopBitForBit() {
        Dense d = new Dense("head", 3, 2);
        SplittableRandom r = new SplittableRandom(24);
        for (int i = 0; i < 6; i++) {
            d.weights().data[i] = r.nextGaussian();
        }
        d.bias().data[1] = 0.3;
        List<DMatrixRMaj> xs = SequenceBatch.lastStep(sequence(5, 4, 3, 25), new double[4][1]).inputs();
        List<DMatrixRMaj> batched = TimeDistributedDense.forward(d, xs);
        List<DMatrixRMaj> looped = TimeDistributedDense.forwardStepByStep(d, xs);
        for (int t = 0; t < 5; t++) {
            assertArrayEquals(looped.get(t).data, batched.get(t).data, 0);
        }
    }

    private static void fails(Executable e, String... fragments) {
        String message = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String f : fragments) {
            assertTrue(message.contains(f), "message lacks '" + f + "': " + message);
        }
    }

    @Test
    void badInputIsNamedWithItsAxisAndShapes() {
        Lstm net = stacked(2, 3, 4, false, 26);
        SequenceBatch good = SequenceBatch.lastStep(sequence(4, 3, 2, 27), sequence(1, 3, 2, 28)[0]);
        // [batch][seq][features] passed where [seq][batch][features] belongs: 3 steps of 4 × 2 against a batch of 3
        fails(() -> net.loss(SequenceBatch.lastStep(sequence(4, 3, 5, 29), sequence(1, 3, 2, 28)[0]),
                LstmState.zeros(3, 3, 4)), "axis 2 (features)", "2", "got 5", "[seq][batch][features]");
        fails(() -> net.loss(good, LstmState.zeros(3, 2, 4)), "initial state[0]", "axis 2 (batch)", "2",
                "batch of 3");
        fails(() -> LstmState.of(state(2, 3, 4, 1), 3, 3, 4), "axis 0 (layers)", "3", "got 2",
                "[layers][2][batch][cells]");
        fails(() -> LstmState.of(new double[3][3][3][4], 3, 3, 4), "axis 1 (h and c)", "2", "got 3");
        fails(() -> LstmState.of(state(3, 3, 5, 1), 3, 3, 4), "axis 3 (cells)", "4", "got 5");
        fails(() -> SequenceBatch.lastStep(new double[0][][], new double[][] {{1}}), "axis 0 (time steps)", "empty");
        double[][][] nan = sequence(2, 1, 2, 30);
        nan[1][0][1] = Double.NaN;
        fails(() -> SequenceBatch.lastStep(nan, new double[][] {{1, 1}}), "inputs[1][0,1]", "NaN");
        fails(() -> SequenceBatch.lastStep(sequence(2, 3, 2, 1), new double[][] {{1, 1}}), "targets", "axis 0 (batch)",
                "3", "got 1");
        fails(() -> Lstm.builder(2).layers(2, 3).sharedCell().lastStepHead(1, "identity").build(), "sharedCell",
                "inputs 2", "cells 3");
    }
}
