package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * When an error bar proves a claim: up to a quarter of the claim (0, −a, 2a and a/2 all lie at least |a|/2 away), or
 * up to the negligible size; and when a claim and its measurement are both negligible. The numbers are exact in
 * binary, so each case sits on its boundary or one ulp beyond it.
 */
class ResolutionTest {

    /** G = 2, negligible fraction 1/32: negligible size 1/16. */
    private static final Resolution RESOLUTION = new Resolution(2, 2, 0.03125);
    private static final double SIZE = 0.0625;

    @Test
    void theNegligibleSizeIsTheFractionOfTheBlocksGradient() {
        assertEquals(SIZE, RESOLUTION.negligible());
        assertEquals(0, new Resolution(2, 2, 0).negligible());
    }

    @Test
    void aBarUpToAQuarterOfTheClaimResolvesIt() {
        assertTrue(RESOLUTION.resolves(4, 1));
        assertTrue(RESOLUTION.resolves(-4, 1), "the size of the claim, whatever its sign");
        assertFalse(RESOLUTION.resolves(4, Math.nextUp(1.0)));
        assertFalse(RESOLUTION.resolves(-4, Math.nextUp(1.0)));
    }

    @Test
    void aSmallClaimIsStillResolvedByABarUpToTheNegligibleSize() {
        assertTrue(RESOLUTION.resolves(0, SIZE));
        assertFalse(RESOLUTION.resolves(0, Math.nextUp(SIZE)));
        assertTrue(RESOLUTION.resolves(0.125, SIZE), "a quarter of 0.125 is less than the negligible size");
        assertFalse(new Resolution(2, 2, 0).resolves(0, Double.MIN_VALUE), "without a negligible size, 0 needs bar 0");
        assertTrue(new Resolution(2, 2, 0).resolves(0, 0));
    }

    @Test
    void aClaimAndAMeasurementBothWithinTheNegligibleSizeAreNegligible() {
        assertTrue(RESOLUTION.negligible(SIZE, SIZE, SIZE), "|a| = size and |n| + e = 2 · size");
        assertTrue(RESOLUTION.negligible(-SIZE, -SIZE, SIZE));
        assertFalse(RESOLUTION.negligible(Math.nextUp(SIZE), 0, 0), "the claim itself too large");
        assertFalse(RESOLUTION.negligible(-Math.nextUp(SIZE), 0, 0));
        assertFalse(RESOLUTION.negligible(0, 0, Math.nextUp(2 * SIZE)), "the measurement's bar too large");
        assertTrue(RESOLUTION.negligible(0, -2 * SIZE, 0));
        assertFalse(RESOLUTION.negligible(0, -Math.nextUp(2 * SIZE), 0), "the measurement too large");
    }
}
