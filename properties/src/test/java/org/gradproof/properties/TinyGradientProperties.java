package org.gradproof.properties;

import org.gradproof.check.CheckOptions;
import org.gradproof.check.DifferentiableFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Gradients tiny next to their loss, as a saturated network's are: f(x) = L + A · Σ sin(x_i), with the loss L from 0.01
 * to 100 and the gradient's size A from 1e-17 to 1e-5 of L. Such a gradient is negligible only where nothing a finite
 * difference can see tells it from its sign flip — below the rounding model's noise over a unit step, noiseFactor · ε
 * · |f|; above that, a sign flip of all of it is never passed, and the right gradient is never failed. A floor of
 * √ε · |f| on the size the negligible share is taken of (100 times higher) passed the flips of 10⁻¹⁴ … 10⁻¹² · L.
 */
class TinyGradientProperties {

    /** Two checks of a small function per example: 300 by default ({@link Examples}). */
    private static final int EXAMPLES = Examples.share(0.3);

    @Test
    void aSignFlipOfATinyGradientPassesOnlyBelowTheRoundingNoise() {
        Exercised measurable = new Exercised("gradients above the rounding noise");
        qt().withExamples(EXAMPLES).forAll(doubles().between(-2, 2), doubles().between(-17, -5), integers().between(1, 6))
                .checkAssert((logLoss, logSize, n) -> {
                    double loss = Math.pow(10, logLoss);
                    double size = loss * Math.pow(10, logSize);
                    double[] x = point(n);
                    GradientReport flipped = GradientCheck.check(tiny(loss, size, -1), x);
                    double noise = CheckOptions.defaults().noiseFactor() * Math.ulp(1.0) * Math.abs(flipped.loss());
                    double largest = Arrays.stream(x).map(v -> size * Math.abs(Math.cos(v))).max().orElse(0);
                    measurable.example();
                    if (largest > noise) {
                        measurable.hit();
                    }
                    assertTrue(!flipped.passed() || largest <= noise, () -> "L = " + loss + ", A = " + size + ", n = "
                            + n + ": largest claim " + largest + ", rounding noise " + noise + "\n"
                            + flipped.summary());
                    GradientReport right = GradientCheck.check(tiny(loss, size, 1), x);
                    assertTrue(right.failures().isEmpty(), () -> "L = " + loss + ", A = " + size + "\n"
                            + right.summary());
                });
        measurable.requireAtLeast(0.5);
    }

    /** f = L + A · Σ sin(x_i), its gradient A · cos(x_i) claimed times {@code sign}. */
    private static DifferentiableFunction tiny(double loss, double size, double sign) {
        return TestFunctions.of(y -> loss + size * Arrays.stream(y).map(Math::sin).sum(),
                y -> Arrays.stream(y).map(v -> sign * size * Math.cos(v)).toArray());
    }

    /** 0.3, 0.5, 0.7, …: away from the zeros of cos, so that no claim is 0. */
    private static double[] point(int n) {
        double[] x = new double[n];
        Arrays.setAll(x, i -> 0.3 + 0.2 * i);
        return x;
    }
}
