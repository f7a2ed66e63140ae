package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link StairSearch}: a jump of the loss is found and measured, the one that could hide the most slope (J / D) of
 * several; a kink, however sharp, is not a jump.
 */
class StairSearchTest {

    private static final double X = 0.31;
    private static final double REACH = 1;

    private static StairSearch.Stair search(DoubleUnaryOperator f, double threshold) {
        DifferentiableFunction function = Fn.of(y -> f.applyAsDouble(y[0]), y -> new double[] {0});
        double[] x = {X};
        VectorFunction vector = new VectorFunction(function, x);
        Probe probe = new Probe(vector, vector.blocks());
        double f0 = probe.value();
        return StairSearch.steepest(new FiniteDifferences(probe, 0, 0, X), f0, REACH, 0,
                new StairSearch.Heights(threshold, 0, Double.POSITIVE_INFINITY), 0);
    }

    @Test
    void aJumpIsFoundWhereItIsAndAsHighAsItIs() {
        StairSearch.Stair stair = search(y -> 12 - 0.005 * y + (y > X + 0.29 ? 0.0025 : 0) + (y < X - 0.7 ? 0.002 : 0),
                1e-5);
        assertNotNull(stair);
        assertEquals(0.29, stair.distance(), 1e-6);
        assertEquals(0.0025, stair.height(), 1e-6);
        assertEquals(0.0025 / 0.29, stair.hiddenSlope(), 1e-6);
    }

    @Test
    void ofSeveralJumpsTheOneThatCouldHideTheMostSlopeIsReported() {
        StairSearch.Stair tall = search(y -> 3 + (y > X + 0.6 ? 0.5 : 0) + (y < X - 0.2 ? 0.001 : 0), 1e-6);
        assertNotNull(tall);
        assertEquals(0.6, tall.distance(), 1e-6);
        assertEquals(0.5, tall.height(), 1e-6);
        StairSearch.Stair near = search(y -> 3 + (y > X + 0.6 ? 0.01 : 0) + (y < X - 0.2 ? 0.008 : 0), 1e-6);
        assertNotNull(near);
        assertEquals(0.2, near.distance(), 1e-6);
        assertEquals(0.008, near.height(), 1e-6);
    }

    @Test
    void aKinkIsNoJump() {
        assertNull(search(y -> 12 + 0.8 * Math.max(0, y - X - 0.29) - 0.005 * y, 1e-5));
        assertNull(search(y -> 12 + 5 * Math.abs(y - X + 0.13) + y * y, 1e-5));
    }

    @Test
    void aJumpBelowTheThresholdIsNotReported() {
        assertNull(search(y -> 12 - 0.005 * y + (y > X + 0.29 ? 0.0025 : 0), 0.01));
    }

    @Test
    void aSmoothLossHasNoJump() {
        assertNull(search(y -> Math.sin(3 * y) + 0.2 * y * y * y, 1e-9));
    }
}
