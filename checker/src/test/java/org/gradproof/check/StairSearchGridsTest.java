package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link StairSearch#steepestWithin}'s grids of growing reach and what each leaves out: the intervals a finer grid
 * searched, the candidates that could not hide enough; the first stair that hides enough ends the search, otherwise
 * the steepest of all grids counts. And the heights: a jump below the floor or above the most is no stair.
 */
class StairSearchGridsTest {

    private static final double X = 0.31;
    private static final StairSearch.Heights ANY = new StairSearch.Heights(1e-9, 0, Double.POSITIVE_INFINITY);

    /** A line of slope 0.5 plus the given stairs: a jump of {@code height} where {@code step} is crossed above x. */
    private static DoubleUnaryOperator stairsAt(double... distanceAndHeight) {
        return y -> {
            double f = 3 + 0.5 * (y - X);
            for (int i = 0; i < distanceAndHeight.length; i += 2) {
                f += y > X + distanceAndHeight[i] ? distanceAndHeight[i + 1] : 0;
            }
            return f;
        };
    }

    private static FiniteDifferences along(DoubleUnaryOperator f) {
        return FiniteDifferencesTest.along(f, X);
    }

    @Test
    void theFirstGridThatFindsEnoughEndsTheSearch() {
        DoubleUnaryOperator f = stairsAt(0.003, 1e-4, 0.5, 1e-3);
        FiniteDifferences fd = along(f);
        StairSearch.Stair stair = StairSearch.steepestWithin(fd, f.applyAsDouble(X), 0.01, 1, ANY, 0.01);
        assertNotNull(stair);
        assertEquals(0.003, stair.distance(), 1e-6);
        double farthest = fd.valuesByPoint().keySet().stream().mapToDouble(p -> Math.abs(p - X)).max().orElseThrow();
        assertTrue(farthest < 0.2, "the grids beyond the one that found enough were not read: " + farthest);
    }

    @Test
    void aSteeperStairOfAWiderGridReplacesANearerOne() {
        // 1e-5 at 0.003 hides 3.3e-3, not enough (0.01); 1e-2 at 0.5, seen only by the widest grid, hides 0.02
        DoubleUnaryOperator f = stairsAt(0.003, 1e-5, 0.5, 1e-2);
        FiniteDifferences fd = along(f);
        StairSearch.Stair near = StairSearch.steepest(fd, f.applyAsDouble(X), 0.01, 0, ANY, 0);
        assertNotNull(near);
        assertEquals(0.003, near.distance(), 1e-6);
        StairSearch.Stair stair = StairSearch.steepestWithin(fd, f.applyAsDouble(X), 0.01, 1, ANY, 0.01);
        assertNotNull(stair);
        assertEquals(0.5, stair.distance(), 1e-6);
        assertEquals(1e-2 / 0.5, stair.hiddenSlope(), 1e-6);
    }

    @Test
    void intervalsAFinerGridSearchedAreLeftOut() {
        DoubleUnaryOperator f = stairsAt(0.2, 1e-3);
        assertNotNull(StairSearch.steepest(along(f), f.applyAsDouble(X), 1, 0, ANY, 0));
        assertNull(StairSearch.steepest(along(f), f.applyAsDouble(X), 1, 0.25, ANY, 0),
                "a stair within ±inner is a finer grid's");
        assertNotNull(StairSearch.steepest(along(f), f.applyAsDouble(X), 1, 0.15, ANY, 0),
                "its interval reaches beyond ±inner");
    }

    @Test
    void candidatesThatCouldNotHideEnoughAreNotBisected() {
        DoubleUnaryOperator f = stairsAt(0.2, 1e-3);
        // the stair's interval starts at 0.1667 (grid spacing 1/24): it could hide at most 1e-3 / 0.1667 = 6e-3
        assertNotNull(StairSearch.steepest(along(f), f.applyAsDouble(X), 1, 0, ANY, 5e-3));
        assertNull(StairSearch.steepest(along(f), f.applyAsDouble(X), 1, 0, ANY, 7e-3));
    }

    @Test
    void aJumpBelowTheFloorOrAboveTheMostIsNoStair() {
        DoubleUnaryOperator f = stairsAt(0.2, 1e-3);
        FiniteDifferences fd = along(f);
        double f0 = f.applyAsDouble(X);
        assertNull(StairSearch.steepest(fd, f0, 1, 0, new StairSearch.Heights(2e-3, 0, 1), 0));
        assertNull(StairSearch.steepest(fd, f0, 1, 0, new StairSearch.Heights(1e-9, 0, 5e-4), 0));
        assertNull(StairSearch.steepest(fd, f0, 1, 0, new StairSearch.Heights(1e-9, 4e-4, 1), 0),
                "1e-3 is below 4e-4 times a loss of 3");
        assertNotNull(StairSearch.steepest(fd, f0, 1, 0, new StairSearch.Heights(1e-9, 2e-4, 1), 0));
    }

    @Test
    void aFlatnessReadsBothSidesAndTheWider() {
        Flatness flat = new Flatness(0.1, 0.3, 1);
        assertEquals(0.1, flat.bothSides());
        assertEquals(0.3, flat.eitherSide());
    }

    @Test
    void aValueThatIsNotANumberEndsTheFlatStretch() {
        double[] data = {1.0};
        BlockFunction f = new Blocks(java.util.List.of(ParameterBlock.vector("t", data)),
                () -> data[0] > 1.0 + 0x1p-10 ? Double.NaN : 5, () -> new double[][] {{0}});
        FiniteDifferences fd = new FiniteDifferences(new Probe(f, f.blocks()), 0, 0, 1.0);
        for (int j = -4; j <= 4; j++) {
            fd.valueAt(Math.scalb(0x1p-12, j));
            fd.valueAt(-Math.scalb(0x1p-12, j));
        }
        assertEquals(0x1p-10, Flatness.of(fd, 5, Double.POSITIVE_INFINITY).bothSides());
    }
}
