package org.gradproof.check;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fitted k and cosine survive magnitudes whose squares or products leave the double range. */
class AgreementTest {

    private static List<EntryResult> entries(double k, double magnitude) {
        List<EntryResult> entries = new ArrayList<>();
        double[] numeric = {0.3, -1.2, 0.75};
        for (int i = 0; i < numeric.length; i++) {
            double n = magnitude * numeric[i];
            entries.add(new EntryResult("w[" + i + "]", 0, i, 0, k * n, n, 0, 1e-6, false, EntryVerdict.MISMATCH,
                    Double.NaN, Double.NaN, "", 0));
        }
        return entries;
    }

    @Test
    void anAnalyticSideFarLargerThanTheNumericOneStillHasItsFactor() {
        // Encog's Gaussian activation gives analytic values ~1e155 times the numeric ones
        Agreement a = Agreement.of(entries(1e155, 0.1));
        assertEquals(1e155, a.fittedScale(), 1e155 * 1e-12);
        assertEquals(1.0, a.cosine(), 1e-12);
    }

    @Test
    void gradientsNearTheBottomOfTheRangeStillHaveTheirFactor() {
        Agreement a = Agreement.of(entries(2, 1e-180));
        assertEquals(2.0, a.fittedScale(), 1e-12);
        assertEquals(1.0, a.cosine(), 1e-12);
        assertTrue(a.numericNorm() > 0);
    }

    @Test
    void anAllZeroAnalyticSideHasFactorZeroAndNoCosine() {
        Agreement a = Agreement.of(entries(0, 1));
        assertEquals(0.0, a.fittedScale());
        assertTrue(Double.isNaN(a.cosine()));
        assertEquals(0.0, a.analyticNorm());
    }
}
