package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A flat vector's wrong entries are named as runs, each with its own factor: where a layer's blocks sit. */
class WrongRunsTest {

    /** f = Σ (i + 1)·x_i² / 2 over 10 variables; the claim multiplies entries {@code from..to} by {@code k}. */
    private static DifferentiableFunction layerScaled(int from, int to, double k) {
        return Fn.of(x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += (i + 1) * x[i] * x[i] / 2;
            }
            return s;
        }, x -> {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                g[i] = (i + 1) * x[i] * (i >= from && i <= to ? k : 1);
            }
            return g;
        });
    }

    private static final double[] X = {0.3, -0.7, 1.1, 0.5, -0.9, 0.8, -0.4, 0.6, 1.3, -1.2};

    @Test
    void aScaledRunIsNamedWithItsFactor() {
        GradientReport r = GradientCheck.check(layerScaled(6, 9, 8), X.clone());
        assertEquals(Diagnosis.MISMATCH, r.diagnosis(), r::summary);
        assertTrue(r.explanation().contains("x[6..9]: k = 8.000000"), r::explanation);
    }

    @Test
    void twoRunsAreNamedEachWithItsOwnFactor() {
        DifferentiableFunction twice = Fn.withGradient(layerScaled(0, 2, -1), g -> {
            for (int i = 5; i <= 7; i++) {
                g[i] *= 0.5;
            }
            return g;
        });
        GradientReport r = GradientCheck.check(twice, X.clone());
        assertTrue(r.explanation().contains("x[0..2]: k = -1.000000"), r::explanation);
        assertTrue(r.explanation().contains("x[5..7]: k = 0.500000"), r::explanation);
    }

    @Test
    void aBlockWithMoreThanOneDimensionHasNoRuns() {
        ParameterBlock matrix = new ParameterBlock("W", new double[4], 2, 2);
        assertEquals("", WrongRuns.describe(matrix, java.util.List.of(), 1e-6));
    }
}
