package org.gradproof.examples.encog;

import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The independent replica: with Encog's choices it reproduces Encog's raw gradient bit for bit, with textbook choices
 * it passes the checker, and for each wrong configuration one named departure alone reproduces Encog's gradient.
 */
class BackpropReplicaTest {

    static Stream<Object[]> cases() {
        return GateCases.all().stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void encogChoicesReproduceEncogBitForBit(GateCases.Config config, GateCase c) {
        double[][] encog = c.rawObjective().gradient();
        BackpropReplica replica = c.replica(BackpropReplica.Choices.encog(c.flatSpot()));
        assertDeepBitEquals(encog, replica.rawGradient(), c + ": Encog's choices");
        assertEquals(c.objective().value(), replica.value(), 0.0, c + ": the replica's MSE is Encog's");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void textbookChoicesPassTheChecker(GateCases.Config config, GateCase c) {
        GradientReport r = GradientCheck.check(c.replica(BackpropReplica.Choices.textbook()));
        assertEquals(Diagnosis.CORRECT, r.diagnosis(), c + "\n" + r.summary());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void oneDepartureExplainsEachWrongConfiguration(GateCases.Config config, GateCase c) {
        double[][] encog = c.rawObjective().gradient();
        double[][] textbook = c.replica(BackpropReplica.Choices.textbook()).rawGradient();
        if (config.cause() == null) {
            assertEquals(Diagnosis.CORRECT, GradientCheck.check(c.objective()).diagnosis(), c.toString());
            return;
        }
        assertFalse(deepBitEquals(encog, textbook), c + ": Encog differs from textbook backprop");
        assertDeepBitEquals(encog, c.replica(config.cause()).rawGradient(), c + ": " + config.cause());
    }

    @Test
    void sigmoidUnderSigmoidIsUnharmedByTheLayerAboveBug() {
        GateCase c = GateCases.of("Sigmoid", "Sigmoid", true, 2, 3, 4, 4, 3);
        GradientReport r = GradientCheck.check(c.replica(new BackpropReplica.Choices(true, false, true)));
        assertEquals(Diagnosis.CORRECT, r.diagnosis(), r.summary());
    }

    @Test
    void rejectsActivationsWithoutATextbookFormula() {
        GateCase c = GateCases.of("Sigmoid", "Sigmoid", false, 1, 3, 4, 3);
        var net = EncogNets.feedForward(1, new org.encog.engine.network.activation.ActivationRamp(),
                new org.encog.engine.network.activation.ActivationLinear(), 3, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BackpropReplica(net, c.inputs(), c.ideals(), BackpropReplica.Choices.textbook()));
        assertTrue(e.getMessage().contains("ActivationRamp"), e.getMessage());
    }

    static void assertDeepBitEquals(double[][] expected, double[][] actual, String message) {
        assertEquals(expected.length, actual.length, message);
        for (int b = 0; b < expected.length; b++) {
            assertArrayEquals(expected[b], actual[b], 0.0, message + ", block " + b);
            for (int k = 0; k < expected[b].length; k++) {
                assertEquals(Double.doubleToRawLongBits(expected[b][k]), Double.doubleToRawLongBits(actual[b][k]),
                        message + ", block " + b + " entry " + k);
            }
        }
    }

    private static boolean deepBitEquals(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                if (Double.doubleToRawLongBits(a[i][k]) != Double.doubleToRawLongBits(b[i][k])) {
                    return false;
                }
            }
        }
        return true;
    }
}
