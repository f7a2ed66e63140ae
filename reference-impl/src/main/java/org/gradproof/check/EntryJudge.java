package org.gradproof.check;

/**
 * Judges one parameter entry, spending evaluations only where an entry looks wrong:
 * <ol>
 *   <li>a central difference at h = cbrt(ε) · max(1, |x|), rounded down to a power of two;</li>
 *   <li>if that disagrees: the rounding noise of f along the entry is measured ({@link NoiseEstimate}) and the
 *       derivative re-measured with Ridders' extrapolation, starting at riddersInitialStep · max(1, |x|); when its
 *       error bar is too wide to decide, it starts again 16 times further out if noise dominates the bar, or 16
 *       times closer if the extrapolation does (a kink or sharp curvature inside its window);</li>
 *   <li>if that still disagrees or cannot decide: one-sided differences at h and h/8. A kink at x (the one-sided
 *       derivatives keep disagreeing as the step shrinks) is a warning when the analytic value lies between them;
 *       a kink only near x is stepped over by a central difference at h/8; when the one-sided derivatives bend in a
 *       way curvature cannot (a kink within h of x, not at it), the widest clean window below the kink may acquit
 *       the entry, since Ridders' windows all reach across it.</li>
 * </ol>
 * Tolerances, for analytic a and numerical n:
 * <pre>
 *   floor     = noiseFactor · max(ε · max(|f|, S), MIN_NORMAL) / h  rounding of f, amplified by 1/h
 *               (S: the function's {@link BlockFunction#noiseScale()}, a first-order bound of its rounding)
 *   σ         = max(noiseFactor · ε · max(|f|, S), {@value #MEASURED_NOISE_SAFETY} · measured noise of f along the entry)
 *   screening:  tolerance = floor + relativeTolerance · max(|a|, |n|)     (the effective one, see GradientCheck)
 *   Ridders:    tolerance = floor + {@value #EXTRAPOLATION_GAIN} · σ / step + riddersSafety · Ridders' error
 *                           + relativeTolerance · max(|a|, |n|)
 *   step h/8:   n = (4 c(h/16) − c(h/8)) / 3 from central differences c, Richardson-extrapolated;
 *               tolerance = |c(h/8) − c(h/16)| + 2σ / (h/8) + relativeTolerance · max(|a|, |n|)
 * </pre>
 * A gradient too small to resolve against the noise of the loss is therefore never called wrong.
 */
final class EntryJudge {

    private static final double EPS = Math.ulp(1.0);
    /** The measured noise is an RMS; the staircase of a rounded f reaches a few times that. */
    private static final double MEASURED_NOISE_SAFETY = 8;
    /** Ridders' extrapolation amplifies the noise of its central differences by up to about this much. */
    private static final double EXTRAPOLATION_GAIN = 4;
    /** The kink test's small step is h divided by this. */
    private static final double KINK_STEP_DIVISOR = 8;
    /** A close window is clean when its second differences are within this many times the rounding model. */
    private static final double CLEAN_WINDOW = 8;
    /** The smallest jump of the one-sided slopes at h, relative to the larger, that counts as a kink near x. */
    private static final double MIN_SLOPE_JUMP = 0.01;
    /** How far below h/8 a clean window is looked for: 2⁻¹² · h/8. */
    private static final double CLEAN_WINDOW_SEARCH = 4096;
    /** The noise is measured at spacing h / this, growing by {@value #NOISE_SPACING_GROWTH} while none shows. */
    private static final double NOISE_SPACING_START = 4096;
    private static final double NOISE_SPACING_GROWTH = 16;
    /** How far out, in steps h, a step of a quantised f is looked for. */
    private static final double STAIR_SEARCH_LIMIT = 1024;
    /** Ridders' first step shrinks by this factor when its error estimate cannot decide. */
    private static final double RIDDERS_STEP_SHRINK = 16;
    private static final int RIDDERS_ATTEMPTS = 3;

    private final Probe probe;
    private final CheckOptions options;
    private final double f0;
    private final double noiseScale;
    private final double relativeTolerance;

    /**
     * @param noiseScale        see {@link BlockFunction#noiseScale()}; 0 if unknown
     * @param relativeTolerance the effective relative tolerance, see {@link GradientCheck}
     */
    EntryJudge(Probe probe, CheckOptions options, double f0, double noiseScale, double relativeTolerance) {
        this.probe = probe;
        this.options = options;
        this.f0 = f0;
        this.noiseScale = noiseScale;
        this.relativeTolerance = relativeTolerance;
    }

    /** What one stage measured: the numerical derivative and its absolute error bar. */
    private record Measurement(double numeric, double error) {
    }

    EntryResult judge(ParameterBlock block, int b, int k, double analytic) {
        double x = block.data()[k];
        String label = block.label(k);
        if (!Double.isFinite(analytic)) {
            return result(label, b, k, x, analytic, Double.NaN, 0, false, EntryVerdict.NON_FINITE);
        }
        FiniteDifferences fd = new FiniteDifferences(probe, b, k, x);
        // A power of two, so that x + h and x − h are exact and the difference is centred on x.
        double h = Math.scalb(1.0, Math.getExponent(CheckOptions.STEP_FACTOR * Math.max(1, Math.abs(x))));
        double fUp = fd.valueAt(h);
        double fDown = fd.valueAt(-h);
        double central = (fUp - fDown) / ((x + h) - (x - h));
        if (!Double.isFinite(central)) {
            return result(label, b, k, x, analytic, central, 0, false, EntryVerdict.NON_FINITE);
        }
        // Below the smallest normal number f has lost its relative precision: that is its absolute floor.
        double modelNoise = options.noiseFactor() * Math.max(Double.MIN_NORMAL, EPS
                * Math.max(noiseScale, Math.max(Math.abs(f0), Math.max(Math.abs(fUp), Math.abs(fDown)))));
        double floor = modelNoise / h;
        if (agrees(analytic, new Measurement(central, floor))) {
            return result(label, b, k, x, analytic, central, floor, false, EntryVerdict.PASSED);
        }

        double sigma = Math.max(modelNoise, MEASURED_NOISE_SAFETY * measuredNoise(fd, h, x));
        Measurement best = null;
        double step = options.riddersInitialStep() * Math.max(1, Math.abs(x));
        for (int attempt = 0; attempt < RIDDERS_ATTEMPTS; attempt++) {
            Ridders.Extrapolation e = fd.ridders(step);
            if (!e.finite()) {
                step /= RIDDERS_STEP_SHRINK; // a step left the function's domain: look closer
                continue;
            }
            double noise = floor + EXTRAPOLATION_GAIN * sigma / e.step();
            double extrapolation = options.riddersSafety() * e.error();
            Measurement ridders = new Measurement(e.estimate(), noise + extrapolation);
            if (best == null || ridders.error() < best.error()) {
                best = ridders;
            }
            if (agrees(analytic, new Measurement(e.estimate(), noise))) {
                return result(label, b, k, x, analytic, ridders.numeric(), ridders.error(), true, EntryVerdict.PASSED);
            }
            if (!agrees(analytic, ridders)) {
                break; // a clear disagreement
            }
            // Agrees only within a wide error bar: not decided. Noise-limited: look from further out;
            // extrapolation-limited (a kink or sharp curvature in the window): look closer.
            step = noise - floor >= extrapolation ? step * RIDDERS_STEP_SHRINK : step / RIDDERS_STEP_SHRINK;
        }
        return closeLook(fd, label, b, k, x, h, sigma, modelNoise, analytic, best, fUp, fDown);
    }

    /**
     * One-sided differences at h and s = h/8. Smooth f: right − left ≈ step · f'', so the gap shrinks 8-fold with the
     * step. A kink at x: the gap stays (it is the jump in the derivative); it is reported, not failed, when the
     * analytic value lies between the one-sided derivatives (a valid one-sided derivative or subgradient). No kink
     * at x: central differences at s and s/2, which step over a kink that lies further away, decide.
     */
    private EntryResult closeLook(FiniteDifferences fd, String label, int b, int k, double x, double h, double sigma,
                                  double modelNoise, double analytic, Measurement ridders, double fUp, double fDown) {
        double rightWide = (fUp - f0) / ((x + h) - x);
        double leftWide = (f0 - fDown) / (x - (x - h));
        double s = h / KINK_STEP_DIVISOR;
        double fRight = fd.valueAt(s);
        double fLeft = fd.valueAt(-s);
        double right = (fRight - f0) / ((x + s) - x);
        double left = (f0 - fLeft) / (x - (x - s));
        double gapWide = Math.abs(rightWide - leftWide);
        double gap = Math.abs(right - left);
        double noise = 2 * sigma / s;
        Measurement reported = ridders != null ? ridders : new Measurement((right + left) / 2, noise);
        boolean kink = Double.isFinite(gap) && gap > 0.5 * gapWide && gap > 2 * noise
                && gap > relativeTolerance * Math.max(Math.abs(left), Math.abs(right));
        if (kink) {
            double margin = noise + Math.abs(right - rightWide) + Math.abs(left - leftWide) + relativeTolerance
                    * Math.max(Math.abs(analytic), Math.max(Math.abs(left), Math.abs(right)));
            boolean between = analytic >= Math.min(left, right) - margin && analytic <= Math.max(left, right) + margin;
            return new EntryResult(label, b, k, x, analytic, reported.numeric(), reported.error(),
                    tolerance(reported.error(), analytic, reported.numeric()), true,
                    between ? EntryVerdict.KINK : EntryVerdict.MISMATCH, left, right);
        }
        // Richardson on the central differences at s and s/2: c(s) = f' + c·s² + …, so (4 c(s/2) − c(s)) / 3 = f' + O(s⁴),
        // and |c(s) − c(s/2)| = ¾ c·s² bounds the error of either.
        double centralS = (right + left) / 2;
        double centralHalf = fd.central(s / 2);
        Measurement close = new Measurement((4 * centralHalf - centralS) / 3,
                Math.abs(centralS - centralHalf) + 2 * sigma / s);
        if (!Double.isFinite(close.numeric())) {
            return result(label, b, k, x, analytic, reported.numeric(), reported.error(), true, EntryVerdict.MISMATCH);
        }
        Measurement clean = cleanWindowBelowAKink(fd, x, h, s, modelNoise, leftWide, rightWide, gapWide, gap, fRight,
                fLeft);
        if (clean != null && agrees(analytic, clean)) {
            return result(label, b, k, x, analytic, clean.numeric(), clean.error(), true, EntryVerdict.PASSED);
        }
        if (agrees(analytic, close) && close.error() <= reported.error()) {
            return result(label, b, k, x, analytic, close.numeric(), close.error(), true, EntryVerdict.PASSED);
        }
        Measurement best = close.error() < reported.error() ? close : reported;
        return result(label, b, k, x, analytic, best.numeric(), best.error(), true,
                agrees(analytic, best) ? EntryVerdict.PASSED : EntryVerdict.MISMATCH);
    }

    /**
     * A kink near x but not at it (a ReLU unit a little short of its threshold) bends every window wider than its
     * distance d: the one-sided derivatives at h disagree by more than rounding, and those at s = h/8 do not shrink
     * 8-fold as curvature would make them (they stay, d &lt; s, or vanish, s &lt; d &lt; h). Ridders' windows all reach
     * across it and its error estimate does not know. This looks at t = s, s/2, s/4, … for the widest window below the
     * kink: clean, its second difference within {@value #CLEAN_WINDOW} times the rounding model (σ is no yardstick
     * here: its windows reach the kink too). A window flat on both sides counts only when f is exactly flat on one
     * side all the way to h, as on a dead unit's side; on a quantised loss (a float staircase) every narrow window is
     * flat, and proves nothing. Returns the central difference there with its rounding error, or null; the caller
     * may only acquit with it.
     */
    private Measurement cleanWindowBelowAKink(FiniteDifferences fd, double x, double h, double s, double modelNoise,
                                              double leftWide, double rightWide, double gapWide, double gap,
                                              double fRight, double fLeft) {
        double curvatureGap = gapWide / KINK_STEP_DIVISOR;
        // a slope that jumps: by more than rounding, and by a sizeable part of the slope itself (a smooth f bends by
        // only h·|f''| within h, a tiny part of |f'| unless f is extremely curved)
        boolean jump = gapWide > 4 * modelNoise / h
                && gapWide > MIN_SLOPE_JUMP * Math.max(Math.abs(leftWide), Math.abs(rightWide));
        boolean bent = jump && (gap < curvatureGap / 2 || gap > 2 * curvatureGap);
        if (!bent) {
            return null;
        }
        double up = fRight;
        double down = fLeft;
        for (double t = s; t >= s / CLEAN_WINDOW_SEARCH; t /= 2) {
            if (t < s) {
                up = fd.valueAt(t);
                down = fd.valueAt(-t);
            }
            if (Math.abs(up - 2 * f0 + down) > CLEAN_WINDOW * modelNoise) {
                continue;
            }
            boolean flat = up == f0 && down == f0;
            if (flat && leftWide != 0 && rightWide != 0) {
                return null;
            }
            return new Measurement((up - down) / ((x + t) - (x - t)), 2 * CLEAN_WINDOW * modelNoise / t);
        }
        return null;
    }

    /**
     * σ of f along this entry. Measured first at spacing h/4096, where the smooth part of f is far below rounding in
     * the differences; while no noise shows (f flat, or smooth at that scale), the spacing grows 16-fold, up to about
     * Ridders' first step: a quantised f (a loss rounded to float, a probability rounded near 1) shows its stairs only
     * at the spacing of their width. Each measurement takes the smaller of two one-sided windows, so a kink at x or on
     * one side does not pass for noise. If the differences show neither noise nor flatness at any spacing, the
     * residual of a local cubic fit at the widest spacing bounds σ. Either way σ is at least half the smallest step
     * f was seen to move by (its quantum: 2⁻²³·|f| for a loss rounded to float). If f is flat at every spacing, σ is the height of the first step of f found on
     * both sides further out, up to ±{@value #STAIR_SEARCH_LIMIT}h; 0 if f does not move on one side (a dead ReLU
     * there, or an unused parameter, whose nonzero gradient is then a real error).
     */
    private double measuredNoise(FiniteDifferences fd, double h, double x) {
        double widest = Math.max(h, 2 * options.riddersInitialStep() * Math.max(1, Math.abs(x)));
        boolean flat = true;
        double quantum = Double.POSITIVE_INFINITY;
        double delta = h / NOISE_SPACING_START;
        for (; delta <= widest; delta *= NOISE_SPACING_GROWTH) {
            NoiseEstimate.Result r = NoiseEstimate.along(fd, delta, f0);
            quantum = Math.min(quantum, r.resolution());
            if (r.outcome() == NoiseEstimate.Outcome.DETECTED) {
                return Math.max(r.sigma(), halfOf(quantum));
            }
            flat &= r.outcome() == NoiseEstimate.Outcome.SPACING_TOO_SMALL;
        }
        if (!flat) {
            // The differences saw neither noise nor flatness: bound the noise by a local cubic fit at the widest
            // spacing (curvature adds only ~δ⁴·|f''''| there), and by half the quantum f moves in.
            return Math.max(NoiseEstimate.fitResidual(fd, delta / NOISE_SPACING_GROWTH, f0), halfOf(quantum));
        }
        for (double s = NoiseEstimate.WINDOW * h; s <= STAIR_SEARCH_LIMIT * h; s *= 2) {
            double stair = Math.min(Math.abs(fd.valueAt(s) - f0), Math.abs(fd.valueAt(-s) - f0));
            if (stair > 0) {
                return Math.max(stair, halfOf(quantum));
            }
        }
        return halfOf(quantum);
    }

    /** Half the quantum f moves in; 0 when no quantum was seen. */
    private static double halfOf(double quantum) {
        return Double.isFinite(quantum) ? quantum / 2 : 0;
    }

    private boolean agrees(double analytic, Measurement m) {
        return Math.abs(analytic - m.numeric()) <= tolerance(m.error(), analytic, m.numeric());
    }

    private double tolerance(double measurementError, double analytic, double numeric) {
        return measurementError + relativeTolerance * Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    private EntryResult result(String label, int b, int k, double x, double analytic, double numeric,
                               double measured, boolean refined, EntryVerdict verdict) {
        return new EntryResult(label, b, k, x, analytic, numeric, measured, tolerance(measured, analytic, numeric),
                refined, verdict, Double.NaN, Double.NaN);
    }
}
