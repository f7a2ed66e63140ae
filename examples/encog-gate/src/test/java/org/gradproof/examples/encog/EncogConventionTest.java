package org.gradproof.examples.encog;

import org.encog.ml.data.basic.BasicMLDataSet;
import org.encog.neural.networks.BasicNetwork;
import org.encog.neural.networks.training.propagation.back.Backpropagation;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encog's sign and scale, established by experiment without the checker, on TANH networks (where the gate finds
 * Encog right): its trainer adds g to the weights, and a step η·g lowers the MSE by η·(2/(N·K))·|g|², so
 * g = −(N·K/2)·∂MSE/∂w. Then the checker, given the raw g, says SCALED by that factor.
 */
class EncogConventionTest {

    private static GateCase tanh(int seed) {
        return GateCases.of("TANH", "TANH", false, seed, 3, 4, 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void oneIterationWithLearningRateOneAddsTheRawGradient(int seed) {
        GateCase c = tanh(seed);
        BasicNetwork net = c.network();
        BasicMLDataSet data = new BasicMLDataSet(c.inputs(), c.ideals());
        double[] before = net.getFlat().getWeights().clone();
        double[] g = EncogGradient.raw(net, data, false);
        Backpropagation train = new Backpropagation(net, data, 1.0, 0.0);
        train.setThreadCount(1);
        train.fixFlatSpot(false);
        train.iteration();
        double[] after = net.getFlat().getWeights();
        for (int k = 0; k < before.length; k++) {
            assertEquals(before[k] + g[k], after[k], 0.0, "weight " + k + ": w + g");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aStepAlongTheRawGradientLowersTheMseByTwoOverNK(int seed) {
        GateCase c = tanh(seed);
        EncogObjective f = c.rawObjective();
        double[][] g = f.gradient();
        double before = f.value();
        double eta = 1e-5;
        double squared = 0;
        for (int b = 0; b < g.length; b++) {
            double[] w = f.blocks().get(b).data();
            for (int k = 0; k < w.length; k++) {
                w[k] += eta * g[b][k];
                squared += g[b][k] * g[b][k];
            }
        }
        double ratio = (before - f.value()) / (eta * squared);
        double expected = 2.0 / (f.records() * f.outputs());
        assertEquals(expected, ratio, 1e-3 * expected, "ΔMSE / (η|g|²) should be 2/(N·K) = " + expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void theCheckerSaysTheRawGradientIsScaledByMinusNKOverTwo(int seed) {
        EncogObjective f = tanh(seed).rawObjective();
        GradientReport r = GradientCheck.check(f);
        double k = -f.records() * f.outputs() / 2.0;
        assertEquals(Diagnosis.SCALED, r.diagnosis(), r.summary());
        assertEquals(k, r.fittedScale(), 1e-6 * Math.abs(k), r.summary());
        assertTrue(r.explanation().contains("N·K/2"), r.summary());
        assertEquals(-2.0 / (f.records() * f.outputs()), EncogObjective.rawToMse(f.records(), f.outputs()), 0.0);
    }
}
