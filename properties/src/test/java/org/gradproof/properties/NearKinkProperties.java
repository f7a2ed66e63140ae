package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.DifferentiableFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;
import org.gradproof.properties.sweep.SweepCase;
import org.gradproof.properties.sweep.SweepCases;
import org.gradproof.properties.sweep.SweepFamily;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Kinks near the checked point, from 0.001 to 40 screening steps h away on either side: a claim outside the subgradient
 * interval [min, max] of the one-sided slopes is never passed, and the true one-sided slope is never failed. First on
 * f(x) = L·min(0, x₀ − c) + R·max(0, x₀ − c) + smooth terms, where the slopes and the distance are set exactly; then
 * on ReLU networks with a unit moved to within 1e-9 … 1e-5 of its kink, where a value outside the unit's two one-sided
 * slopes is planted on its bias.
 */
class NearKinkProperties {

    /** A kink at distance t·h from x₀ (t signed, 0.001 ≤ |t| ≤ 40), slopes L left and R right of it. */
    private record Kinked(double x0, double t, double left, double right, double x1) {
        private static final double BEND = 0.01;
        private static final double WAVE = 30;

        double c() {
            return x0 + t * TestFunctions.step(x0);
        }

        /**
         * The right piece bends: BEND·(sin(WAVE·d) − WAVE·d) for d = x₀ − c &gt; 0, which leaves its slope at the kink R
         * but makes wide windows on that side curved (a live unit under a sigmoid), so that a flat left side's window,
         * constant but for its first point, fits a cubic better than the right side's does.
         */
        double value(double[] x) {
            double d = x[0] - c();
            double live = Math.max(0, d);
            return left * Math.min(0, d) + right * live + BEND * (Math.sin(WAVE * live) - WAVE * live)
                    + Math.sin(x[1]) + 0.5 * x[1] * x[1];
        }

        /** The derivative at x₀: the slope of the side x₀ is on. */
        double slope() {
            double d = x0 - c();
            return d < 0 ? left : right + BEND * WAVE * (Math.cos(WAVE * d) - 1);
        }

        DifferentiableFunction claiming(double claim) {
            return TestFunctions.of(this::value, x -> new double[] {claim, Math.cos(x[1]) + x[1]});
        }

        @Override
        public String toString() {
            return "kink at x0 " + (t > 0 ? "+ " : "− ") + Math.abs(t) + " h, x0 = " + x0 + ", slopes " + left + " | "
                    + right;
        }
    }

    /**
     * Kinks on either side of x₀, the jump up or down; in half the cases the left side is flat (L = 0: a dead ReLU),
     * whose windows of f are constant beyond the kink and whose one-sided differences do not change with the step.
     */
    private static final Gen<Kinked> KINKS = doubles().between(-3, 3).zip(doubles().between(-3, 1.6),
            integers().between(0, 3), doubles().between(-2, 2), doubles().between(0.05, 3),
            (x0, e, shape, l, jump) -> {
                boolean above = (shape & 1) == 0;
                double left = (shape & 2) == 0 ? l : 0;
                return new Kinked(x0, (above ? 1 : -1) * Math.pow(10, e), left, left + (above ? jump : -jump), 0.7);
            });

    /** The checker's default relative tolerance: values closer than that are equal by definition. */
    private static final double RELATIVE_TOLERANCE = org.gradproof.check.CheckOptions.defaults().relativeTolerance();

    /** How far outside the interval a wrong claim lies, as a share of the jump (at least 2 %). */
    private static final Gen<Double> MARGINS = doubles().between(0.02, 3);

    @Test
    void theOneSidedSlopeAtANearbyKinkIsNeverFailed() {
        qt().forAll(KINKS).checkAssert(k -> {
            GradientReport r = GradientCheck.check(k.claiming(k.slope()), new double[] {k.x0(), k.x1()});
            assertTrue(r.passed() || r.diagnosis() == Diagnosis.INCONCLUSIVE, () -> k + "\n" + r.summary());
        });
    }

    /**
     * Kinks within h/100 of x₀ (a ReLU's pre-activation within 1e-9 of 0) count as at x₀: the one-sided slopes there are
     * the verdict's interval, and the true slope is in it. They are pinned by the raw quotients' gap, which stays at
     * about the jump down to steps near the kink's distance (a smooth f's halves with the step); the one-sided
     * extrapolations alone cannot pin them, since the side with the kink breaks Richardson's law at every step near it
     * (that left ReLU networks inconclusive with "a kink near x, not pinned to it").
     */
    @Test
    void theSlopeBesideAKinkWithinAHundredthOfAStepIsResolved() {
        Gen<Kinked> pinned = KINKS.zip(doubles().between(-3, -2), (k, e) -> new Kinked(k.x0(),
                Math.signum(k.t()) * Math.pow(10, e), k.left(), k.right(), k.x1()));
        qt().forAll(pinned).checkAssert(k -> {
            GradientReport r = GradientCheck.check(k.claiming(k.slope()), new double[] {k.x0(), k.x1()});
            assertTrue(r.passed(), () -> k + "\n" + r.summary());
        });
    }

    @Test
    void aClaimOutsideTheSubgradientIntervalIsNeverPassed() {
        qt().forAll(KINKS, MARGINS, integers().between(0, 1)).checkAssert((k, margin, above) -> {
            double lo = Math.min(k.left(), k.right());
            double hi = Math.max(k.left(), k.right());
            double jump = hi - lo;
            double claim = above == 1 ? hi + margin * jump : lo - margin * jump;
            GradientReport r = GradientCheck.check(k.claiming(claim), new double[] {k.x0(), k.x1()});
            assertFalse(r.passed(), () -> k + ", claim " + claim + "\n" + r.summary());
        });
    }

    /**
     * A kink within h/100 of x₀ (the slopes {@code left} and {@code right} beside it) and a second one {@code t}·h away
     * (1.5 ≤ |t| ≤ 40) beyond which the slope is {@code far}, in a loss with deterministic noise of relative size
     * {@code noise}: the far piece's slope is what every wide window on that side reads, with a bar far smaller than the
     * small steps' noise allows theirs.
     */
    private record TwoKinks(double x0, double t, double left, double right, double far, double noise) {
        private static final double WAVE = 0.05;

        double value(double[] x) {
            double h = TestFunctions.step(x0);
            double first = x0 + 0.001 * h;
            double second = x0 + t * h;
            double d = x[0] - first;
            double f = left * Math.min(0, d) + right * Math.max(0, d);
            // beyond the second kink the slope turns from the near side's to far
            double near = t > 0 ? right : left;
            double beyond = t > 0 ? Math.max(0, x[0] - second) : Math.min(0, x[0] - second);
            f += (far - near) * beyond;
            f += WAVE * Math.sin(x[0]) + Math.sin(x[1]) + 0.5 * x[1] * x[1];
            return f + noise * Math.max(1, Math.abs(f)) * TestFunctions.hashNoise(x);
        }

        /** The slope on the side of the first kink x₀ is on (x₀ is left of it). */
        double slope() {
            return left + WAVE * Math.cos(x0);
        }

        DifferentiableFunction claiming(double claim) {
            return TestFunctions.of(this::value, x -> new double[] {claim, Math.cos(x[1]) + x[1]});
        }

        @Override
        public String toString() {
            return "kink at x0 + 0.001 h, a second at x0 " + (t > 0 ? "+ " : "− ") + Math.abs(t) + " h, x0 = " + x0
                    + ", slopes " + left + " | " + right + ", beyond the second " + far + ", noise " + noise;
        }
    }

    /**
     * A claim outside the slopes beside the kink at x₀ (by 2 % – 300 % of their gap, plus the wave's slope), the far
     * piece's slope anywhere from the nearer of them to three times as far out as the claim, so that the windows
     * reaching the second kink often read a slope near the claim: never passed, whatever the noise (1e-13 … 1e-9 of
     * f) leaves of the small steps.
     */
    @Test
    void aClaimOutsideTheSlopesAtXIsNeverPassedWhereASecondKinkIsNear() {
        Gen<double[]> shapes = doubles().between(-3, 3).zip(doubles().between(Math.log10(1.5), Math.log10(40)),
                integers().between(0, 1), doubles().between(-2, 2), doubles().between(0.05, 3),
                (x0, e, side, l, jump) -> new double[] {x0, (side == 0 ? 1 : -1) * Math.pow(10, e), l, jump});
        // margins log-uniform: the claims just outside an end are the ones a wide bar at that end lets through
        Gen<Double> margins = doubles().between(Math.log10(0.02), Math.log10(3)).map(e -> Math.pow(10, e));
        Gen<double[]> claims = margins.zip(integers().between(0, 1), doubles().between(-1, 2),
                doubles().between(-13, -9), (margin, above, beyond, noise) -> new double[] {margin, above, beyond, noise});
        Exercised planted = new Exercised("claims outside the slopes by more than the checker resolves");
        qt().forAll(shapes, claims).checkAssert((shape, c) -> {
            planted.example();
            double left = shape[2];
            boolean above = c[1] == 1;
            double right = left + (above ? shape[3] : -shape[3]);
            double offset = (above ? 1 : -1) * c[0] * shape[3];
            double piece = (above ? Math.max(left, right) : Math.min(left, right)) + offset;
            TwoKinks k = new TwoKinks(shape[0], shape[1], left, right, piece + c[2] * offset, Math.pow(10, c[3]));
            double claim = piece + TwoKinks.WAVE * Math.cos(k.x0());
            if (Math.abs(offset) <= SCALE_RESOLUTION / 2 * Math.abs(claim)) {
                return; // closer to the end than half the scale resolution of the claim: below what a kink's end is
                        // held to (numerics.md), as an ordinary entry's bar may be (a jump of 2 % of the slope)
            }
            planted.hit();
            GradientReport r = GradientCheck.check(k.claiming(claim), new double[] {k.x0(), 0.7});
            assertFalse(r.passed(), () -> k + ", claim " + claim + "\n" + r.summary());
        });
        planted.requireAtLeast(0.8);
    }

    /** The checker's default scale resolution: a kink's end is held to max(1 % of the jump, half of it · |claim|). */
    private static final double SCALE_RESOLUTION = org.gradproof.check.CheckOptions.defaults().scaleResolution();

    @Test
    void theSlopeAtXIsNeverFailedWhereASecondKinkIsNear() {
        Gen<TwoKinks> kinks = doubles().between(-3, 3).zip(doubles().between(Math.log10(1.5), Math.log10(40)),
                integers().between(0, 1), doubles().between(-2, 2), doubles().between(-2, 2),
                (x0, e, side, right, far) -> new TwoKinks(x0, (side == 0 ? 1 : -1) * Math.pow(10, e), 0.3, right, far,
                        1e-12));
        qt().forAll(kinks, doubles().between(-2, 2)).checkAssert((k, left) -> {
            TwoKinks moved = new TwoKinks(k.x0(), k.t(), left, k.right(), k.far(), k.noise());
            GradientReport r = GradientCheck.check(moved.claiming(moved.slope()), new double[] {k.x0(), 0.7});
            assertTrue(r.passed() || r.diagnosis() == Diagnosis.INCONCLUSIVE, () -> moved + "\n" + r.summary());
        });
    }

    /** Network cases re-measure many entries next to kinks: 150 examples by default ({@link Examples}). */
    private static final int EXAMPLES = Examples.share(0.15);

    /** ReLU networks of the sweep with one unit's pre-activation at or within 1e-9 … 1e-5 of its kink. */
    private static final Gen<SweepCase> NEAR_KINK_NETWORKS = longs().between(0, Long.MAX_VALUE / 8)
            .map(i -> SweepCases.draw(7, 6 * i + SweepFamily.RELU_NEAR_KINK.ordinal()));

    @Test
    void correctReluNetworksNearAKinkAreNeverFailed() {
        qt().withExamples(EXAMPLES).forAll(NEAR_KINK_NETWORKS)
                .checkAssert(c -> {
                    GradientReport r = GradientCheck.check(c.objective());
                    assertTrue(r.passed() || r.diagnosis() == Diagnosis.INCONCLUSIVE
                            || r.diagnosis() == Diagnosis.NON_FINITE, () -> c + "\n" + r.summary());
                });
    }

    /**
     * The moved unit's bias is the entry whose loss has the kink: its one-sided slopes are the reference gradient just
     * left and just right of the kink. A claim outside them by 2 % – 300 % of their gap is planted there.
     */
    @Test
    void aWrongValueOnTheEntryNextToTheKinkIsNeverPassed() {
        Exercised planted = new Exercised("values planted next to a kink");
        qt().withExamples(EXAMPLES)
                .forAll(NEAR_KINK_NETWORKS, MARGINS, integers().between(0, 1)).checkAssert((c, margin, above) -> {
                    planted.example();
                    BlockFunction f = c.objective();
                    Kink kink = Kink.find(f);
                    if (kink == null || kink.hi() - kink.lo() < 1e-6 * Math.max(1, Math.abs(kink.hi()))) {
                        return; // the unit's kink moves the loss too little to tell its sides apart
                    }
                    double distance = margin * (kink.hi() - kink.lo());
                    if (distance < 10 * RELATIVE_TOLERANCE * Math.max(Math.abs(kink.lo()), Math.abs(kink.hi()))) {
                        return; // within the checker's declared relative tolerance of an end: not "outside"
                    }
                    double claim = above == 1 ? kink.hi() + distance : kink.lo() - distance;
                    BlockFunction wrong = CorruptedGradient.replacedEntry(c.objective(), kink.block(), kink.index(),
                            claim);
                    if (negligible(wrong, kink, claim)) {
                        return; // below the checker's negligibleGradient next to the block: settled by definition
                    }
                    planted.hit();
                    GradientReport r = GradientCheck.check(wrong);
                    assertFalse(r.passed(), () -> c + ", " + kink + ", claim " + claim + "\n" + r.summary());
                });
        planted.requireAtLeast(0.3);
    }

    /**
     * The case a fresh seed found (sweep seed 7, case 44005: dense1 unit 1 at z = 1.08e-8, so dense1.b[1] sits 0.002 h
     * beside its kink, the dead side flat): a claim 2 % of the jump below the slopes PASSED with a 12 % bar, because
     * the noise bound's fallback read the dead side's window — constant but for its first point — as noise of 3e-12.
     */
    @Test
    void aClaimTwoPercentOfTheJumpOffBesideADeadSideIsNotPassed() {
        SweepCase c = SweepCases.draw(7, 44005);
        Kink kink = Kink.find(c.objective());
        assertTrue(kink != null && kink.hi() - kink.lo() > 0.04, () -> c + ": " + kink);
        double claim = kink.lo() - 0.02 * (kink.hi() - kink.lo());
        GradientReport r = GradientCheck.check(CorruptedGradient.replacedEntry(c.objective(), kink.block(),
                kink.index(), claim));
        assertFalse(r.passed(), () -> c + ", " + kink + ", claim " + claim + "\n" + r.summary());
    }

    /**
     * Whether the claim and both slopes are below what the checker calls negligible for the block: negligibleGradient
     * times the block's gradient size G = max(max |gradient entry|, √ε·|f|) (see {@code Resolution}). Such an entry
     * is settled whatever the claim, by the documented option, so a wrong value there is no miss.
     */
    private static boolean negligible(BlockFunction wrong, Kink kink, double claim) {
        double largest = 0;
        for (double g : wrong.gradient()[kink.block()]) {
            largest = Math.max(largest, Math.abs(g));
        }
        double size = org.gradproof.check.CheckOptions.defaults().negligibleGradient()
                * Math.max(largest, Math.sqrt(Math.ulp(1.0)) * Math.abs(wrong.value()));
        return Math.abs(claim) <= size && Math.max(Math.abs(kink.lo()), Math.abs(kink.hi())) <= 2 * size;
    }

    /**
     * A case a fresh seed found after stop 18 (sweep seed 7, case 13531: dense1 unit 2 at z = −4e-9, so dense1.b[2] sits
     * 4e-9 beside its kink): both sides' small-step quotients agree to the kinked side's wide bar, and the central
     * bar (1e-5) passed a claim 2 % of the jump below the clean side's slope, known to ±2.5e-11.
     */
    @Test
    void aClaimTwoPercentOffTheCleanSidesPreciseSlopeIsNotPassed() {
        SweepCase c = SweepCases.draw(7, 13531);
        Kink kink = Kink.find(c.objective());
        assertTrue(kink != null && kink.hi() - kink.lo() > 3e-4, () -> c + ": " + kink);
        double claim = kink.lo() - 0.02 * (kink.hi() - kink.lo());
        GradientReport r = GradientCheck.check(CorruptedGradient.replacedEntry(c.objective(), kink.block(),
                kink.index(), claim));
        assertFalse(r.passed(), () -> c + ", " + kink + ", claim " + claim + "\n" + r.summary());
    }

    /** The bias entry with a kink closest to its value, and the gradient just left and right of that kink. */
    private record Kink(int block, int index, double lo, double hi) {
        static Kink find(BlockFunction f) {
            List<ParameterBlock> blocks = f.blocks();
            int b = 1; // dense1.b: the moved unit's bias
            ParameterBlock bias = blocks.get(b);
            Kink best = null;
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < bias.size(); i++) {
                double x = bias.data()[i];
                double g = f.gradient()[b][i];
                // walk out until the reference gradient changes: that is the nearest kink along this entry
                for (double d = 1e-12; d < 1e-4; d *= 2) {
                    for (double sign : new double[] {1, -1}) {
                        bias.data()[i] = x + sign * d;
                        double moved = f.gradient()[b][i];
                        bias.data()[i] = x;
                        if (Math.abs(moved - g) > 1e-9 * Math.max(1, Math.abs(g)) && d < nearest) {
                            nearest = d;
                            best = new Kink(b, i, Math.min(g, moved), Math.max(g, moved));
                        }
                    }
                    if (best != null && best.index() == i) {
                        break;
                    }
                }
            }
            return best;
        }
    }
}
