package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link PolynomialFit}'s residuals and degrees of freedom, its design-matrix fits and its linear solver. */
class PolynomialFitTest {

    /** A line through (−1, 0), (−½, 1), (0, 0), (½, 1), (1, 0): by symmetry c₁ = 0, c₀ = the mean 0.4. */
    @Test
    void theResidualsOfALineAreTheDeviationsFromTheMean() {
        PolynomialFit fit = PolynomialFit.of(new double[] {-1, -0.5, 0, 0.5, 1}, new double[] {0, 1, 0, 1, 0}, 1);
        assertArrayEquals(new double[] {0.4, 0}, fit.coefficients(), 1e-15);
        assertArrayEquals(new double[] {-0.4, 0.6, -0.4, 0.6, -0.4}, fit.residuals(), 1e-15);
        // Σr² = 3·0.16 + 2·0.36 = 1.2 over 5 − 2 degrees of freedom
        assertEquals(Math.sqrt(0.4), fit.rms(), 1e-15);
    }

    /** The same data by the columns 1 and i: the same residuals, over 5 − 2 − extra degrees of freedom. */
    @Test
    void aDesignMatrixFitCountsItsSearchedParameters() {
        double[][] design = new double[5][];
        for (int i = 0; i < 5; i++) {
            design[i] = new double[] {1, i};
        }
        double[] y = {0, 1, 0, 1, 0};
        assertArrayEquals(new double[] {0.4, 0}, PolynomialFit.leastSquares(design, y), 1e-15);
        assertEquals(Math.sqrt(1.2 / 3), PolynomialFit.residualRms(design, y, 0), 1e-15);
        assertEquals(Math.sqrt(1.2 / 2), PolynomialFit.residualRms(design, y, 1), 1e-15);
    }

    /** A zero on the diagonal needs a row exchange; a tiny one needs it for accuracy (without it x₁ comes out 0). */
    @Test
    void theSolverPivotsOnTheLargestEntryAndLeavesItsInputsAlone() {
        double[][] a = {{0, 1}, {1, 0}};
        double[] b = {2, 3};
        assertArrayEquals(new double[] {3, 2}, PolynomialFit.solve(a, b), 0.0);
        assertArrayEquals(new double[] {0, 1}, a[0], 0.0);
        assertArrayEquals(new double[] {1, 0}, a[1], 0.0);
        assertArrayEquals(new double[] {2, 3}, b, 0.0);
        // x₀ = 1/(1 − 1e-20), x₁ = (1 − 2e-20)/(1 − 1e-20): both 1 to double precision
        assertArrayEquals(new double[] {1, 1}, PolynomialFit.solve(new double[][] {{1e-20, 1}, {1, 1}},
                new double[] {1, 2}), 1e-15);
        // three rows, the largest first-column entry last
        assertArrayEquals(new double[] {1, 2, 3}, PolynomialFit.solve(new double[][] {{0, 2, 1}, {1, 0, 1}, {4, 1, 0}},
                new double[] {7, 4, 6}), 1e-14);
    }
}
