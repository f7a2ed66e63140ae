package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The drift fit on estimates of known form: a cluster's A + B/s is found, a smooth f's A + C·s⁴ is not. */
class KinkClusterDriftFitTest {

    /** Estimates at steps 1, 1/2, … 1/128 with values e(s) and a small alternating wobble (noise). */
    private static List<Extrapolation.Estimate> estimates(DoubleUnaryOperator e) {
        List<Extrapolation.Estimate> list = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            double s = Math.scalb(1.0, -k);
            double wobble = (k % 2 == 0 ? 1 : -1) * 1e-9 / s;
            list.add(new Extrapolation.Estimate(e.applyAsDouble(s) + wobble, 1e-6 / s, s, 1e-6 / s));
        }
        return list;
    }

    @Test
    void anOffsetOverTheStepIsFoundWithItsSizeAndDirection() {
        KinkClusterDrift.Drift d = KinkClusterDrift.of(estimates(s -> 2e-3 + 4e-7 / s), 1, 1e-7);
        assertNotNull(d);
        assertEquals(4e-7, d.offset(), 1e-8);
        assertEquals(2e-3, d.slope(), 1e-6);
        assertTrue(d.towards(2.05e-3), "the estimates rise towards a larger claim as the step shrinks");
        assertFalse(d.towards(1e-3), "away from a smaller claim");
        // over the steps fitted (1 … 1/128) the drift covers 4e-7 · 127 = 5.1e-5: a claim 3e-3 above the slope is
        // beyond 16 times that, and no drift of this size explains it
        assertFalse(d.towards(5e-3), "a drift that covers 1/59 of the gap");
        assertTrue(d.towards(2e-3 + 16 * 4e-7 * 127 * 0.99), "a drift that covers just over 1/16 of the gap");
    }

    @Test
    void aSmoothFunctionsConvergenceIsNoDrift() {
        assertNull(KinkClusterDrift.of(estimates(s -> 2e-3 + 5e-4 * Math.pow(s, 4)), 1, 1e-7));
    }

    @Test
    void anOffsetWithinHalfTheNoiseOfOneEvaluationDoesNotCount() {
        assertNull(KinkClusterDrift.of(estimates(s -> 2e-3 + 4e-7 / s), 1, 1e-6), "4e-7 is below σ/2 = 5e-7");
    }

    @Test
    void tooFewEstimatesSayNothing() {
        assertNull(KinkClusterDrift.of(estimates(s -> 2e-3 + 4e-7 / s).subList(0, 4), 1, 1e-7));
    }
}
