package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link StairSearch}'s candidates: an interval's change is measured against its neighbours' mean slope, so that a
 * steep trend is no jump, and of many candidates the six that could hide the most slope (J / D, not J alone or J·D)
 * are bisected. The grid has 24 points a side over a reach of 1 (spacing 1/24).
 */
class StairSearchCandidatesTest {

    private static final double X = 0.31;

    private static StairSearch.Stair search(DoubleUnaryOperator f, double threshold) {
        return StairSearch.steepest(FiniteDifferencesTest.along(f, X), f.applyAsDouble(X), 1, 0,
                new StairSearch.Heights(threshold, 0, Double.POSITIVE_INFINITY), 0);
    }

    /**
     * A slope of 5 moves f by 5/24 per interval, three orders above the jump of 2⁻⁹ at 0.29; measured against its
     * neighbours each interval changes by nothing but the jump, which is found alone and at its height.
     */
    @Test
    void aJumpOnASteepLineIsMeasuredAgainstTheLine() {
        double jump = 0x1p-9;
        StairSearch.Stair stair = search(y -> 3 + 5 * y + (y > X + 0.29 ? jump : 0), 1e-4);
        assertNotNull(stair);
        assertEquals(0.29, stair.distance(), 1e-6);
        // to rounding: the neighbours' slope times the final interval, 2⁻³⁰ of the spacing, is taken off too
        assertEquals(jump, stair.height(), 1e-12);
        assertNull(search(y -> 3 + 5 * y, 1e-6), "a line has no jump");
        assertNull(search(y -> 3 - 5 * y, 1e-6), "a falling one neither");
    }

    /** On a parabola the neighbours' mean slope misses by f''·spacing², a kink-like excess that bisection shrinks. */
    @Test
    void aJumpOnACurvedTrendIsFoundAndTheCurvatureIsNot() {
        double jump = 0x1p-7;
        StairSearch.Stair stair = search(y -> 3 + 5 * y + 2 * y * y + (y < X - 0.43 ? jump : 0), 1e-4);
        assertNotNull(stair);
        assertEquals(0.43, stair.distance(), 1e-6);
        assertEquals(jump, stair.height(), 1e-9);
    }

    /**
     * Six jumps of 0.02 between 0.55 and 0.8 left of x (J / D ≤ 0.036, J·D ≥ 0.011) come first in the grid's order and
     * by J·D; the one of 0.01 at 0.1 right of x (J / D = 0.1, J·D = 0.001) could hide the most slope, and is the one.
     */
    @Test
    void ofManyCandidatesTheOnesThatCouldHideTheMostSlopeAreBisected() {
        DoubleUnaryOperator f = y -> {
            double v = 3 + (y > X + 0.1 ? 0.01 : 0);
            for (int j = 0; j < 6; j++) {
                v += y < X - 0.55 - 0.05 * j ? 0.02 : 0;
            }
            return v;
        };
        StairSearch.Stair stair = search(f, 1e-4);
        assertNotNull(stair);
        assertEquals(0.1, stair.distance(), 1e-6);
        assertEquals(0.01, stair.height(), 1e-9);
    }
}
