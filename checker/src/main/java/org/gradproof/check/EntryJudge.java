package org.gradproof.check;

import java.util.List;

/**
 * Judges one parameter entry: the claim a is compared with numerical derivatives whose error bars are measured, and
 * it passes only when a measurement both agrees with it and is precise enough to have told it from the claims a wrong
 * implementation would make ({@link Resolution}).
 * <ol>
 *   <li><b>Screening</b>, four evaluations: central differences c(h), c(2h) at h = cbrt(ε) · max(1, |x|) rounded down to
 *       a power of two, and the fourth difference d4 = f(x+2h) − 4f(x+h) + 6f(x) − 4f(x−h) + f(x−2h), which is
 *       h⁴f'''' for a smooth f but shows noise and a kink anywhere in the window. Error bar
 *       <pre>  e = σ₀ / h + |c(2h) − c(h)| + |d4| / h</pre>
 *       with σ₀ the rounding model noiseFactor · ε · max(|f|, S) (ε = 2⁻²⁴ when every value of f seen is a float: a
 *       loss computed in single precision), at least the noise measured along a few entries
 *       before the check (a loss rounded to float, or quantised) and the jitter of repeated evaluations. A correct
 *       entry of a smooth double-precision loss passes here; one whose d4 exceeds what noise gives (a kink in the
 *       window) does not.</li>
 *   <li><b>Re-measuring</b>, for an entry that did not pass: f(x ± h) evaluated again (a different result is
 *       non-determinism); the noise σ along the entry measured (Moré–Wild, {@link NoiseEstimate}); then central and
 *       one-sided differences at halving steps h · 2^10 … h · 2^-4, and down to h · 2^-16 if those cannot decide
 *       ({@link StepLadder}), each extrapolated only where
 *       the steps are in the asymptotic regime ({@link Extrapolation}). If that does not resolve the entry, or
 *       passes it with a bar too wide to pin a block's scale, the steps widen to h · 2^18 (noise shrinks as the step
 *       grows; estimates from steps that reach beyond the smooth region are not trusted). If noise still limits it,
 *       least-squares fits through many values of f ({@link LocalFit}) join the central estimates: they average
 *       the noise a quotient of two values cannot.</li>
 *   <li><b>Kink or not.</b> When the best left and right derivatives disagree beyond their error bars, x sits at a
 *       kink (or one too close to resolve): the claim passes with a warning if it lies within [min, max] of the two
 *       (widened only by their own error bars) and fails otherwise — if the kink is pinned to x, by a left and a right
 *       estimate still differing at a tiny step or by the raw quotients' gap ({@link StepLadder#kinkReach}); a kink
 *       farther off is judged from the steps short of it, or left unresolved. Central differences cannot see a kink at x (they
 *       converge to the slopes' average), so they are not consulted there.</li>
 *   <li><b>Otherwise</b> the central estimates decide: the one with the smallest error bar must agree with the
 *       claim and resolve it. Honest error bars overlap, so a trusted estimate whose bar does not overlap the best
 *       one's and that judges the claim the other way leaves the entry unresolved, and so does a verdict no estimate
 *       from a clearly different step confirms. Against a pass only estimates from steps at most
 *       {@value #CONFLICT_REACH} times the best one's count (wider windows reach across more kinks); against a
 *       conviction every step does: rounding correlated over a stretch wider than the small steps (log(1 − σ)
 *       with σ rounded near 1) biases every quotient from inside that stretch the same way, and only the wider
 *       steps, beyond it, see past it.
 *       A claim the best estimate rejects is only failed if it also lies outside what the one-sided derivatives allow
 *       (a kink a little way off, hidden in the noise, biases every central difference across it), and a claim it
 *       accepts is only passed if no one-sided derivative more precise than it rejects the claim (a kink nearer x than
 *       the central steps can see).</li>
 * </ol>
 * Agreement means |a − n| ≤ e + relativeTolerance · max(|a|, |n|).
 */
final class EntryJudge {

    /** The ladder's steps: h · 2^top down to h · 2^bottom; widened to h · 2^wideTop when noise limits. */
    static final int LADDER_TOP = 10;
    static final int LADDER_WIDE_TOP = 18;
    static final int LADDER_BOTTOM = -16;
    /** The first pass stops at h · 2^this; the small steps are added only when it cannot decide. */
    static final int LADDER_FIRST_BOTTOM = -4;
    /**
     * A kink is pinned to x when the one-sided derivatives still differ at steps of h · 2^this or less; one seen only
     * from wider steps may be one of several clustered near x, and the windows that reach it say nothing about x
     * (see {@link StepLadder#kinkReach(double)}).
     */
    static final int KINK_PINNED = -6;
    /** The narrowest {@link LocalFit} window is h · 2^this. */
    static final int LOCAL_FIT_FIRST = 4;
    /** Beside a kink, the error bars must be below this fraction of its jump (see {@link #besideKink}). */
    static final double JUMP_FRACTION = 0.01;
    /**
     * Kinks of a network lie at distances from x of the order of its parameters (a pre-activation is a sum of
     * parameter-sized terms): within this many times the largest one, they are taken to be possible anywhere.
     */
    static final double KINK_CLUSTER_REACH = 16;
    /** Estimates from steps up to this many times the best one's can contradict it. */
    private static final double CONFLICT_REACH = 4;
    /** A verdict needs a second estimate from a step this many times larger or smaller than the best one's. */
    private static final double CORROBORATION_DISTANCE = 4;

    private final CheckOptions options;
    private final double f0;
    private final double noiseScale;
    private final double relativeTolerance;
    private final double baseNoise;
    private final double precision;
    private final double largestParameter;

    /**
     * @param noiseScale        see {@link BlockFunction#noiseScale()}; 0 if unknown
     * @param relativeTolerance the effective relative tolerance, see {@link GradientCheck}
     * @param baseNoise         a bound of the noise of one evaluation known before the check (measured noise, jitter)
     * @param precision         the relative rounding of one evaluation: ε, or 2⁻²⁴ for a loss computed in float
     * @param largestParameter  max |θ| over all parameters, which sets how tightly kinks can cluster around x
     */
    EntryJudge(CheckOptions options, double f0, double noiseScale, double relativeTolerance, double baseNoise,
               double precision, double largestParameter) {
        this.options = options;
        this.f0 = f0;
        this.noiseScale = noiseScale;
        this.relativeTolerance = relativeTolerance;
        this.baseNoise = baseNoise;
        this.precision = precision;
        this.largestParameter = largestParameter;
    }

    /** Judges entry k of block b, whose size sets what is negligible ({@code resolution}). */
    EntryResult judge(Probe probe, ParameterBlock block, int b, int k, double analytic, Resolution resolution) {
        double x = block.data()[k];
        return judge(probe, new FiniteDifferences(probe, b, k, x), block.label(k), b, k, analytic, resolution);
    }

    /**
     * Judges the claimed derivative of f along a line through the parameters other than one entry (a block moved
     * along a direction, {@link FiniteDifferences#along}) by the same rules; the result's index is −1.
     */
    EntryResult judgeAlong(Probe probe, FiniteDifferences line, String label, int b, double analytic,
                           Resolution resolution) {
        return judge(probe, line, label, b, -1, analytic, resolution);
    }

    private EntryResult judge(Probe probe, FiniteDifferences fd, String label, int b, int k, double analytic,
                              Resolution resolution) {
        probe.startEntry();
        double x = fd.x();
        if (!Double.isFinite(analytic)) {
            return result(label, b, k, x, analytic, Double.NaN, 0, 0, EntryVerdict.NON_FINITE);
        }
        double h = step(x);
        double fUp = fd.valueAt(h);
        double fDown = fd.valueAt(-h);
        double central = (fUp - fDown) / ((x + h) - (x - h));
        if (!Double.isFinite(central)) {
            return result(label, b, k, x, analytic, central, 0, 0, EntryVerdict.NON_FINITE);
        }
        double rounding = rounding(fUp, fDown);
        double screeningNoise = Math.max(options.noiseFactor() * rounding, baseNoise);
        double f2Up = fd.valueAt(2 * h);
        double f2Down = fd.valueAt(-2 * h);
        if (Double.isFinite(f2Up) && Double.isFinite(f2Down)) {
            double wide = (f2Up - f2Down) / ((x + 2 * h) - (x - 2 * h));
            double fourth = f2Up - 4 * fUp + 6 * f0 - 4 * fDown + f2Down;
            double error = screeningNoise / h + Math.abs(wide - central) + Math.abs(fourth) / h;
            // a fourth difference beyond what noise gives (16 σ: its coefficients 1 4 6 4 1) is a kink in the window:
            // the claim must then be judged against the one-sided derivatives, not the slopes' average
            boolean smooth = Math.abs(fourth) <= 16 * screeningNoise;
            if (smooth && agrees(analytic, central, error) && precise(analytic, error, resolution)
                    || resolution.negligible(analytic, central, error)) {
                return result(label, b, k, x, analytic, central, error, EntryFinding.noiseShare(screeningNoise / h, error),
                        EntryVerdict.PASSED);
            }
        }
        double jitter = Math.max(repeatable(fd, h, label), repeatable(fd, -h, label));
        // measured now: one rounding of the loss is the floor, not the screening's noiseFactor of them
        double sigma = Math.max(Math.max(rounding, Math.max(baseNoise, jitter)),
                NoiseEstimate.boundAlong(fd, f0, h, Math.scalb(h, LADDER_TOP)));
        EntryFinding finding = measure(fd, h, sigma, LADDER_TOP, LADDER_FIRST_BOTTOM, analytic, resolution, List.of());
        if (finding.verdict() != EntryVerdict.PASSED && finding.verdict() != EntryVerdict.MISMATCH) {
            finding = measure(fd, h, sigma, LADDER_TOP, LADDER_BOTTOM, analytic, resolution, List.of());
        }
        if (finding.verdict() == EntryVerdict.UNRESOLVED && !finding.atKink()
                || finding.verdict() == EntryVerdict.PASSED && !precise(analytic, finding.error(), resolution)) {
            // A kink seen only from the wide steps lies beyond the ordinary ones, not at x: its one-sided
            // derivatives say nothing about x, so the ordinary finding stands. So does an unresolved one the wide
            // steps leave unresolved with no better measurement: its note says what limited the ordinary steps
            // (stairs beside x), where the wide steps' would only say that they disagree with them.
            EntryFinding wide = measure(fd, h, sigma, LADDER_WIDE_TOP, LADDER_BOTTOM, analytic, resolution, List.of());
            boolean neitherDecides = wide.verdict() == EntryVerdict.UNRESOLVED
                    && finding.verdict() == EntryVerdict.UNRESOLVED && !(wide.error() < finding.error());
            finding = wide.atKink() || neitherDecides ? finding : wide;
        }
        if (!finding.atKink() && (finding.verdict() == EntryVerdict.UNRESOLVED
                || finding.verdict() == EntryVerdict.PASSED && !precise(analytic, finding.error(), resolution))) {
            // noise limits every quotient: fits through many values average it (LocalFit), judged by the same rules
            List<Extrapolation.Estimate> fits = LocalFit.estimates(fd, f0, h, sigma, LOCAL_FIT_FIRST, LADDER_WIDE_TOP);
            if (!fits.isEmpty()) {
                EntryFinding fitted = measure(fd, h, sigma, LADDER_WIDE_TOP, LADDER_BOTTOM, analytic, resolution, fits);
                List<Extrapolation.Estimate> near = fits.stream()
                        .filter(e -> e.step() <= Math.scalb(h, LADDER_TOP)).toList();
                if (fitted.verdict() == EntryVerdict.UNRESOLVED && !near.isEmpty()) {
                    // as for the ladder: a kink only the wide steps see lies beyond the ordinary ones and says nothing
                    // about x, so the fits within the ordinary steps' reach are judged with those steps — to pass
                    // only: a fit across a cluster of kinks near x reads its averaged slope, which convicted a right
                    // claim once (sweep seed 13 case 9384, 64 kinks within 1e-4), and the wide ladder saw the cluster
                    EntryFinding ordinary = measure(fd, h, sigma, LADDER_TOP, LADDER_BOTTOM, analytic, resolution, near);
                    fitted = ordinary.verdict() == EntryVerdict.PASSED ? ordinary : fitted;
                }
                if (fitted.verdict() == EntryVerdict.MISMATCH || fitted.verdict() == EntryVerdict.PASSED
                        && (finding.verdict() != EntryVerdict.PASSED || fitted.error() < finding.error())) {
                    finding = fitted;
                }
            }
        }
        if (finding.verdict() == EntryVerdict.MISMATCH) {
            finding = flatStretches().flatBelowItsSteps(fd, analytic, finding, probe.smallestMove());
        } else if (finding.verdict() == EntryVerdict.UNRESOLVED) {
            finding = flatStretches().provenFlat(fd, h, analytic, finding, probe.smallestMove(), resolution);
        }
        requireRepeatable(fd, label);
        return new EntryResult(label, b, k, x, analytic, finding.numeric(), finding.error(),
                tolerance(finding.error(), analytic, finding.numeric()), true, finding.verdict(), finding.left(),
                finding.right(), finding.note(), finding.noise());
    }

    /**
     * Evaluates again every value of f seen along a re-measured entry: a verdict from hundreds of values stands only if
     * they repeat. A random draw left on in value() (dropout at a rate of 0.001) hits one of them now and then, and
     * a stray value only spoils a quotient, a noise window or a fit, which the measurement then works around.
     */
    private void requireRepeatable(FiniteDifferences fd, String label) {
        for (java.util.Map.Entry<Double, Double> seen : List.copyOf(fd.valuesByPoint().entrySet())) {
            double again = fd.freshValueAtPoint(seen.getKey());
            if (Double.compare(again, seen.getValue()) != 0
                    && !(Math.abs(again - seen.getValue()) <= options.nondeterminismTolerance())) {
                throw new NonDeterminism(String.format(java.util.Locale.ROOT,
                        "value() gave %s and then %s at the same parameters (%s = %s)", seen.getValue(), again,
                        label, seen.getKey()));
            }
        }
    }

    /**
     * f at x + offset evaluated again, not from memory: the difference from the first evaluation, or
     * {@link NonDeterminism} if it exceeds the tolerated jitter.
     */
    private double repeatable(FiniteDifferences fd, double offset, String label) {
        double first = fd.valueAt(offset);
        double again = fd.freshValueAt(offset);
        double jitter = Math.abs(again - first);
        if (!(jitter <= options.nondeterminismTolerance())) {
            throw new NonDeterminism(String.format(java.util.Locale.ROOT,
                    "value() gave %s and then %s at the same parameters (%s = %s)", first, again, label,
                    fd.x() + offset));
        }
        return jitter;
    }

    /** The screening step: cbrt(ε) · max(1, |x|) rounded down to a power of two, so that x ± h are exact. */
    static double step(double x) {
        return Math.scalb(1.0, Math.getExponent(CheckOptions.STEP_FACTOR * Math.max(1, Math.abs(x))));
    }

    /**
     * The finding from the step ladder h · 2^top … h · 2^bottom, with {@code fits} ({@link LocalFit}) judged alongside
     * its central estimates.
     */
    private EntryFinding measure(FiniteDifferences fd, double h, double sigma, int top, int bottom, double analytic,
                            Resolution resolution, List<Extrapolation.Estimate> fits) {
        StepLadder ladder = new StepLadder(fd, f0, h, sigma, top, bottom);
        Extrapolation.Estimate left = ladder.left(Double.POSITIVE_INFINITY);
        Extrapolation.Estimate right = ladder.right(Double.POSITIVE_INFINITY);
        if (left != null && right != null && !agrees(left.value(), right.value(), left.error() + right.error())) {
            // the raw quotients can pin a kink only in windows narrow enough to hold one (see hiddenKinks)
            double reach = ladder.kinkReach(largestParameter / KINK_CLUSTER_REACH);
            EntryFinding kink = atKink(analytic, left, right, reach, Math.scalb(h, KINK_PINNED), resolution);
            if (kink.verdict() == EntryVerdict.MISMATCH) {
                kink = narrowerStepsAllow(analytic, kink, left, right, ladder, resolution);
            }
            if (kink.verdict() == EntryVerdict.MISMATCH || kink.verdict() == EntryVerdict.KINK) {
                // the kink lies within h·2^KINK_PINNED of x at most; its reach as measured may say less
                kink = quotientsBetween(analytic, kink, left, right, ladder, Math.max(reach, Math.scalb(h,
                        KINK_PINNED)));
            }
            if (kink.verdict() == EntryVerdict.MISMATCH) {
                // a stair of a float loss wider than the small steps reads as a kink just as it biases the central
                // quotients: the same guard as theirs (judgeCentral)
                double bias = widerNoiseBias(fd, h, sigma, top, Math.max(left.noise(), right.noise()));
                if (agrees(analytic, kink.numeric(), kink.error() + bias)) {
                    return new EntryFinding(EntryVerdict.UNRESOLVED, kink.numeric(), kink.error(), kink.left(),
                            kink.right(), String.format(java.util.Locale.ROOT, "%s; but the loss's noise at wider "
                            + "spacings may be correlated across the steps and could move them by %.1e", kink.note(),
                            bias), true, 0);
                }
            }
            if (kink.verdict() == EntryVerdict.UNRESOLVED && reach > Math.scalb(h, KINK_PINNED)) {
                EntryFinding beside = besideKink(analytic, ladder, reach, Math.abs(left.value() - right.value()),
                        resolution);
                if (beside != null) {
                    return beside;
                }
            }
            return kink;
        }
        List<Extrapolation.Estimate> estimates = new java.util.ArrayList<>(ladder.central(Double.POSITIVE_INFINITY));
        estimates.addAll(fits);
        EntryFinding central = judgeCentral(estimates, ladder.central(Double.POSITIVE_INFINITY), left, right, fd, h, sigma,
                top, bottom, analytic, resolution);
        if (central.verdict() == EntryVerdict.UNRESOLVED) {
            // a kink just beside x spoils every central window but the smallest; the one-sided derivatives, each from
            // the side's own clean steps, can still agree and prove the claim
            // (to the screening's precision: with no kink seen there is no jump to measure the bars against, and a
            // claim a little off a nearby kink's slope must not pass by a bar of a quarter of itself)
            EntryFinding sides = besideKink(analytic, ladder, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                    resolution);
            return sides != null && precise(analytic, sides.error(), resolution) ? sides : central;
        }
        return central;
    }

    /**
     * The ordinary verdict from central estimates (the ladder's, {@code ladderCentral}, and any fits), the one-sided
     * ones (or null) guarding convictions.
     */
    private EntryFinding judgeCentral(List<Extrapolation.Estimate> estimates, List<Extrapolation.Estimate> ladderCentral,
                                 Extrapolation.Estimate left, Extrapolation.Estimate right, FiniteDifferences fd,
                                 double h, double sigma, int top, int bottom, double analytic, Resolution resolution) {
        Extrapolation.Estimate best = Extrapolation.best(estimates);
        if (best == null) {
            return new EntryFinding(EntryVerdict.UNRESOLVED, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN,
                    "no step size gives a consistent derivative (kinks or noise at every step from "
                            + String.format(java.util.Locale.ROOT, "%.1e to %.1e", Math.scalb(h, top),
                            Math.scalb(h, bottom)) + ")", false, 0);
        }
        if (resolution.negligible(analytic, best.value(), best.error())) {
            return EntryFinding.of(EntryVerdict.PASSED, best, "negligible: claim and measurement both below "
                    + String.format(java.util.Locale.ROOT, "%.1e", resolution.negligible()));
        }
        boolean bestAgrees = agrees(analytic, best.value(), best.error());
        for (Extrapolation.Estimate e : estimates) {
            if (bestAgrees && e.step() > CONFLICT_REACH * best.step()) {
                continue; // a much wider window reaches across more than the best one does: no contradiction
            }
            // honest error bars overlap; two estimates that do not, and judge the claim differently, leave it open
            boolean consistent = Math.abs(e.value() - best.value()) <= e.error() + best.error();
            if (!consistent && agrees(analytic, e.value(), e.error()) != bestAgrees) {
                return EntryFinding.of(EntryVerdict.UNRESOLVED, best, String.format(java.util.Locale.ROOT,
                        "measurements disagree: %.9g ± %.1e at step %.1e, %.9g ± %.1e at step %.1e",
                        best.value(), best.error(), best.step(), e.value(), e.error(), e.step()));
            }
        }
        if (!corroborated(best, estimates, analytic, bestAgrees)) {
            return EntryFinding.of(EntryVerdict.UNRESOLVED, best, String.format(java.util.Locale.ROOT,
                    "only one step size (%.1e) gives %.9g ± %.1e: no other step confirms it", best.step(),
                    best.value(), best.error()));
        }
        if (!bestAgrees) {
            if (withinOneSided(analytic, left, right)) {
                return EntryFinding.of(EntryVerdict.UNRESOLVED, best, String.format(java.util.Locale.ROOT,
                        "central differences give %.9g ± %.1e, but the one-sided derivatives (%s left, %s right) "
                                + "allow the claim: a kink close by, hidden in the noise?", best.value(), best.error(),
                        describe(left), describe(right)));
            }
            // noise only the wide spacings show is correlated at the small steps: it can bias every quotient from a
            // step inside its stretch the same way, by up to its bound over the step (scaled as the estimate's noise).
            // Only for a loss computed in float: in double, kinks that wide windows reach pass for such noise far more
            // often than rounding does, and held back even zeroed gradients of small ReLU nets
            double bias = widerNoiseBias(fd, h, sigma, top, best.noise());
            if (agrees(analytic, best.value(), best.error() + bias)) {
                return EntryFinding.of(EntryVerdict.UNRESOLVED, best, String.format(java.util.Locale.ROOT,
                        "central differences give %.9g ± %.1e, but the loss's noise at wider spacings (beyond the "
                                + "%.1e per evaluation at the small steps) may be correlated across them and could "
                                + "move them by %.1e", best.value(), best.error(), sigma, bias));
            }
            EntryFinding drift = clusterDrift(analytic, best, ladderCentral, sigma);
            if (drift != null) {
                return drift;
            }
            EntryFinding hidden = hiddenKinks(analytic, best, sigma);
            if (hidden != null) {
                return hidden;
            }
            EntryFinding beyond = beyondTheParameters(analytic, best, estimates);
            if (beyond != null) {
                return beyond;
            }
            StairGuards guards = new StairGuards(options, f0, precision, noiseScale, rounding(f0, f0), this::agrees);
            String stairs = guards.wider(fd, h, sigma, top, analytic, best.value());
            if (stairs == null) {
                stairs = guards.sparse(fd, h, sigma, analytic, best.value(),
                        tolerance(best.error(), analytic, best.value()));
            }
            return EntryFinding.of(stairs == null ? EntryVerdict.MISMATCH : EntryVerdict.UNRESOLVED, best,
                    stairs == null ? "" : String.format(java.util.Locale.ROOT, "central differences give %.9g ± %.1e "
                            + "from steps up to %.1e, but %s", best.value(), best.error(), Math.scalb(h, top), stairs));
        }
        if (!resolution.resolves(analytic, best.error())) {
            return EntryFinding.of(EntryVerdict.UNRESOLVED, best, best.noise() >= best.error() / 2
                    ? String.format(java.util.Locale.ROOT, "the loss's noise (%.1e per evaluation along this entry) "
                    + "limits the derivative to ±%.1e", sigma, best.error())
                    : String.format(java.util.Locale.ROOT, "the derivative is known only to ±%.1e", best.error()));
        }
        Extrapolation.Estimate against = disallows(analytic, left, best) ? left
                : disallows(analytic, right, best) ? right : null;
        if (against != null) {
            return EntryFinding.of(EntryVerdict.UNRESOLVED, best, String.format(java.util.Locale.ROOT,
                    "central differences give %.9g ± %.1e, but the %s derivative, %s, does not allow the claim: a kink "
                            + "beside x, too close for the central steps to show?", best.value(), best.error(),
                    against == left ? "left" : "right", describe(against)));
        }
        return EntryFinding.of(EntryVerdict.PASSED, best, "");
    }

    /**
     * Whether a one-sided estimate more precise than the best central one disagrees with the claim. A kink just beside
     * x, nearer than the central steps can see, leaves the one-sided derivatives of the two sides agreeing to the wider
     * bar of the side with the kink (whose clean steps are only the noisy smallest), and the central estimates the same;
     * the clean side's precise derivative is then f'(x) unless x is at the kink, and a claim off it by less than the
     * wide bars is either wrong or the other side's slope: not proven.
     */
    private boolean disallows(double analytic, Extrapolation.Estimate side, Extrapolation.Estimate best) {
        return side != null && side.error() < best.error() && !agrees(analytic, side.value(), side.error());
    }

    /**
     * Whether another trusted estimate, from a step at least {@value #CORROBORATION_DISTANCE} times larger or smaller
     * than the best one's (so that they share at most half their quotients), agrees with the best one and judges the
     * claim the same way. A single window in the asymptotic regime by coincidence — noise that happens to shrink like
     * truncation, kinks that happen to cancel — is not evidence on its own.
     */
    private boolean corroborated(Extrapolation.Estimate best, List<Extrapolation.Estimate> estimates, double analytic,
                                 boolean bestAgrees) {
        for (Extrapolation.Estimate e : estimates) {
            double ratio = Math.max(e.step() / best.step(), best.step() / e.step());
            if (ratio >= CORROBORATION_DISTANCE && Math.abs(e.value() - best.value()) <= e.error() + best.error()
                    && agrees(analytic, e.value(), e.error()) == bestAgrees) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the claim lies within the one-sided derivatives' reach: [min, max] of them widened by their error bars. A
     * kink a little way off biases every central difference that reaches across it by up to half its jump, and when
     * noise hides the kink from the one-sided differences too, only this interval is safe to convict outside of. With
     * one side's quotients all untrusted (null: a kink on that side spoils every step that reaches it), the claim is
     * within reach when it agrees with the other side's derivative.
     */
    private boolean withinOneSided(double analytic, Extrapolation.Estimate left, Extrapolation.Estimate right) {
        if (left == null || right == null) {
            Extrapolation.Estimate side = left == null ? right : left;
            return side != null && agrees(analytic, side.value(), side.error());
        }
        double lo = Math.min(left.value() - left.error(), right.value() - right.error());
        double hi = Math.max(left.value() + left.error(), right.value() + right.error());
        double slack = relativeTolerance * Math.max(Math.abs(analytic), Math.max(Math.abs(lo), Math.abs(hi)));
        return analytic >= lo - slack && analytic <= hi + slack;
    }

    /**
     * Whether kinks too close to x for the loss to show could explain the disagreement, and the conviction must wait:
     * with every parameter within ±P, the kinks of the units along an entry can sit anywhere within about
     * D = {@value #KINK_CLUSTER_REACH}·P of x (all weights 1e-8 put every example's ReLU kink there). Such a cluster
     * that turns the slope by Δ = |a − n| between x and the steps that measured n offsets f by about Δ·D, which the
     * one-sided differences see only above the noise: when Δ·D ≤ 4σ and the best estimate's step reaches beyond D,
     * nothing measured rules the cluster out. Null when the conviction stands.
     */
    private EntryFinding hiddenKinks(double analytic, Extrapolation.Estimate best, double sigma) {
        double reach = KINK_CLUSTER_REACH * largestParameter;
        double disagreement = Math.abs(analytic - best.value());
        if (reach > 0 && best.step() > reach && disagreement * reach <= 4 * sigma) {
            return EntryFinding.of(EntryVerdict.UNRESOLVED, best, String.format(java.util.Locale.ROOT,
                    "central differences give %.9g ± %.1e from steps of %.1e and more, but every parameter is within "
                            + "±%.1e: kinks clustered that close to x, turning the slope by the %.1e the claim differs, "
                            + "would move the loss by %.1e, below its noise (%.1e), and no step could see them",
                    best.value(), best.error(), best.step(), largestParameter, disagreement,
                    disagreement * reach, sigma));
        }
        return null;
    }

    /**
     * A conviction only from windows wider than the parameters themselves waits: a network's units switch along an
     * entry at distances of the order of its parameters P (a pre-activation is a sum of parameter-sized terms), so a
     * window of half-width s > P holds kinks and reads the slope averaged across them, not the slope at x. The
     * conviction stands when an estimate from a step within P disagrees with the claim too. Windows wider than the
     * kinks' whole reach ({@value #KINK_CLUSTER_REACH}·P) see both sides of the cluster, and the one-sided
     * derivatives and {@link #hiddenKinks} judge those. (A float32 ReLU net at
     * weight scale 0.1, its loss bit-flat within ±0.004 of x, read −5e-5 ± 2e-4 from steps of 0.25 to 1 against the
     * right 4.1e-4: sweep seed 102, case 2111.) Null when the conviction stands.
     */
    private EntryFinding beyondTheParameters(double analytic, Extrapolation.Estimate best,
                                        List<Extrapolation.Estimate> estimates) {
        if (!(largestParameter > 0) || best.step() <= largestParameter
                || best.step() > KINK_CLUSTER_REACH * largestParameter) {
            return null; // beyond the cluster's reach, the one-sided derivatives and hiddenKinks judge
        }
        for (Extrapolation.Estimate e : estimates) {
            if (e.step() <= largestParameter && !agrees(analytic, e.value(), e.error())) {
                return null;
            }
        }
        return EntryFinding.of(EntryVerdict.UNRESOLVED, best, String.format(java.util.Locale.ROOT,
                "central differences give %.9g ± %.1e, but only from steps of %.1e and more, beyond every parameter "
                        + "(all within ±%.1e): windows that wide hold the kinks of units switching, and read the slope "
                        + "across them", best.value(), best.error(), best.step(), largestParameter));
    }

    /**
     * A conviction from windows across a cluster of kinks near x waits ({@link KinkClusterDrift}): the central
     * estimates drift towards the claim as the step shrinks, as such windows do. Null when the conviction stands.
     */
    private EntryFinding clusterDrift(double analytic, Extrapolation.Estimate best, List<Extrapolation.Estimate> ladder,
                                 double sigma) {
        KinkClusterDrift.Drift drift = KinkClusterDrift.of(ladder, best.step(), sigma);
        if (drift == null || !drift.towards(analytic)) {
            return null;
        }
        return EntryFinding.of(EntryVerdict.UNRESOLVED, best, String.format(java.util.Locale.ROOT, "central differences "
                + "give %.9g ± %.1e from a step of %.1e, but from steps of %.1e down they drift towards the claim by "
                + "about %.1e / s, as windows across kinks near x do (units switching for some examples): the slope at "
                + "x is what only the steps inside them see", best.value(), best.error(), best.step(), drift.widest(),
                drift.offset()));
    }

    /** An estimate as value ± error bar; "none" when every quotient of its kind was untrusted. */
    private static String describe(Extrapolation.Estimate e) {
        return e == null ? "none" : String.format(java.util.Locale.ROOT, "%.9g ± %.1e", e.value(), e.error());
    }

    /**
     * x beside a kink that is not pinned to it: the left and right derivatives measured from the steps short of the
     * kink (steps below {@code reach}) agree, so f is one straight (or smooth) piece across x as far as those steps
     * reach on each side, and the claim passes if it agrees with both and the error bar resolves it. A kink on one side
     * at distance d leaves that side's quotients equal to the other's below d; a cluster of kinks on both sides leaves
     * only the noisy smallest steps, which do not resolve the claim. The bar must also be below
     * {@value #JUMP_FRACTION} of the kink's {@code jump} (the difference of the slopes beyond it): a claim that took
     * the other side's slope, or one in between, differs by up to that jump — or below half the scale resolution of
     * the claim, when that is wider: a jump a millionth of the slope (a unit far downstream switching off) leaves
     * alternatives closer to the claim than any entry's bar is asked to tell apart. Returns null when this does not
     * prove the claim. Also used, with no kink seen (infinite {@code reach} and {@code jump}), when the central estimates cannot
     * decide: a kink just beside x leaves clean only the central windows too small to corroborate each other, while
     * each side's own steps still give a one-sided derivative.
     *
     * <p>The bar is the more precise side's when another of its estimates, from a step at least
     * {@value #CORROBORATION_DISTANCE} times larger or smaller, confirms it (and the wider of the two otherwise):
     * if f is differentiable at x, both sides measure f'(x) and the precise one pins it; if x is itself a kink, a
     * claim on the precise side's slope is a one-sided derivative, as {@link #atKink} accepts. A side whose every step
     * reaches a kink (a dead unit coming alive 0.01 to the right of x) thus no longer hides what the other side's
     * steps, flat out to 1, have proven.
     */
    private EntryFinding besideKink(double analytic, StepLadder ladder, double reach, double jump, Resolution resolution) {
        Extrapolation.Estimate left = ladder.left(reach);
        Extrapolation.Estimate right = ladder.right(reach);
        if (left == null || right == null || !agrees(left.value(), right.value(), left.error() + right.error())) {
            return null;
        }
        boolean leftPrecise = left.error() <= right.error();
        Extrapolation.Estimate precise = leftPrecise ? left : right;
        Extrapolation.Estimate bar = corroborated(precise, leftPrecise ? ladder.lefts(reach) : ladder.rights(reach),
                analytic, true) ? precise : leftPrecise ? right : left;
        double error = bar.error();
        if (!agrees(analytic, left.value(), left.error()) || !agrees(analytic, right.value(), right.error())
                || !resolution.resolves(analytic, error)
                || error > Math.max(JUMP_FRACTION * jump, options.scaleResolution() / 2 * Math.abs(analytic))) {
            return null;
        }
        String agreement = String.format(java.util.Locale.ROOT, "%.9g ± %.1e left and %.9g ± %.1e right",
                left.value(), left.error(), right.value(), right.error());
        return new EntryFinding(EntryVerdict.PASSED, precise.value(), error, left.value(), right.value(),
                Double.isInfinite(reach) ? "the one-sided derivatives agree: " + agreement
                        : String.format(java.util.Locale.ROOT, "beside a kink (the one-sided derivatives differ at "
                        + "steps of %.1e and more): below it they agree, %s", reach, agreement), false,
                EntryFinding.noiseShare(bar.noise(), error));
    }

    /**
     * x sits at a kink, or at one too close to resolve: the one-sided derivatives differ. If the kink is pinned to x —
     * the slopes still differ at a step {@code reach} of at most {@code pinnedWithin} (h · 2^{@value #KINK_PINNED}) — a
     * claim within [min, max] of them (a one-sided derivative or a subgradient) passes with a warning and one outside
     * fails. Otherwise the entry is unresolved (the caller may still prove it from the steps that stop short of the
     * kink): several kinks may lie between x and the steps that measured the slopes, and the slope between them can be
     * anything, inside the interval or out. Each end is known to its own error bar e, so
     * <pre>
     *   outside by more than e of the nearer end      → MISMATCH
     *   inside by more than e of either end           → KINK (proven a subgradient)
     *   within e of an end                            → KINK only if e ≤ max({@value #JUMP_FRACTION} · (max − min),
     *                                                   scaleResolution / 2 · |a|), else unresolved
     * </pre>
     * The last rule is the one {@link #besideKink} applies: a claim just outside an end is what a bug mixing the
     * sides' slopes gives, and a bar that reaches it cannot tell the two apart. (Slopes 1.098 | −0.554 with a second
     * kink 3 h right of x: the right side's quotients drift between the kinks, its best estimate was −0.517 ± 0.13,
     * and a bar that wide had let −0.638 pass, 5 % of the jump outside.) A claim and slopes all negligible are settled.
     */
    private EntryFinding atKink(double analytic, Extrapolation.Estimate left, Extrapolation.Estimate right, double reach,
                           double pinnedWithin, Resolution resolution) {
        boolean leftLow = left.value() <= right.value();
        Extrapolation.Estimate low = leftLow ? left : right;
        Extrapolation.Estimate high = leftLow ? right : left;
        double lo = low.value();
        double hi = high.value();
        double loSlack = tolerance(low.error(), analytic, lo);
        double hiSlack = tolerance(high.error(), analytic, hi);
        double nearest = Math.max(lo, Math.min(hi, analytic));
        Extrapolation.Estimate nearer = Math.abs(analytic - lo) <= Math.abs(analytic - hi) ? low : high;
        double error = nearer.error();
        String slopes = String.format(java.util.Locale.ROOT, "one-sided derivatives %.9g ± %.1e (left) and %.9g ± %.1e "
                + "(right)", left.value(), left.error(), right.value(), right.error());
        double endBar = Math.max(JUMP_FRACTION * (hi - lo), options.scaleResolution() / 2 * Math.abs(analytic));
        EntryVerdict verdict;
        String note;
        if (resolution.negligible(analytic, lo, Math.max(left.error(), right.error()))
                && resolution.negligible(analytic, hi, Math.max(left.error(), right.error()))) {
            verdict = EntryVerdict.PASSED;
            note = "negligible: claim and one-sided derivatives all below "
                    + String.format(java.util.Locale.ROOT, "%.1e", resolution.negligible());
        } else if (reach > pinnedWithin) {
            verdict = EntryVerdict.UNRESOLVED;
            String where = Double.isInfinite(reach)
                    ? String.format(java.util.Locale.ROOT, "the best left and right estimates differ, but no one step "
                    + "shows the slopes apart, within %.1e or beyond", pinnedWithin)
                    : String.format(java.util.Locale.ROOT, "the slopes differ only at steps of %.1e and more, not "
                    + "within %.1e", reach, pinnedWithin);
            note = String.format(java.util.Locale.ROOT, "a kink near x, not pinned to it (%s): %s; several kinks "
                    + "that close would allow any slope at x, and the smaller steps do not resolve it", where, slopes);
        } else if (analytic < lo - loSlack || analytic > hi + hiSlack) {
            verdict = EntryVerdict.MISMATCH;
            note = "a kink: " + slopes + ", and the analytic value lies outside them";
        } else if (analytic >= lo + loSlack && analytic <= hi - hiSlack || error <= endBar) {
            verdict = EntryVerdict.KINK;
            note = "a kink: " + slopes;
        } else {
            verdict = EntryVerdict.UNRESOLVED;
            note = String.format(java.util.Locale.ROOT, "a kink: %s; the claim is within the error bar of an end, "
                    + "which is too wide (more than %.1e) to tell it from a value just outside", slopes, endBar);
        }
        return new EntryFinding(verdict, nearest, error, left.value(), right.value(), note, true, 0);
    }

    /**
     * A conviction at a kink stands only if the slope at x excludes the claim, and the most precise estimate of a side
     * may come from steps wide enough to reach a second kink: its bar is honest about the slope over its window, not at
     * x. So when a narrower estimate of the side nearer the claim — one every still narrower estimate confirms, as the
     * best one is, and precise enough to resolve the claim — still allows the claim, the entry is unresolved. (A ReLU
     * bias with another example's kink 1.5 h to the left: the left quotients from steps of 0.008 to 0.016 read the slope
     * beyond it, −2.00795 ± 9e-6, and convicted the right −2.00766, which the steps of 6e-5 and less read, ±3.5e-4
     * through a noise bound the kinks had inflated.)
     */
    private EntryFinding narrowerStepsAllow(double analytic, EntryFinding kink, Extrapolation.Estimate left,
                                            Extrapolation.Estimate right, StepLadder ladder, Resolution resolution) {
        boolean nearerLeft = leftIsNearer(analytic, left, right);
        Extrapolation.Estimate end = nearerLeft ? left : right;
        List<Extrapolation.Estimate> side = nearerLeft ? ladder.leftsAtX(Double.POSITIVE_INFINITY)
                : ladder.rightsAtX(Double.POSITIVE_INFINITY);
        for (Extrapolation.Estimate narrower : side) {
            // only a reading precise enough to tell the claim from 0, −a and 2a says anything about it: the noisiest
            // small steps allow every claim
            if (narrower.step() < end.step() && resolution.resolves(analytic, narrower.error())
                    && agrees(analytic, narrower.value(), narrower.error())) {
                return new EntryFinding(EntryVerdict.UNRESOLVED, kink.numeric(), kink.error(), kink.left(),
                        kink.right(), String.format(java.util.Locale.ROOT, "%s; but the %s side's steps of %.1e and "
                        + "less read %.9g ± %.1e, which allows it: a second kink between them could make the wider "
                        + "steps' slope another than the slope at x", kink.note(), nearerLeft ? "left" : "right",
                        narrower.step(), narrower.value(), narrower.error()), true, kink.noise());
            }
        }
        return kink;
    }

    /**
     * A verdict at a kink pinned to x stands only if the raw quotients of the side nearer the claim, at the steps between
     * the kink and the steps that measured that side's slope, read that slope (plus the pinned kink's own drift):
     * {@link StepLadder#firstContradiction}. A side whose quotients drift like J·d/s after a kink at d ≪ h has no
     * trusted estimate short of a second kink further out, and its best estimate then reads the slope beyond that one.
     * (Slopes −2.0495 | −2.0995 at x, the right side turning to −2.1005 at 1.9 h: the right side's estimate from steps
     * of 0.002 and more read −2.10046 ± 4e-5, and passed a claim of −2.1005 as a one-sided derivative, while its
     * quotients at 1.5e-5 read −2.0995.)
     */
    private EntryFinding quotientsBetween(double analytic, EntryFinding kink, Extrapolation.Estimate left,
                                          Extrapolation.Estimate right, StepLadder ladder, double reach) {
        boolean nearerLeft = leftIsNearer(analytic, left, right);
        Extrapolation.Estimate end = nearerLeft ? left : right;
        Extrapolation.Estimate other = nearerLeft ? right : left;
        double at = ladder.firstContradiction(!nearerLeft, end.value(), end.error(), other.value(), reach, end.step());
        if (Double.isNaN(at)) {
            return kink;
        }
        return new EntryFinding(EntryVerdict.UNRESOLVED, kink.numeric(), kink.error(), kink.left(), kink.right(),
                String.format(java.util.Locale.ROOT, "%s; but the %s side's quotients at a step of %.1e read another "
                + "slope than %.9g, which its steps of %.1e and more give: a second kink between them could make that "
                + "the slope beyond it, not at x", kink.note(), nearerLeft ? "left" : "right", at, end.value(),
                end.step()), true, kink.noise());
    }

    /** Whether the claim lies nearer the left derivative than the right one (the left on a tie). */
    private static boolean leftIsNearer(double analytic, Extrapolation.Estimate left, Extrapolation.Estimate right) {
        return Math.abs(analytic - left.value()) <= Math.abs(analytic - right.value());
    }

    /**
     * Whether an error bar is small enough to stop measuring: it resolves the claim and pins it to half the scale
     * resolution (so that the block's common scale can be pinned down too), or it is negligible. A pass with a wider
     * bar is re-measured, with wider steps if noise is what limits it.
     */
    private boolean precise(double analytic, double error, Resolution resolution) {
        return resolution.resolves(analytic, error) && (error <= options.scaleResolution() / 2 * Math.abs(analytic)
                || error <= resolution.negligible());
    }

    private FlatStretches flatStretches() {
        return new FlatStretches(options, f0, rounding(f0, f0), this::agrees);
    }

    /** One rounding of the loss: precision · max(S, |f| near x), never below the smallest normal number. */
    private double rounding(double fUp, double fDown) {
        return Math.max(Double.MIN_NORMAL, precision
                * Math.max(noiseScale, Math.max(Math.abs(f0), Math.max(Math.abs(fUp), Math.abs(fDown)))));
    }

    /**
     * How far noise seen only at spacings wider than h (up to h · 2^top) could bias an estimate whose own noise is
     * {@code noise}: its bound over the small steps' σ, scaled as the estimate's noise; 0 when there is none, and in
     * a double loss, where kinks that wide windows reach pass for such noise far more often than rounding does.
     */
    private double widerNoiseBias(FiniteDifferences fd, double h, double sigma, int top, double noise) {
        double wider = precision > Math.ulp(1.0) ? NoiseEstimate.boundBeyond(fd, f0, h, Math.scalb(h, top)) : 0;
        return wider > sigma ? noise * (wider / sigma) : 0;
    }

    private boolean agrees(double analytic, double numeric, double error) {
        return Math.abs(analytic - numeric) <= tolerance(error, analytic, numeric);
    }

    private double tolerance(double measurementError, double analytic, double numeric) {
        return measurementError + relativeTolerance * Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    /** The screening's result: not re-measured, no note. */
    private EntryResult result(String label, int b, int k, double x, double analytic, double numeric,
                               double measured, double noise, EntryVerdict verdict) {
        return new EntryResult(label, b, k, x, analytic, numeric, measured, tolerance(measured, analytic, numeric),
                false, verdict, Double.NaN, Double.NaN, "", noise);
    }

    /** value() gave two results at the same parameters. */
    static final class NonDeterminism extends RuntimeException {
        NonDeterminism(String message) {
            super(message, null, false, false);
        }
    }
}
