package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The noise estimate (Moré–Wild differences) and the checker's behaviour on noisy functions. */
class NoiseTest {

    private static final int POINTS = NoiseEstimate.WINDOW + 1;

    private static double cubic(double t) {
        return 1 + 2 * t + 3 * t * t - t * t * t;
    }

    /** g(x + i·δ) + noise_i, a one-sided window as the checker takes it. */
    private static double[] sample(DoubleUnaryOperator g, double x, double delta, double[] noise) {
        double[] v = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            v[i] = g.applyAsDouble(x + i * delta) + noise[i];
        }
        return v;
    }

    @Test
    void gaussianNoiseOfKnownSigmaIsDetectedAtItsLevel() {
        double sigma = 1e-10;
        int seeds = 300;
        int withinThree = 0;
        double sumLog = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Random random = new Random(seed);
            double[] noise = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                noise[i] = sigma * random.nextGaussian();
            }
            NoiseEstimate.Result r = NoiseEstimate.of(sample(NoiseTest::cubic, 0.4, 1e-6, noise));
            assertEquals(NoiseEstimate.Outcome.DETECTED, r.outcome(), "seed " + seed);
            double ratio = r.sigma() / sigma;
            assertTrue(ratio > 0.1 && ratio < 10, "seed " + seed + ": σ estimated " + r.sigma());
            withinThree += ratio >= 1 / 3.0 && ratio <= 3 ? 1 : 0;
            sumLog += Math.log(ratio);
        }
        // nine points give a rough estimate; over many samples it must be right in the mean and mostly within 3×
        assertTrue(withinThree >= 0.95 * seeds, withinThree + " of " + seeds + " within a factor 3");
        double geometricMean = Math.exp(sumLog / seeds);
        assertTrue(geometricMean > 0.7 && geometricMean < 1.4, "geometric mean of σ̂/σ: " + geometricMean);
    }

    @Test
    void uniformNoiseIsDetectedAtItsStandardDeviation() {
        double halfWidth = 3e-9; // uniform on [−a, a] has σ = a / √3
        double sigma = halfWidth / Math.sqrt(3);
        Random random = new Random(42);
        double sumLog = 0;
        for (int trial = 0; trial < 200; trial++) {
            double[] noise = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                noise[i] = halfWidth * (2 * random.nextDouble() - 1);
            }
            NoiseEstimate.Result r = NoiseEstimate.of(sample(Math::exp, 1.0, 1e-5, noise));
            assertEquals(NoiseEstimate.Outcome.DETECTED, r.outcome());
            sumLog += Math.log(r.sigma() / sigma);
        }
        double geometricMean = Math.exp(sumLog / 200);
        assertTrue(geometricMean > 0.7 && geometricMean < 1.4, "geometric mean of σ̂/σ: " + geometricMean);
    }

    @Test
    void constantValuesMeanTheSpacingIsTooSmall() {
        double[] v = new double[POINTS];
        Arrays.fill(v, 2.5);
        NoiseEstimate.Result r = NoiseEstimate.of(v);
        assertEquals(NoiseEstimate.Outcome.SPACING_TOO_SMALL, r.outcome());
        assertEquals(0, r.sigma());
    }

    @Test
    void aStaircaseWithMostlyEqualNeighboursMeansTheSpacingIsTooSmall() {
        // f quantised to steps of 1e-3 sampled at spacing 1e-5: most neighbours are equal
        NoiseEstimate.Result r = NoiseEstimate.of(sample(t -> Math.floor(t * 1e3) / 1e3, 0.50003, 1e-5,
                new double[POINTS]));
        assertEquals(NoiseEstimate.Outcome.SPACING_TOO_SMALL, r.outcome());
    }

    @Test
    void smoothFunctionsAtLargeSpacingShowNoNoise() {
        double[] zero = new double[POINTS];
        for (double delta : new double[] {0.5, 0.1, 1e-2}) {
            assertNotEquals(NoiseEstimate.Outcome.DETECTED, NoiseEstimate.of(sample(Math::exp, 1, delta, zero)).outcome(),
                    "exp at spacing " + delta);
        }
        // At 1e-3 the eighth differences of exp are down at rounding, which is then what shows, at its own level.
        double[] fine = sample(Math::exp, 1, 1e-3, zero);
        NoiseEstimate.Result r = NoiseEstimate.of(fine);
        assertTrue(r.outcome() != NoiseEstimate.Outcome.DETECTED || r.sigma() <= 4 * Math.ulp(fine[fine.length - 1]),
                "σ " + r.sigma());
        assertEquals(NoiseEstimate.Outcome.SPACING_TOO_LARGE, NoiseEstimate.of(sample(Math::exp, 1, 0.5, zero)).outcome());
    }

    @Test
    void aCubicsHigherDifferencesArePureRoundingSoItsNoiseIsAtTheRoundingLevel() {
        // Δ⁴ of a cubic is exactly 0 in exact arithmetic: whatever noise is found is rounding, ~ ε·|f|.
        double[] zero = new double[POINTS];
        int detected = 0;
        for (double delta : new double[] {0.5, 0.1, 1e-2}) {
            double[] v = sample(NoiseTest::cubic, 0.4, delta, zero);
            double maxF = Arrays.stream(v).map(Math::abs).max().orElseThrow();
            NoiseEstimate.Result r = NoiseEstimate.of(v);
            if (r.outcome() == NoiseEstimate.Outcome.DETECTED) {
                detected++;
                assertTrue(r.sigma() <= 4 * Math.ulp(maxF), "spacing " + delta + ": σ " + r.sigma() + " for |f| ≤ "
                        + maxF);
            }
        }
        assertTrue(detected > 0, "the rounding in Δ⁴ changes sign, so it shows as noise at some spacing");
    }

    /** A pseudo-random number in [−1, 1] determined by the bits of x: the same x always gives the same noise. */
    static double hashNoise(double[] x) {
        long h = 0x2545F4914F6CDD1DL;
        for (double v : x) {
            h ^= Double.doubleToRawLongBits(v);
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return (h >>> 11) * 0x1.0p-53 * 2 - 1;
    }

    /** sin(x0) + x1²/2 + x0·x1 + 1e-9·noise(x): noise ~ 1e-9 is 1e5 × ε·|f|, far above what ε·|f| predicts. */
    private static DifferentiableFunction noisy(double gradientFactor) {
        return Fn.of(x -> Math.sin(x[0]) + 0.5 * x[1] * x[1] + x[0] * x[1] + 1e-9 * hashNoise(x),
                x -> new double[] {gradientFactor * (Math.cos(x[0]) + x[1]), gradientFactor * (x[1] + x[0])});
    }

    @Test
    void aNoisyFunctionWithTheRightGradientPasses() {
        Random random = new Random(8);
        for (int p = 0; p < 100; p++) {
            double[] x = {2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1};
            GradientReport report = GradientCheck.check(noisy(1), x);
            assertTrue(report.passed(), () -> "false alarm at " + Arrays.toString(x) + "\n" + report.summary());
        }
    }

    @Test
    void theNoiseIsRealToTheScreeningStepSoTheCheckerHadToMeasureIt() {
        // ε·|f| alone would give error bars ~1e-9: the measured noise (~1e-9 in f, so ~1e-4 in a difference at
        // h ≈ 4e-6) is what the bars are made of, and they still resolve the entries.
        GradientReport report = GradientCheck.check(noisy(1), new double[] {0.3, -0.6});
        assertTrue(report.passed(), report.summary());
        double h = EntryJudge.step(0.6);
        for (EntryResult e : report.entries()) {
            assertTrue(e.measurementError() > 0.1 * 1e-9 / h, e + "\n" + report.summary());
        }
    }

    @Test
    void aNoisyFunctionWithAGradientOffByOnePercentFails() {
        Random random = new Random(9);
        for (int p = 0; p < 100; p++) {
            double[] x = {2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1};
            GradientReport report = GradientCheck.check(noisy(1 + 1e-2), x);
            assertFalse(report.passed(), () -> "missed at " + Arrays.toString(x) + "\n" + report.summary());
            assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
            // With noise of 1e-9 in f, the numerical derivative is good to about 1e-3 at the steps the checker
            // takes: enough to name the factor, not to pin its fourth digit.
            assertEquals(1.01, report.fittedScale(), 2e-3, report::summary);
        }
    }

    @Test
    void hashNoiseIsDeterministicAndCoversItsRange() {
        assertEquals(hashNoise(new double[] {0.25, 1}), hashNoise(new double[] {0.25, 1}));
        double min = 1;
        double max = -1;
        for (int i = 0; i < 1000; i++) {
            double u = hashNoise(new double[] {i * 1e-7, 0.5});
            min = Math.min(min, u);
            max = Math.max(max, u);
        }
        assertTrue(min >= -1 && min < -0.9 && max <= 1 && max > 0.9, min + " " + max);
    }

    @Test
    void noiseAlongAnEntryIsMeasuredThroughTheProbeWithoutMovingTheParameter() {
        double[] x = {0.7, 1.3};
        double[] start = x.clone();
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("x", x)),
                () -> Math.exp(x[0]) + x[1] + 1e-9 * hashNoise(x), () -> new double[][] {{0, 0}});
        Probe probe = new Probe(f, f.blocks());
        double f0 = probe.value();
        NoiseEstimate.Result r = NoiseEstimate.along(new FiniteDifferences(probe, 0, 0, x[0]), 1e-7, f0);
        assertEquals(NoiseEstimate.Outcome.DETECTED, r.outcome());
        double sigma = 1e-9 / Math.sqrt(3);
        assertTrue(r.sigma() > sigma / 3 && r.sigma() < 3 * sigma, "σ " + r.sigma() + ", truth " + sigma);
        assertEquals(1 + 2 * NoiseEstimate.WINDOW, probe.evaluations(), "f(x) once, then a window of new points on each side");
        RestorationTest.assertBitIdentical(start, x);
    }

    /** sin(x0)·x1 + exp(x2/2) + x1², computed in double and rounded to float: noise ~ 6e-8·|f|. */
    private static DifferentiableFunction roundedToFloat(double gradientFactor) {
        return Fn.of(y -> (float) (Math.sin(y[0]) * y[1] + Math.exp(0.5 * y[2]) + y[1] * y[1]),
                y -> new double[] {gradientFactor * Math.cos(y[0]) * y[1],
                        gradientFactor * (Math.sin(y[0]) + 2 * y[1]), gradientFactor * 0.5 * Math.exp(0.5 * y[2])});
    }

    @Test
    void aLossComputedInSinglePrecisionPassesWithTheRightGradient() {
        Random random = new Random(4);
        for (int p = 0; p < 200; p++) {
            double[] x = {4 * random.nextDouble() - 2, 4 * random.nextDouble() - 2, 4 * random.nextDouble() - 2};
            GradientReport report = GradientCheck.check(roundedToFloat(1), x);
            assertTrue(report.passed(), () -> "false alarm at " + Arrays.toString(x) + "\n" + report.summary());
        }
    }

    @Test
    void aLossComputedInSinglePrecisionStillShowsAFactorTwo() {
        Random random = new Random(5);
        for (int p = 0; p < 50; p++) {
            double[] x = {4 * random.nextDouble() - 2, 4 * random.nextDouble() - 2, 4 * random.nextDouble() - 2};
            GradientReport report = GradientCheck.check(roundedToFloat(2), x);
            assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
            assertEquals(2, report.fittedScale(), 2e-3, report::summary);
        }
    }

    @Test
    void aStairIsIsolatedButARampLeavingAFlatStretchIsNot() {
        // a staircase: jumps of 2e-9 between flat stretches
        assertEquals(2e-9, NoiseEstimate.resolution(new double[] {1, 1, 1 + 2e-9, 1 + 2e-9, 1 + 2e-9, 1 + 4e-9}), 1e-15);
        // a dead unit coming alive after point 3: its first step (1e-12) is not a quantum of f
        assertEquals(Double.POSITIVE_INFINITY,
                NoiseEstimate.resolution(new double[] {1, 1, 1, 1, 1 + 1e-12, 1 + 1e-9, 1 + 2e-9}));
    }

    @Test
    void aLossComputedInSinglePrecisionWithAMissingGradientFails() {
        // every narrow window of a float staircase is flat: that must not pass for "derivative 0"
        Random random = new Random(6);
        for (int p = 0; p < 50; p++) {
            double[] x = {4 * random.nextDouble() - 2, 4 * random.nextDouble() - 2, 4 * random.nextDouble() - 2};
            GradientReport report = GradientCheck.check(roundedToFloat(0), x);
            assertEquals(Diagnosis.MISSING_GRADIENT, report.diagnosis(), report::summary);
        }
    }

    /** −log(1 − σ(z)) computed naively, with the gradient σ(z) times {@code factor}. */
    private static DifferentiableFunction naiveBce(double factor) {
        return Fn.of(w -> -Math.log(1 - 1 / (1 + Math.exp(-w[0]))), w -> new double[] {factor / (1 + Math.exp(-w[0]))});
    }

    @Test
    void naiveBinaryCrossEntropyOfASaturatedSigmoidNeverFailsAndSaysWhenItIsTooNoisy() {
        // 1 − σ(z) cancels to a few ulps of 1 for large z, so the loss is a staircase whose noise grows like
        // ε·e^z: 4e-6 at z = 24, 5e-4 at z = 29, 2e-2 at z = 33. While it can still be differentiated to better
        // than the scale resolution (1 %), the right gradient passes; beyond, the report is INCONCLUSIVE and says the
        // loss is noisy — never a false alarm.
        for (double z = 0; z <= 33.5; z += 0.25) {
            double[] x = {z};
            GradientReport report = GradientCheck.check(naiveBce(1), x);
            if (z <= 24) {
                assertTrue(report.passed(), () -> "false alarm at z = " + x[0] + "\n" + report.summary());
            }
            assertTrue(report.passed() || report.diagnosis() == Diagnosis.INCONCLUSIVE,
                    () -> "false alarm at z = " + x[0] + "\n" + report.summary());
            if (!report.passed()) {
                assertTrue(report.explanation().contains("noisy"), report::summary);
            }
        }
    }

    @Test
    void naiveBinaryCrossEntropyWithAGradientTwoPercentOffNeverPasses() {
        for (double z = 0; z <= 33.5; z += 0.25) {
            double[] x = {z};
            GradientReport report = GradientCheck.check(naiveBce(1.02), x);
            assertFalse(report.passed(), () -> "z = " + x[0] + "\n" + report.summary());
        }
    }

    /**
     * A loss computed in float, with a block whose derivatives (2.6e-10) move it by less than one float ulp (9.5e-7 at
     * 8.7) over any step the checker takes: f never changes along them. Its rounding is 2⁻²⁴ · |f|, not ε · |f|, so
     * the flat values cannot convict the tiny claims (they did, at a tolerance of 1e-12); the block along which f does
     * move is still judged, and a wrong claim there still fails.
     */
    @Test
    void aFloatLossIsJudgedAtFloatPrecision() {
        assertTrue(floatLoss(1).failures().isEmpty(), () -> floatLoss(1).summary());
        GradientReport failed = floatLoss(-1);
        assertEquals(List.of("big"), failed.wrongBlocks(), failed::summary);
    }

    /**
     * A loss computed in float whose saturated term moves only in stairs of 0.0025, five apart, one of them 0.29 to the
     * right of x (the stairs of log(1 − p) of a float p near 1, as in sweep seed 29 case 4703): between stairs the loss
     * has the slope of its smooth part alone, −0.005, while the loss as written — the stairs' mean slope 0.0005
     * included — has −0.0045. Every step up to 0.004 reads −0.005 cleanly: the right claim is not failed (it was,
     * MISMATCH), since stairs that far apart could hide that much; a sign flip, farther off than any stair could hide,
     * still fails, and no wrong claim passes.
     */
    private static DifferentiableFunction sparseFloatStairs(double claim) {
        double x0 = 0.31;
        return Fn.of(y -> (float) (12 - 0.005 * y[0] - 0.012 * (y[0] - x0) * (y[0] - x0)
                        + 0.0025 * Math.floor((y[0] - x0 - 0.29) / 5) + y[1] * y[1]),
                y -> new double[] {claim, 2 * y[1]});
    }

    @Test
    void stairsOfAFloatLossFarBeyondTheStepsDoNotFailTheSlopeTheyHide() {
        double[] x = {0.31, 0.7};
        double right = -0.005 + 0.0025 / 5;
        GradientReport report = GradientCheck.check(sparseFloatStairs(right), x);
        assertTrue(report.failures().isEmpty(), report::summary);
        assertEquals(Diagnosis.INCONCLUSIVE, report.diagnosis(), report::summary);
        assertTrue(report.summary().contains("the loss jumps by"), report::summary);
        GradientReport flipped = GradientCheck.check(sparseFloatStairs(-right), x);
        assertEquals(List.of("x[0]"), flipped.failures().stream().map(EntryResult::label).toList(), flipped::summary);
        for (double wrong : new double[] {0, 2 * right, right / 2}) {
            GradientReport r = GradientCheck.check(sparseFloatStairs(wrong), x);
            assertFalse(r.passed(), () -> "claim " + wrong + "\n" + r.summary());
        }
    }

    private static GradientReport floatLoss(double sign) {
        ParameterBlock tiny = ParameterBlock.vector("tiny", new double[] {0.3, -0.2});
        ParameterBlock big = ParameterBlock.vector("big", new double[] {0.7});
        double[] t = tiny.data();
        double[] b = big.data();
        return GradientCheck.check(new Blocks(List.of(tiny, big),
                () -> (float) (8.1 + 2.6e-10 * (t[0] + t[1]) + Math.sin(b[0])),
                () -> new double[][] {{2.6e-10, 2.6e-10}, {sign * Math.cos(b[0])}}));
    }
    /**
     * A loss computed in float that never moves under any step (a saturated float network: its tanh units round to
     * ±1), with claims of 1e-8, right in double precision. Only f(x) is ever seen, a float of 24 significant bits: that
     * is evidence enough of float rounding, so the flat values cannot convict the claims (they did, at a tolerance of
     * 1e-12: sweep seed 13 case 8585); claims that move the float loss by less than a rounding per unit step are
     * negligible. A double loss taking one round value (3.0) is not taken for float: a wrong claim along its moving
     * entry still fails.
     */
    @Test
    void aFloatLossThatNeverMovesIsNotConvictedByItsFlatness() {
        double[] x = {0.4, -1.3};
        GradientReport flat = GradientCheck.check(Fn.of(y -> (float) (2.8649365 + 1e-8 * (Math.tanh(y[0]) + y[1])),
                y -> new double[] {1e-8 / Math.pow(Math.cosh(y[0]), 2), 1e-8}), x);
        assertTrue(flat.failures().isEmpty(), flat::summary);
        assertTrue(Probe.significantBits((float) 2.8649365) >= Probe.FULL_FLOAT_BITS);
        assertEquals(1, Probe.significantBits(0.25));
        assertEquals(53, Probe.significantBits(Math.nextUp(1.0)));
        GradientReport round = GradientCheck.check(Fn.of(y -> 3.0 + 1e-3 * y[0] * y[1],
                y -> new double[] {-1e-3 * y[1], 1e-3 * y[0]}), new double[] {0, -1.3});
        assertEquals(List.of("x[0]"), round.failures().stream().map(EntryResult::label).toList(), round::summary);
    }

    /**
     * A float32 network's weight into a dead unit that comes alive 0.01 to the right of x (a ReLU whose pre-activation
     * is -0.01): f is bit-flat on the left out to 1 and on the right up to the kink, so every central window that is
     * clean is narrow, and float rounding limits them to ±8e-5 — too wide to tell the claim 0 from the 5e-6 its block
     * needs (sweep seed 11 case 2843). The left side's own steps, flat out to 1, pin the derivative to ±1e-6: if f is
     * differentiable at x that is f'(x), and if x were a kink the claim would be its left derivative. So 0 is proven,
     * and a claim off it by more than the left bar is not, though the right side's wider bar would take it.
     */
    @Test
    void aSideFlatFarOutProvesAClaimTheOtherSideCannotResolve() {
        double[] x = {0, 0.3};
        GradientReport right = GradientCheck.check(deadUntilJustRight(0), x);
        assertTrue(right.passed(), right::summary);
        GradientReport wrong = GradientCheck.check(deadUntilJustRight(2e-5), x);
        assertFalse(wrong.passed(), wrong::summary);
    }

    private static DifferentiableFunction deadUntilJustRight(double claim) {
        return Fn.of(y -> (float) (1 + 0.05 * Math.max(0, y[0] - 0.01) + 0.05 * Math.sin(y[1])),
                y -> new double[] {claim, 0.05 * Math.cos(y[1])});
    }

    /**
     * A term computed from an inner value u = w·x rounded to 1e-3 (as log(1 − p) of a p rounded near 1 is): between
     * its stairs, 1e-3 / w ≈ 9e-4 wide, f climbs with the rest's slope alone, so every quotient from a step inside one
     * stair reads 3 + x instead of 3 + x + w — smoothly, with tiny bars — while only spacings of h·16 and more see the
     * stairs, as noise. The right claim must not fail on the small steps' reading; a sign flip must still never pass.
     * Computed in float, where the checker looks for that noise (float32 nets with a probability rounded near 1).
     */
    @Test
    void noiseOnlyWiderSpacingsShowKeepsTheSmallStepsFromConvicting() {
        double w = 1.0847446225869073;
        DoubleUnaryOperator f = x -> (float) (3 * x + 0.5 * x * x + Math.rint(w * x / 1e-3) * 1e-3);
        double x0 = 0.3328078758614046;
        double right = 3 + x0 + w;
        GradientReport r = GradientCheck.check(Fn.of(x -> f.applyAsDouble(x[0]), x -> new double[] {right}),
                new double[] {x0});
        assertFalse(!r.passed() && r.diagnosis() != Diagnosis.INCONCLUSIVE, r::summary);
        GradientReport flipped = GradientCheck.check(Fn.of(x -> f.applyAsDouble(x[0]), x -> new double[] {-right}),
                new double[] {x0});
        assertFalse(flipped.passed(), flipped::summary);
    }

    /** A kink in a window gives its differences the signs and the steady size of noise; one hinge fits it exactly. */
    @Test
    void aWindowWithOneKinkIsNotNoiseButNoiseStaysNoise() {
        int kinks = 0;
        for (int j = 0; j < 32; j++) {
            double tau = 2 + j / 8.0 + 0.0625; // anywhere from the third point to the third from the end
            double[] v = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                v[i] = 3 + 0.2 * i - 0.01 * i * i + 0.7 * Math.max(0, i - tau);
            }
            kinks += NoiseEstimate.of(v).outcome() == NoiseEstimate.Outcome.DETECTED ? 0 : 1;
        }
        assertEquals(32, kinks, "windows with one kink taken for noise: " + (32 - kinks));
        int detected = 0;
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            double[] v = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                v[i] = 1 + 1e-3 * i + 1e-10 * random.nextGaussian();
            }
            detected += NoiseEstimate.of(v).outcome() == NoiseEstimate.Outcome.DETECTED ? 1 : 0;
        }
        // the differences detect Gaussian noise in most windows (as before the hinge test); the fit takes few of them
        assertTrue(detected >= 250, "noisy windows detected: " + detected + " of 300");
    }

    /**
     * A loss rounded to 1e-8 with a slope of 5.367398: every power-of-two spacing from h/4096 holds a whole number of
     * stairs (one at h/4096), so the rounding error drifts smoothly along each window and the differences show none;
     * the spacings 1.618 times as wide sample it (once 0 noise, and a kink "pinned" by the stairs failed the right
     * gradient: NoisyLossProperties, QUANTUM 1e-8).
     */
    @Test
    void stairsAWholeNumberPerSpacingAreStillNoise() {
        double x0 = -2.4494494617108975;
        double[] x = {x0};
        DoubleUnaryOperator g = v -> Math.rint((3.789889610118166 * Math.sin(v) + 0.5 * v * v + 0.31875931272420766)
                / 1e-8) * 1e-8;
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("x", x)), () -> g.applyAsDouble(x[0]),
                () -> new double[][] {{0}});
        Probe probe = new Probe(f, f.blocks());
        double f0 = probe.value();
        double h = EntryJudge.step(x0);
        double bound = NoiseEstimate.boundAlong(new FiniteDifferences(probe, 0, 0, x0), f0, h, Math.scalb(h, 10));
        assertTrue(bound >= 0.5e-8, "noise bound " + bound);
    }

    /** A staircase seen from a minimum of its trend: every other level from f(x) on, the quantum the smallest gap. */
    @Test
    void aStaircaseSeenFromAMinimumHasTheQuantumOfItsLevels() {
        java.util.Map<Double, Double> values = new java.util.HashMap<>();
        double f0 = 1.0;
        double[] offsets = {-0.4, -0.3, -0.25, -0.2, -0.1, 0.1, 0.2, 0.3, 0.35, 0.4, 0.5};
        double[] levels = {0.4, 0.2, 0.2, 0.2, 0, 0, 0, 0.2, 0.3, 0.3, 0.5};
        for (int i = 0; i < offsets.length; i++) {
            values.put(offsets[i], f0 + levels[i]);
        }
        assertEquals(0.1, NoiseEstimate.commonQuantum(values, 0, f0), 1e-12);
    }
}
