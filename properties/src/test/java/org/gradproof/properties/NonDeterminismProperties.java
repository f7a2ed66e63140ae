package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.DifferentiableFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * A loss that is not a function of its parameters — fresh noise on every call (a stochastic estimate, 1e-13 … 1 of
 * the loss), a dropout mask redrawn on every call (rate 0.5 … 0.001) — is NON_DETERMINISTIC, never passed: the
 * checker evaluates value() and gradient() twice at the same point before measuring anything, and again after.
 * Jitter of a few ulps (1e-15 … 1e-14 of the loss) is no larger than a deterministic loss's own rounding: the
 * repeated values may then come out bit-identical, and a pass is the right answer, a WRONG verdict never.
 */
class NonDeterminismProperties {

    @Test
    void freshNoiseOnEveryCallIsNonDeterministic() {
        qt().forAll(integers().between(-15, 0), integers().between(1, 6), longs().all()).checkAssert((e, dims, seed) -> {
            Random random = new Random(seed);
            double level = Math.pow(10, e);
            double[] c = new double[dims];
            java.util.Arrays.fill(c, 2);
            DifferentiableFunction f = TestFunctions.of(
                    x -> TestFunctions.smooth(x, c) * (1 + level * random.nextGaussian()),
                    x -> TestFunctions.smoothGradient(x, c));
            double[] x = new double[dims];
            java.util.Arrays.setAll(x, i -> 0.3 + i);
            GradientReport r = GradientCheck.check(f, x);
            if (e >= -13) {
                assertEquals(Diagnosis.NON_DETERMINISTIC, r.diagnosis(), () -> "noise 1e" + e + "\n" + r.summary());
            } else {
                assertTrue(r.diagnosis() == Diagnosis.NON_DETERMINISTIC || r.diagnosis() == Diagnosis.CORRECT,
                        () -> "noise 1e" + e + " at rounding level\n" + r.summary());
            }
        });
    }

    /**
     * A reference network whose hidden activations go through a dropout mask redrawn on every call of value(). At low
     * rates a whole check may see no unit dropped (then nothing is random about it); whenever one was, the check is
     * never passed, and most checks at rate ≥ 0.1 are named NON_DETERMINISTIC.
     */
    @Test
    void dropoutLeftOnIsNeverPassed() {
        Exercised named = new Exercised("dropout checks named NON_DETERMINISTIC");
        qt().withExamples(300).forAll(NetworkGenerators.networkCases(), integers().between(0, 3), longs().all())
                .checkAssert((c, rateChoice, seed) -> {
                    double rate = new double[] {0.5, 0.1, 0.01, 0.001}[rateChoice];
                    Dropout f = new Dropout(c.objective(), rate, new Random(seed));
                    GradientReport r = GradientCheck.check(f);
                    // a loss of exactly 0 at the point (a saturated output on its target) is 0 under any mask there:
                    // a unit dropped only at the far points of the stair search changes nothing the verdict rests on
                    boolean zeroLoss = c.objective().value() == 0;
                    if (f.dropped.get() > 0 && !zeroLoss) {
                        assertFalse(r.passed(), () -> c + ", dropout " + rate + "\n" + r.summary());
                    }
                    if (rate >= 0.1 && f.dropped.get() > 0 && !zeroLoss) {
                        named.example();
                        if (r.diagnosis() == Diagnosis.NON_DETERMINISTIC) {
                            named.hit();
                        }
                    }
                });
        named.requireAtLeast(0.9);
    }

    /** The loss with each evaluation scaled as if a random share of the units were dropped (rescaled by 1/(1−p)). */
    private static final class Dropout implements BlockFunction {
        private final BlockFunction inner;
        private final double rate;
        private final Random random;
        final AtomicInteger dropped = new AtomicInteger();

        Dropout(BlockFunction inner, double rate, Random random) {
            this.inner = inner;
            this.rate = rate;
            this.random = random;
        }

        @Override
        public List<ParameterBlock> blocks() {
            return inner.blocks();
        }

        @Override
        public double value() {
            // a mask over 16 units: each kept unit is scaled by 1/(1 − p), as inverted dropout does
            double kept = 0;
            for (int i = 0; i < 16; i++) {
                kept += random.nextDouble() >= rate ? 1 : 0;
            }
            double value = inner.value();
            double masked = value * (kept / 16) / (1 - rate);
            if (kept < 16 && masked != value / (1 - rate)) {
                // a unit was dropped and that changed the loss (it cannot change a loss of exactly 0); with none
                // dropped every call gives value / (1 − p), a fixed scale of 1.001 at p = 0.001, not randomness
                dropped.incrementAndGet();
            }
            return masked;
        }

        @Override
        public double[][] gradient() {
            return inner.gradient();
        }
    }
}
