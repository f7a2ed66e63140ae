package org.gradproof.check;

/**
 * Judges one parameter entry: a central difference first; if that looks wrong, the rounding noise of f along the
 * entry is measured ({@link NoiseEstimate}) and the derivative re-measured with Ridders' extrapolation; if that still
 * disagrees, a kink test with one-sided differences.
 *
 * <p>Tolerance, for analytic a and numerical n at step s:
 * <pre>
 *   floor     = noiseFactor · ε · max|f| / h                        rounding of f, amplified by 1/h
 *   σ         = max(noiseFactor · ε · max|f|, {@value #MEASURED_NOISE_SAFETY} · measured noise of f along the entry)
 *   screening:  tolerance = floor + relativeTolerance · max(|a|, |n|)
 *   Ridders:    tolerance = floor + {@value #EXTRAPOLATION_GAIN} · σ / step + riddersSafety · Ridders' error
 *                           + relativeTolerance · max(|a|, |n|)
 * </pre>
 * A gradient too small to resolve against the noise of the loss is therefore never called wrong.
 */
final class EntryJudge {

    private static final double EPS = Math.ulp(1.0);
    /** The measured noise is an RMS; the staircase of a rounded f reaches a few times that. */
    private static final double MEASURED_NOISE_SAFETY = 32;
    /** Ridders' extrapolation amplifies the noise of its central differences by up to about this much. */
    private static final double EXTRAPOLATION_GAIN = 4;
    /** The kink test's small step is h divided by this. */
    private static final double KINK_STEP_DIVISOR = 8;
    /** Noise is measured at spacings h, 16h, 256h. */
    private static final double NOISE_SPACING_GROWTH = 16;
    private static final int NOISE_SPACINGS = 3;
    /** Retries of Ridders' method with a smaller first step when a large step leaves the function's domain. */
    private static final int RIDDERS_RETRIES = 3;

    private final Probe probe;
    private final CheckOptions options;
    private final double f0;

    EntryJudge(Probe probe, CheckOptions options, double f0) {
        this.probe = probe;
        this.options = options;
        this.f0 = f0;
    }

    EntryResult judge(ParameterBlock block, int b, int k, double analytic) {
        double x = block.data()[k];
        String label = block.label(k);
        if (!Double.isFinite(analytic)) {
            return result(label, b, k, x, analytic, Double.NaN, 0, false, EntryVerdict.NON_FINITE);
        }
        FiniteDifferences fd = new FiniteDifferences(probe, b, k, x);
        double h = CheckOptions.STEP_FACTOR * Math.max(1, Math.abs(x));
        double up = x + h;
        double down = x - h;
        double fUp = fd.valueAt(h);
        double fDown = fd.valueAt(-h);
        double central = (fUp - fDown) / (up - down);
        if (!Double.isFinite(central)) {
            return result(label, b, k, x, analytic, central, 0, false, EntryVerdict.NON_FINITE);
        }
        double modelNoise = options.noiseFactor() * EPS * Math.max(Math.abs(f0), Math.max(Math.abs(fUp), Math.abs(fDown)));
        double screeningError = modelNoise / ((up - down) / 2);
        if (Math.abs(analytic - central) <= tolerance(screeningError, analytic, central)) {
            return result(label, b, k, x, analytic, central, screeningError, false, EntryVerdict.PASSED);
        }

        double sigma = Math.max(modelNoise, MEASURED_NOISE_SAFETY * measuredNoise(fd, h));
        FiniteDifferences.Extrapolation ridders = riddersWithinDomain(fd, x);
        if (ridders == null) {
            // Every Ridders step leaves the function's domain: judge by the central difference alone.
            double error = sigma / h;
            return result(label, b, k, x, analytic, central, error, false,
                    Math.abs(analytic - central) <= tolerance(error, analytic, central)
                            ? EntryVerdict.PASSED : EntryVerdict.MISMATCH);
        }
        // The floor at the central step h stays: Ridders' larger steps must not make a gradient that is too small
        // to resolve against the loss at h look resolvable.
        double measured = screeningError + EXTRAPOLATION_GAIN * sigma / ridders.step()
                + options.riddersSafety() * ridders.error();
        double numeric = ridders.estimate();
        if (Math.abs(analytic - numeric) <= tolerance(measured, analytic, numeric)) {
            return result(label, b, k, x, analytic, numeric, measured, true, EntryVerdict.PASSED);
        }
        return kinkTest(fd, label, b, k, x, h, sigma, analytic, numeric, measured, fUp, fDown);
    }

    /**
     * One-sided differences at h and h/8. Smooth f: right − left ≈ h · f'', so the gap shrinks 8-fold with the step.
     * A kink: the gap stays (it is the jump in the derivative). A kink is reported, not failed, when the analytic
     * value lies between the two one-sided derivatives (it is then a valid one-sided derivative or subgradient).
     */
    private EntryResult kinkTest(FiniteDifferences fd, String label, int b, int k, double x, double h, double sigma,
                                 double analytic, double numeric, double measured, double fUp, double fDown) {
        double rightWide = (fUp - f0) / ((x + h) - x);
        double leftWide = (f0 - fDown) / (x - (x - h));
        double s = h / KINK_STEP_DIVISOR;
        double right = fd.oneSided(s, f0);
        double left = fd.oneSided(-s, f0);
        double gapWide = Math.abs(rightWide - leftWide);
        double gap = Math.abs(right - left);
        double noise = 2 * sigma / s;
        boolean kink = Double.isFinite(gap) && gap > 0.5 * gapWide && gap > 2 * noise
                && gap > options.relativeTolerance() * Math.max(Math.abs(left), Math.abs(right));
        EntryVerdict verdict = EntryVerdict.MISMATCH;
        if (kink) {
            double margin = noise + Math.abs(right - rightWide) + Math.abs(left - leftWide) + options.relativeTolerance()
                    * Math.max(Math.abs(analytic), Math.max(Math.abs(left), Math.abs(right)));
            boolean between = analytic >= Math.min(left, right) - margin && analytic <= Math.max(left, right) + margin;
            verdict = between ? EntryVerdict.KINK : EntryVerdict.MISMATCH;
        }
        return new EntryResult(label, b, k, x, analytic, numeric, measured, tolerance(measured, analytic, numeric),
                true, verdict, kink ? left : Double.NaN, kink ? right : Double.NaN);
    }

    /**
     * σ of f along this entry: the largest noise detected at spacings h, 16h and 256h. Rounding shows at h; the
     * staircase of a quantised intermediate (a saturated probability, say) may only show at the coarser spacings,
     * which are those of Ridders' steps. 0 if no noise shows at any of them.
     */
    private double measuredNoise(FiniteDifferences fd, double h) {
        double sigma = 0;
        double delta = h;
        for (int attempt = 0; attempt < NOISE_SPACINGS; attempt++, delta *= NOISE_SPACING_GROWTH) {
            NoiseEstimate.Result r = NoiseEstimate.along(fd, delta, f0);
            if (r.outcome() == NoiseEstimate.Outcome.DETECTED) {
                sigma = Math.max(sigma, r.sigma());
            }
        }
        return sigma;
    }

    private FiniteDifferences.Extrapolation riddersWithinDomain(FiniteDifferences fd, double x) {
        double step = options.riddersInitialStep() * Math.max(1, Math.abs(x));
        for (int attempt = 0; attempt <= RIDDERS_RETRIES; attempt++, step /= 16) {
            FiniteDifferences.Extrapolation e = fd.ridders(step);
            if (e.finite()) {
                return e;
            }
        }
        return null;
    }

    private double tolerance(double measurementError, double analytic, double numeric) {
        return measurementError + options.relativeTolerance() * Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    private EntryResult result(String label, int b, int k, double x, double analytic, double numeric,
                               double measured, boolean refined, EntryVerdict verdict) {
        return new EntryResult(label, b, k, x, analytic, numeric, measured, tolerance(measured, analytic, numeric),
                refined, verdict, Double.NaN, Double.NaN);
    }
}
