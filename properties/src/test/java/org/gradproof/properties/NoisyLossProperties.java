package org.gradproof.properties;

import org.gradproof.check.Diagnosis;
import org.gradproof.check.DifferentiableFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * A loss whose value() is noisy (deterministic noise of 1e-12 … 1e-1), quantised (rounded to 1e-12 … 1e-2), or holds
 * a term computed from a quantised inner value (u rounded to 1e-12 … 1e-3), as a float computation, a stochastic
 * estimate frozen by a seed, or a coarse rounding make it: a wrong gradient is never passed — whatever the noise hides
 * is INCONCLUSIVE, not PASSED — and the right one is never failed.
 */
class NoisyLossProperties {

    /**
     * How value() is spoiled. INNER_QUANTUM adds a term K·round(u(x)) of an inner value u rounded to the level, as
     * log(1 − p) of a probability p rounded near 1 is: between its stairs f climbs with the slope of the rest alone,
     * so every difference quotient from a step inside one stair is off by K·∇u, the same way at every such step (a
     * float32 BCE loss with p within 2⁻¹⁶ of 1 read a slope of 0.19 against a true 1.59 this way), and only steps
     * across many stairs see the mean slope. Its level stops at 1e-3: stairs up to 2e-3 wide, several of which fit in
     * the widest noise window of the ordinary steps (2¹¹ h, 8e-3 … 3e-2 here); stairs wider than that make the loss
     * another function at every scale the checker looks at, smooth with the rest's slope alone. The loss is
     * computed in float, as the float32 nets whose BCE showed this are: the checker looks for such noise beyond h
     * only in float losses (in double, kinks reached by wide windows pass for it far more often than rounding does;
     * docs/numerics.md lists the double case as a known limit).
     */
    private enum Spoil { NOISE, QUANTUM, INNER_QUANTUM }

    /** The wrong gradients planted: each is something a buggy implementation produces. */
    private enum Bug { SIGN_FLIP, DOUBLED, HALVED, ZERO, ONE_ENTRY_NEGATED, ONE_ENTRY_ZERO }

    private record Case(int dims, Spoil spoil, int exponent, long seed) {
        double level() {
            return Math.pow(10, exponent);
        }

        double[] x() {
            SplittableRandom r = new SplittableRandom(seed);
            double[] x = new double[dims];
            Arrays.setAll(x, i -> -2.5 + 5 * r.nextDouble());
            return x;
        }

        double[] coefficients() {
            SplittableRandom r = new SplittableRandom(~seed);
            double[] c = new double[dims];
            Arrays.setAll(c, i -> 1 + 4 * r.nextDouble());
            return c;
        }

        /** The weights of the inner value u(x) = Σ wᵢ·xᵢ, 0.5 … 2, so that K·∇u is as large as the rest's slope. */
        double[] innerWeights() {
            SplittableRandom r = new SplittableRandom(31 * seed + 7);
            double[] w = new double[dims];
            Arrays.setAll(w, i -> 0.5 + 1.5 * r.nextDouble());
            return w;
        }

        double value(double[] x) {
            double f = TestFunctions.smooth(x, coefficients());
            return switch (spoil) {
                case NOISE -> f + level() * TestFunctions.hashNoise(x);
                case QUANTUM -> Math.rint(f / level()) * level();
                case INNER_QUANTUM -> (float) (f + Math.rint(inner(x) / level()) * level());
            };
        }

        private double inner(double[] x) {
            double[] w = innerWeights();
            double u = 0;
            for (int i = 0; i < dims; i++) {
                u += w[i] * x[i];
            }
            return u;
        }

        /** The gradient of the loss as meant: the smooth part's, plus ∇u for the term of the (unrounded) inner value. */
        double[] gradient(double[] x) {
            double[] g = TestFunctions.smoothGradient(x, coefficients());
            if (spoil == Spoil.INNER_QUANTUM) {
                double[] w = innerWeights();
                Arrays.setAll(g, i -> g[i] + w[i]);
            }
            return g;
        }

        DifferentiableFunction with(Bug bug) {
            return TestFunctions.of(this::value, x -> {
                double[] g = gradient(x);
                if (bug == null) {
                    return g;
                }
                switch (bug) {
                    case SIGN_FLIP -> Arrays.setAll(g, i -> -g[i]);
                    case DOUBLED -> Arrays.setAll(g, i -> 2 * g[i]);
                    case HALVED -> Arrays.setAll(g, i -> g[i] / 2);
                    case ZERO -> Arrays.fill(g, 0);
                    case ONE_ENTRY_NEGATED -> g[(int) Math.floorMod(seed, dims)] *= -1;
                    case ONE_ENTRY_ZERO -> g[(int) Math.floorMod(seed, dims)] = 0;
                }
                return g;
            });
        }

        @Override
        public String toString() {
            return dims + " variables, " + spoil + " 1e" + exponent + ", seed " + seed;
        }
    }

    private static final Gen<Case> CASES = integers().between(1, 6).zip(integers().between(0, 2),
            integers().between(-12, -1), longs().all(), (d, s, e, seed) -> new Case(d, Spoil.values()[s],
                    s == 0 ? e : Math.min(e, s == 1 ? -2 : -3), seed));

    @Test
    void aWrongGradientOfANoisyOrQuantisedLossIsNeverPassed() {
        Exercised planted = new Exercised("wrong gradients checked");
        qt().forAll(CASES, integers().between(0, Bug.values().length - 1)).checkAssert((c, b) -> {
            planted.example();
            Bug bug = Bug.values()[b];
            double[] x = c.x();
            double[] g = c.gradient(x);
            int i = (int) Math.floorMod(c.seed(), c.dims());
            if ((bug == Bug.ONE_ENTRY_NEGATED || bug == Bug.ONE_ENTRY_ZERO) && Math.abs(g[i]) < 1e-3) {
                return; // that entry's true derivative is ~0: negating or zeroing it changes nothing that matters
            }
            planted.hit();
            GradientReport r = GradientCheck.check(c.with(bug), x);
            assertFalse(r.passed(), () -> c + ", " + bug + "\n" + r.summary());
        });
        planted.requireAtLeast(0.9);
    }

    @Test
    void theRightGradientOfANoisyOrQuantisedLossIsNeverFailed() {
        Exercised passedAtLowNoise = new Exercised("low-noise cases passed");
        qt().forAll(CASES).checkAssert(c -> {
            GradientReport r = GradientCheck.check(c.with(null), c.x());
            assertNotEquals(Diagnosis.NON_DETERMINISTIC, r.diagnosis(), () -> c + "\n" + r.summary());
            assertFalse(!r.passed() && r.diagnosis() != Diagnosis.INCONCLUSIVE, () -> c + "\n" + r.summary());
            if (c.exponent() <= -9) {
                passedAtLowNoise.example();
                if (r.passed()) {
                    passedAtLowNoise.hit();
                }
            }
        });
        // noise or quanta of 1e-9 and below on gradients of size 1–10 are resolved: nearly all of those pass
        passedAtLowNoise.requireAtLeast(0.95);
    }

    /**
     * A wrong gradient a 10,000-example run once passed: a loss rounded to 1e-2 does not move at all near x along one
     * entry, and the flat stretch was taken to bound its slope by the loss's rounding, not by its 1e-2 steps, which
     * "proved" the zeroed entry. The flat stretch now bounds the slope by the smallest move seen.
     */
    @Test
    void aZeroedEntryOfACoarselyRoundedLossIsNotProvenByItsFlatness() {
        Case c = new Case(3, Spoil.QUANTUM, -2, 68L);
        GradientReport r = GradientCheck.check(c.with(Bug.ONE_ENTRY_ZERO), c.x());
        assertFalse(r.passed(), () -> c + "\n" + r.summary());
    }

    /**
     * Right gradients that random seeds once failed, both an inner value rounded to 1e-3: a stair next to x read as a
     * kink whose one-sided slopes (−1.583 and −2.094) excluded the claim −1.549 (1 variable, seed −410045227, in a CI
     * run), and a 2-variable case (seed 2001) of a 10,000-example run. A kink conviction in a float loss now waits,
     * as a central one does, when the noise only wider spacings show could explain the difference.
     */
    @Test
    void formerFailuresAreNotFailed() {
        for (Case c : List.of(new Case(1, Spoil.INNER_QUANTUM, -3, -410045227L),
                new Case(2, Spoil.INNER_QUANTUM, -3, 2001L))) {
            GradientReport r = GradientCheck.check(c.with(null), c.x());
            assertTrue(r.failures().isEmpty(), () -> c + "\n" + r.summary());
        }
    }
}
