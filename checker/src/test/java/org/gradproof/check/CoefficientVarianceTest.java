package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** (XᵀX)⁻¹'s diagonal against the closed forms of a straight-line fit. */
class CoefficientVarianceTest {

    @Test
    void aLinesSlopeAndInterceptHaveTheTextbookVariances() {
        // y = a + b·x at x = 0 … 4: Var(b) = 1/Σ(x − x̄)² = 1/10, Var(a) = Σx² / (n·Σ(x − x̄)²) = 30/50
        double[][] design = new double[5][];
        for (int i = 0; i < 5; i++) {
            design[i] = new double[] {1, i};
        }
        assertEquals(0.1, PolynomialFit.coefficientVariance(design, 1), 1e-15);
        assertEquals(0.6, PolynomialFit.coefficientVariance(design, 0), 1e-15);
    }
}
