package org.gradproof.properties;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.LstmGradients;
import org.gradproof.nn.LstmState;
import org.gradproof.nn.SequenceBatch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.gradproof.properties.LstmGenerators.lstmCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/** Stacked LSTMs under the checker: random configurations pass, planted bugs are named, the sequence algebra holds. */
class LstmProperties {

    /** Planted LSTM bugs re-measure every entry of a block: 200 examples by default ({@link Examples}). */
    private static final int PLANTED_EXAMPLES = Examples.share(0.2);

    @Test
    void randomLstmConfigurationsPassTheCheck() {
        qt().forAll(lstmCases()).checkAssert(c -> {
            GradientReport r = GradientCheck.check(c.objective());
            assertTrue(r.passed(), () -> c + "\n" + r.summary());
        });
    }

    /** A sign flip of one LSTM weight block (W, U or b of one gate of one layer) is named as that block's. */
    @Test
    void aSignFlipOfOneGateBlockIsNamed() {
        Exercised planted = new Exercised("gate sign flips planted");
        qt().withExamples(PLANTED_EXAMPLES).forAll(lstmCases(), integers().between(0, 35)).checkAssert((c, choice) -> {
            planted.example();
            PlantedBug bug = new PlantedBug(c, c::objective);
            int lstmBlocks = 12 * (c.sharedCell() ? 1 : c.layers());
            bug.block(choice % lstmBlocks, b -> b < lstmBlocks && bug.resolvable(b, 2)).ifPresent(b -> {
                planted.hit();
                GradientReport r = GradientCheck.check(CorruptedGradient.signFlipped(c.objective(), b));
                assertEquals(Diagnosis.SIGN_FLIP, r.diagnosis(), () -> c + "\n" + r.summary());
                assertEquals(List.of(bug.blockName(b)), r.wrongBlocks(), () -> c + "\n" + r.summary());
            });
        });
        planted.requireAtLeast(0.5);
    }

    /**
     * The stack's final state is the LSTM equations unrolled by hand, one sequence, one layer and one step at a time
     * (plain loops over the live gate weights), from the same initial state: what BPTT differentiates is the unrolled
     * computation.
     */
    @Test
    void theFinalStateIsTheEquationsUnrolledStepByStep() {
        qt().forAll(lstmCases()).checkAssert(c -> {
            Lstm net = c.network();
            SequenceBatch batch = c.batch();
            double[][][][] state = c.state().toArray();
            double[][][][] expected = unrolled(net, batch, state);
            double[][][][] actual = net.finalState(batch, c.state()).toArray();
            for (int l = 0; l < expected.length; l++) {
                for (int s = 0; s < 2; s++) {
                    for (int n = 0; n < expected[l][s].length; n++) {
                        for (int k = 0; k < expected[l][s][n].length; k++) {
                            assertEquals(expected[l][s][n][k], actual[l][s][n][k], 1e-12,
                                    c + ": layer " + l + (s == 0 ? " h" : " c") + " of sequence " + n + ", cell " + k);
                        }
                    }
                }
            }
        });
    }

    /** [layers][h, c][sequence][cell] after the last step, by the equations of {@link org.gradproof.nn.LstmLayer}. */
    private static double[][][][] unrolled(Lstm net, SequenceBatch batch, double[][][][] initial) {
        int layers = net.layers().size();
        double[][][][] out = new double[layers][2][batch.size()][];
        for (int n = 0; n < batch.size(); n++) {
            List<double[]> xs = new java.util.ArrayList<>();
            for (DMatrixRMaj step : batch.inputs()) {
                xs.add(Arrays.copyOfRange(step.data, n * step.numCols, (n + 1) * step.numCols));
            }
            for (int l = 0; l < layers; l++) {
                org.gradproof.nn.LstmLayer cell = net.layers().get(l);
                double[] h = initial[l][0][n].clone();
                double[] cs = initial[l][1][n].clone();
                List<double[]> hs = new java.util.ArrayList<>();
                for (double[] x : xs) {
                    double[][] gates = new double[4][cell.cells()];
                    for (int q = 0; q < 4; q++) {
                        for (int k = 0; k < cell.cells(); k++) {
                            double z = cell.bias(q).get(0, k);
                            for (int j = 0; j < x.length; j++) {
                                z += cell.inputWeights(q).get(k, j) * x[j];
                            }
                            for (int j = 0; j < h.length; j++) {
                                z += cell.recurrentWeights(q).get(k, j) * h[j];
                            }
                            gates[q][k] = q == 2 ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
                        }
                    }
                    double[] next = new double[cell.cells()];
                    for (int k = 0; k < next.length; k++) {
                        cs[k] = gates[1][k] * cs[k] + gates[0][k] * gates[2][k];
                        next[k] = gates[3][k] * Math.tanh(cs[k]);
                    }
                    h = next;
                    hs.add(h);
                }
                out[l][0][n] = h;
                out[l][1][n] = cs;
                xs = hs;
            }
        }
        return out;
    }

    /** Zeroing the gradient of one input step (a cut in time) is MISSING_GRADIENT on exactly that step. */
    @Test
    void aCutInTimeIsNamedByItsStep() {
        Exercised planted = new Exercised("cuts in time planted");
        qt().withExamples(PLANTED_EXAMPLES).forAll(lstmCases(), integers().between(0, 5)).checkAssert((c, step) -> {
            planted.example();
            int t = step % c.steps();
            PlantedBug bug = new PlantedBug(c, c::objective);
            int block = bug.correctReport().blocks().stream().map(s -> s.name()).toList().indexOf("x[t=" + t + "]");
            if (bug.usable() && bug.resolvable(block, 1)) {
                planted.hit();
                GradientReport r = GradientCheck.check(CorruptedGradient.zeroed(c.objective(), block));
                assertEquals(Diagnosis.MISSING_GRADIENT, r.diagnosis(), () -> c + "\n" + r.summary());
                assertEquals(List.of("x[t=" + t + "]"), r.wrongBlocks(), () -> c + "\n" + r.summary());
            }
        });
        planted.requireAtLeast(0.5);
    }

    /** Gradients of a batch (SUM reduction) are the sums of the gradients of its sequences run alone. */
    @Test
    void aBatchIsItsSequencesRunAlone() {
        qt().forAll(lstmCases()).checkAssert(c -> {
            Lstm net = c.network();
            SequenceBatch batch = c.batch();
            LstmState state = c.state();
            DMatrixRMaj all = net.predict(batch, state);
            double[][][][] s = state.toArray();
            List<DMatrixRMaj> xs = batch.inputs();
            DMatrixRMaj targets = batch.targets();
            for (int n = 0; n < c.batchSize(); n++) {
                double[][][] xn = new double[c.steps()][1][];
                for (int t = 0; t < c.steps(); t++) {
                    xn[t][0] = Arrays.copyOfRange(xs.get(t).data, n * c.inputs(), (n + 1) * c.inputs());
                }
                double[][][][] sn = new double[c.layers()][2][1][];
                for (int l = 0; l < c.layers(); l++) {
                    sn[l][0][0] = s[l][0][n];
                    sn[l][1][0] = s[l][1][n];
                }
                int k = targets.numCols;
                SequenceBatch alone = c.everyStep() ? SequenceBatch.everyStep(xn, new double[c.steps()][1][k])
                        : SequenceBatch.lastStep(xn, new double[1][k]);
                DMatrixRMaj one = net.predict(alone, LstmState.of(sn, c.layers(), 1, c.cells()));
                int steps = c.everyStep() ? c.steps() : 1;
                for (int t = 0; t < steps; t++) {
                    for (int j = 0; j < k; j++) {
                        assertEquals(all.get(t * c.batchSize() + n, j), one.get(t, j), 1e-14, c::toString);
                    }
                }
            }
        });
    }

    /** The inputs with zero targets of the head's kind (the final state does not depend on the targets). */
    private static SequenceBatch dummyTargets(LstmCase c, double[][][] inputs) {
        int k = c.classifier() ? 3 : 2;
        return c.everyStep() ? SequenceBatch.everyStep(inputs, new double[inputs.length][c.batchSize()][k])
                : SequenceBatch.lastStep(inputs, new double[c.batchSize()][k]);
    }

    /** Running the first steps, then the rest from the returned final state, gives the same final state. */
    @Test
    void continuingFromTheFinalStateEqualsTheWholeSequence() {
        qt().forAll(lstmCases().assuming(c -> c.steps() > 1), integers().between(1, 5)).checkAssert((c, cut) -> {
            int split = 1 + (cut - 1) % (c.steps() - 1);
            Lstm net = c.network();
            SequenceBatch batch = c.batch();
            LstmGradients whole = net.gradients(batch, c.state());
            List<DMatrixRMaj> xs = batch.inputs();
            double[][][] first = new double[split][][];
            double[][][] rest = new double[c.steps() - split][][];
            for (int t = 0; t < c.steps(); t++) {
                double[][] rows = new double[c.batchSize()][];
                for (int n = 0; n < c.batchSize(); n++) {
                    rows[n] = Arrays.copyOfRange(xs.get(t).data, n * c.inputs(), (n + 1) * c.inputs());
                }
                if (t < split) {
                    first[t] = rows;
                } else {
                    rest[t - split] = rows;
                }
            }
            LstmState middle = net.finalState(dummyTargets(c, first), c.state());
            LstmState end = net.finalState(dummyTargets(c, rest), middle);
            double[][][][] expected = whole.finalState();
            double[][][][] actual = end.toArray();
            for (int l = 0; l < c.layers(); l++) {
                for (int h = 0; h < 2; h++) {
                    for (int n = 0; n < c.batchSize(); n++) {
                        assertTrue(Arrays.equals(expected[l][h][n], actual[l][h][n]), c::toString);
                    }
                }
            }
        });
    }
}
