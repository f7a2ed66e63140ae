package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link EntryFinding#of}: one estimate's value and bar, no kink, and the noise share of the bar within [0, bar]. */
class EntryFindingTest {

    private static EntryFinding of(double noise) {
        return EntryFinding.of(EntryVerdict.PASSED, new Extrapolation.Estimate(0.5, 0.25, 1e-3, noise), "note");
    }

    @Test
    void aFindingFromOneEstimateCarriesItsValueBarAndNote() {
        EntryFinding f = of(0.125);
        assertEquals(EntryVerdict.PASSED, f.verdict());
        assertEquals(0.5, f.numeric());
        assertEquals(0.25, f.error());
        assertEquals("note", f.note());
        assertTrue(Double.isNaN(f.left()) && Double.isNaN(f.right()) && !f.atKink());
    }

    @Test
    void theNoiseShareLiesWithinTheBar() {
        assertEquals(0.125, of(0.125).noise());
        assertEquals(0.25, of(1).noise(), "at most the bar");
        assertEquals(0, of(-1).noise(), "never negative");
        assertEquals(0, of(Double.NaN).noise(), "0 when not a number");
    }
}
