package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The cases the trust review talked the checker into passing, run as they were reported: a noisy value(), a coarsely
 * rounded one, a wrong slope beside a kink, and a correct ReLU unit a hair from its kink. None may pass a wrong
 * gradient; none may fail a right one.
 */
class TrustCasesTest {

    private static final double[] X = {0.3, -1.2, 2.5, 0.7, 1.1, -0.4};

    /** Σ (i+1)·sin(x_i) + ½x_i². */
    private static double smooth(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (i + 1) * Math.sin(x[i]) + 0.5 * x[i] * x[i];
        }
        return s;
    }

    private static double[] gradient(double[] x, double k) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = k * ((i + 1) * Math.cos(x[i]) + x[i]);
        }
        return g;
    }

    @ParameterizedTest(name = "gradient × {0}")
    @ValueSource(doubles = {1, -1, 2, 0})
    void freshNoiseOnEveryCallIsNonDeterministic(double k) {
        Random random = new Random(1);
        GradientReport r = GradientCheck.check(Fn.of(x -> smooth(x) + 1e-3 * random.nextGaussian(),
                x -> gradient(x, k)), X.clone());
        assertEquals(Diagnosis.NON_DETERMINISTIC, r.diagnosis(), r::summary);
    }

    @ParameterizedTest(name = "gradient × {0}")
    @ValueSource(doubles = {-1, 2, 0})
    void aWrongGradientOfARoundedOrNoisyLossIsNeverPassed(double k) {
        for (double q : new double[] {1e-4, 1e-2}) {
            GradientReport r = GradientCheck.check(Fn.of(x -> Math.rint(smooth(x) / q) * q, x -> gradient(x, k)),
                    X.clone());
            assertFalse(r.passed(), () -> "rounded to " + q + "\n" + r.summary());
        }
        GradientReport r = GradientCheck.check(Fn.of(x -> smooth(x) + 1e-3 * NoiseTest.hashNoise(x),
                x -> gradient(x, k)), X.clone());
        assertFalse(r.passed(), r::summary);
        assertNotEquals(Diagnosis.INCONCLUSIVE, r.diagnosis(), "a sign flip, a factor 2 or a zero stands out of "
                + "noise of 1e-3 on gradients of 1–10\n" + r.summary());
    }

    @Test
    void theRightGradientOfARoundedLossPassesOrIsInconclusive() {
        GradientReport fine = GradientCheck.check(Fn.of(x -> Math.rint(smooth(x) / 1e-4) * 1e-4, x -> gradient(x, 1)),
                X.clone());
        assertTrue(fine.passed(), fine::summary);
        GradientReport coarse = GradientCheck.check(Fn.of(x -> Math.rint(smooth(x) / 1e-2) * 1e-2,
                x -> gradient(x, 1)), X.clone());
        assertTrue(coarse.passed() || coarse.diagnosis() == Diagnosis.INCONCLUSIVE, coarse::summary);
    }

    /** The kink seven steps away: the true slope at x is 0, the claim 0.3 lies outside [0, 0.12]. */
    @Test
    void aWrongSlopeBesideAKinkFails() {
        double c = 7.083 * Math.scalb(1.0, -18);
        GradientReport r = GradientCheck.check(Fn.of(x -> 0.12 * Math.max(0, x[0] - c) + x[1] * x[1],
                x -> new double[] {0.3, 2 * x[1]}), new double[] {0, 0.7});
        assertEquals(Diagnosis.MISMATCH, r.diagnosis(), r::summary);
        assertEquals(java.util.List.of("x[0]"), r.failures().stream().map(EntryResult::label).toList());
    }

    /** A live and a dead unit with the kink from 5e-8 to 4e-6 away: the right slope is never failed. */
    @Test
    void aCorrectUnitAHairFromItsKinkIsNeverFailed() {
        int cases = 0;
        for (double d = 5e-8; d < 4e-6; d *= 1.02) {
            double dd = d;
            GradientReport live = GradientCheck.check(Fn.of(x -> 0.71833 * Math.max(0, x[0] + dd) + x[1] * x[1],
                    x -> new double[] {0.71833, 2 * x[1]}), new double[] {0, 0.7});
            GradientReport dead = GradientCheck.check(Fn.of(x -> -0.71833 * Math.max(0, x[0] - dd) + x[1] * x[1],
                    x -> new double[] {0, 2 * x[1]}), new double[] {0, 0.7});
            for (GradientReport r : new GradientReport[] {live, dead}) {
                assertTrue(r.passed() || r.diagnosis() == Diagnosis.INCONCLUSIVE, () -> "kink at " + dd + "\n"
                        + r.summary());
                cases++;
            }
        }
        assertTrue(cases > 300, "cases " + cases);
    }
}
