package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A gradient computed in float32 — PyTorch's and numpy's default — is right only to float rounding where the batch's
 * terms cancel: judged at the double-precision tolerance it would fail a right backprop, so a claim made of float32
 * values is judged at 1e-3, which still catches a block scaled by 1.01.
 */
class FloatClaimsTest {

    private static final int TERMS = 2000;

    /** f(x) = Σₙ wₙ·sin(uₙ·x₀ + vₙ·x₁), in double; the terms' signs alternate, so their sum cancels. */
    private static double value(double[] x) {
        double s = 0;
        for (int n = 0; n < TERMS; n++) {
            s += w(n) * Math.sin(u(n) * x[0] + v(n) * x[1]);
        }
        return s;
    }

    private static double w(int n) {
        return (n % 2 == 0 ? 1 : -1) * (1 + 1e-3 * n);
    }

    private static double u(int n) {
        return 1 + 1e-4 * n;
    }

    private static double v(int n) {
        return 0.5 - 1e-4 * n;
    }

    /** The right gradient, computed the way a float32 backprop does: float products summed in float. */
    private static double[] floatGradient(double[] x) {
        float g0 = 0;
        float g1 = 0;
        for (int n = 0; n < TERMS; n++) {
            float c = (float) Math.cos((float) u(n) * (float) x[0] + (float) v(n) * (float) x[1]);
            g0 += (float) w(n) * (float) u(n) * c;
            g1 += (float) w(n) * (float) v(n) * c;
        }
        return new double[] {g0, g1};
    }

    private static double[] exactGradient(double[] x) {
        double g0 = 0;
        double g1 = 0;
        for (int n = 0; n < TERMS; n++) {
            double c = Math.cos(u(n) * x[0] + v(n) * x[1]);
            g0 += w(n) * u(n) * c;
            g1 += w(n) * v(n) * c;
        }
        return new double[] {g0, g1};
    }

    private static final double[] X = {0.3, -0.7};

    @Test
    void aRightGradientComputedInFloat32PassesWithTheToleranceNoted() {
        double[] claim = floatGradient(X);
        double[] exact = exactGradient(X);
        // the premise: float rounding puts the claim far beyond the double tolerance (1e-6) of the exact gradient
        assertTrue(Math.abs(claim[0] - exact[0]) > 4e-6 * Math.abs(exact[0]), () -> claim[0] + " vs " + exact[0]);
        GradientReport r = GradientCheck.check(Fn.of(FloatClaimsTest::value, FloatClaimsTest::floatGradient), X);
        assertTrue(r.passed(), r::summary);
        assertTrue(r.claimsInFloat32());
        assertEquals(FloatClaims.TOLERANCE, r.effectiveRelativeTolerance());
        assertTrue(r.summary().contains("every claimed derivative is a float32 value"), r::summary);
    }

    @Test
    void aFloat32GradientOffByOnePercentFlippedOrDoubledStillFails() {
        for (float k : new float[] {1.01f, 0.99f, -1f, 2f}) {
            DifferentiableFunction wrong = Fn.of(FloatClaimsTest::value, x -> {
                double[] g = floatGradient(x);
                return new double[] {(float) g[0] * k, (float) g[1] * k}; // still float32 values
            });
            GradientReport r = GradientCheck.check(wrong, X);
            assertTrue(r.claimsInFloat32(), r::summary);
            assertEquals(k < 0 ? Diagnosis.SIGN_FLIP : Diagnosis.SCALED, r.diagnosis(), r::summary);
        }
    }

    @Test
    void aDoubleGradientKeepsTheDoubleTolerance() {
        // the same rounding error, but carried by doubles: no float32 claim, so 1e-6 applies and it fails
        DifferentiableFunction doubleClaim = Fn.of(FloatClaimsTest::value, x -> {
            double[] g = floatGradient(x);
            return new double[] {Math.nextUp(g[0]), Math.nextUp(g[1])};
        });
        GradientReport r = GradientCheck.check(doubleClaim, X);
        assertFalse(r.claimsInFloat32());
        assertFalse(r.passed(), r::summary);
    }

    @Test
    void floatsAreRecognisedOnlyWithEnoughFullPrecisionEntries() {
        float third = 1f / 3;
        assertTrue(FloatClaims.inFloat32(new double[][] {{third, 2 * third}, {third / 5, -third / 7}}));
        assertTrue(FloatClaims.inFloat32(new double[][] {{0.5, third}}), "one full float among short values");
        assertFalse(FloatClaims.inFloat32(new double[][] {{0.5, 0.25, -1, 3, 0.75, 0}}),
                "short values are floats and doubles alike");
        assertFalse(FloatClaims.inFloat32(new double[][] {{third, 2 * third, third / 5, -third / 7, 1.0 / 3}}),
                "one double among them makes it a double claim");
        assertTrue(FloatClaims.inFloat32(new double[][] {{third, 2 * third, third / 5, -third / 7, Double.NaN}}),
                "a non-finite entry says nothing either way");
    }
}
