package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Ridders}' public entry point and the tableau's stopping rule. */
class RiddersTest {

    @Test
    void theDerivativeOfASmoothFunctionIsAccurate() {
        Ridders.Extrapolation e = Ridders.derivative(Math::sin, 0.3, 0.1);
        assertTrue(e.finite());
        assertEquals(Math.cos(0.3), e.estimate(), 1e-11);
        assertTrue(e.error() < 1e-9, e::toString);
        assertTrue(e.step() < 0.1 && e.step() > 0.1 / Math.pow(1.4, CheckOptions.RIDDERS_LEVELS), e::toString);
    }

    /** x³: the central difference is 3x² + s² exactly, which the first extrapolation removes. */
    @Test
    void theCentralDifferencesAreOfTheFunctionAroundX() {
        Ridders.Extrapolation e = Ridders.derivative(t -> t * t * t, 2, 0.25);
        assertEquals(12, e.estimate(), 1e-12);
    }

    @Test
    void theInitialStepMustBePositiveAndFinite() {
        for (double h : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Ridders.derivative(Math::sin, 0.3, h));
            assertTrue(e.getMessage().startsWith("h: the initial step must be positive and finite"), e.getMessage());
        }
        assertTrue(Ridders.derivative(Math::sin, 0.3, Double.MIN_VALUE * 1e10).step() > 0);
    }

    /**
     * Central differences 1 + s² at the first two steps, then 2 + s²: the first extrapolation is 1 with the error
     * h² (its distance from D(h)); the jump moves the diagonal by about 2.7, far beyond twice that, so the tableau
     * stops there. Carried on, the later levels would extrapolate the new law, 2, with a smaller error.
     */
    @Test
    void theTableauStopsWhenItsDiagonalMovesBeyondTwiceTheBestError() {
        double h = 0.01;
        Ridders.Extrapolation e = Ridders.extrapolate(s -> (s > h / 1.5 ? 1 : 2) + s * s, h);
        assertEquals(1, e.estimate(), 1e-12);
        assertEquals(h * h, e.error(), 1e-12);
        assertEquals(h / 1.4, e.step(), 1e-15);
    }

    /**
     * Central differences of a straight line are its slope at every step: the first extrapolation has error 0, the
     * diagonal does not move (0 ≥ 2·0), and the tableau stops there, at its second step.
     */
    @Test
    void anExactTableauStopsAtItsFirstExtrapolation() {
        Ridders.Extrapolation e = Ridders.extrapolate(s -> 0.5, 1e-3);
        assertEquals(0.5, e.estimate(), 0.0);
        assertEquals(0, e.error(), 0.0);
        assertEquals(1e-3 / 1.4, e.step(), 0.0);
    }
}
