package org.gradproof.check;

/**
 * Estimates the rounding noise σ of f along one entry from f at equally spaced points, following Moré and Wild,
 * "Estimating computational noise" (SIAM J. Sci. Comput. 33(3), 2011): the k-th differences of a smooth function
 * vanish as the spacing shrinks, while those of noise do not; for noise of standard deviation σ,
 * E[(Δᵏf)²] = σ² · (2k)! / (k!)², so σ_k = √(γ_k · mean((Δᵏf)²)) with γ_k = (k!)² / (2k)!.
 * Noise is detected at the first level k whose differences change sign and whose σ_k, σ_{k+1}, σ_{k+2} agree within a
 * factor 4.
 *
 * <p>Needed because ε·|f| underestimates the noise of losses computed through cancellation, such as
 * −log(1 − p) for a saturated sigmoid p; there Ridders' error estimate can be fooled by the staircase of f.
 */
final class NoiseEstimate {

    /**
     * A second spacing per width, this many times the first: stairs that are nearly periodic (a rounded value climbing
     * at a steady rate) and about a whole number of them per spacing shift little from one point to the next and look
     * smooth to the differences; an irrational ratio (the golden one) cannot be near a whole number of stairs for both.
     */
    private static final double INCOMMENSURATE = 1.6180339887498949;
    /** Points on each side of x, besides x itself. */
    static final int WINDOW = 8;
    /** A window one kink fits this many times better than the noise its differences show is a kink, not noise. */
    static final double HINGE_FIT = 16;

    /** The noise is measured at spacing h / this, growing by {@value #NOISE_SPACING_GROWTH} while none shows. */
    private static final double NOISE_SPACING_START = 4096;
    private static final double NOISE_SPACING_GROWTH = 16;
    /** A single evaluation's noise is bounded by this many RMS (a rough estimate from nine points, and tails). */
    static final double RMS_TO_BOUND = 4;
    /** A quantum needs this many distinct differences of f to be told from chance ... */
    private static final int QUANTUM_LEVELS = 4;
    /** ... and this many repeated values on each side of x. */
    private static final int QUANTUM_REPEATS = 2;
    /**
     * The first changes of f on the two sides of a flat stretch differ by at most this factor if they are stairs of
     * one staircase (a step s passes one or two stairs on a side); jumps of unrelated sizes are not a quantum.
     */
    private static final double STAIR_RATIO = 16;
    /** ... and must exceed this many roundings of f (in ulps). */
    private static final double QUANTUM_FLOOR = 64;
    /**
     * How far out, in steps h, a step of a quantised f is looked for: as far as the checker's widest steps (about
     * max(1, |x|)), since a loss rounded to 1e-2 with a derivative of 0.25 does not move for 0.04.
     */
    private static final double STAIR_SEARCH_LIMIT = 1 << 18;
    /** Points a side that test whether the first changes found by the stair search are stairs. */
    private static final int STAIR_SAMPLES = 32;
    /** ... over this many times the offset of the first changes. */
    private static final double STAIR_REACH = 8;

    /** The outcome: a noise level, or that the spacing was too small (f flat) or too large (no noise visible). */
    enum Outcome { DETECTED, SPACING_TOO_SMALL, SPACING_TOO_LARGE }

    /**
     * @param outcome    what the differences showed
     * @param sigma      the noise level, if DETECTED; else 0
     * @param resolution the smallest nonzero step between neighbouring values of a mostly flat window: the quantum of
     *                   a quantised f (float rounding, a probability rounded near 1); infinite if no window was mostly
     *                   flat with a step in it
     */
    record Result(Outcome outcome, double sigma, double resolution) {
        Result(Outcome outcome, double sigma) {
            this(outcome, sigma, Double.POSITIVE_INFINITY);
        }
    }

    private NoiseEstimate() {
    }

    /**
     * A bound of the noise of one evaluation of f along this entry: {@value #RMS_TO_BOUND} times its RMS σ, or half the
     * quantum f moves in, whichever is larger. σ is measured at spacings h/4096, h/256, h/16 and h (and h/4096 and h/16
     * times {@value #INCOMMENSURATE}: see there), and the largest is
     * kept (further out, only while no noise has shown: there kinks and curvature start to pass for noise, and never
     * from windows reaching beyond {@code widest}, whose values no quotient uses — out there a few units switching on
     * read as noise several ulps high; only the quantum counts from those): rounding errors of neighbouring points can
     * be correlated and show less noise at fine spacings than at
     * the steps the derivative is measured with (a probability rounded near 1 under a logarithm), and a quantised f (a
     * loss rounded to float) shows its stairs only at the spacing of their width. If the differences show no noise at
     * any spacing and f is not flat at every one, σ is bounded by the residual of a local cubic fit
     * ({@link #fitResidual}), the smallest over the spacings: each is an upper bound (noise, curvature and any kink in the
     * window), and a kink at a distance d from x inflates the fit at every spacing above d / {@value #WINDOW}, by about
     * its jump times the spacing, while the spacings below that see only rounding. The quantum is the smallest stair f
     * was seen to climb between flat stretches (2⁻²³·|f| for a loss rounded to float). If f is flat at every spacing,
     * the bound is the smaller of the first changes of f further out on the two sides, up to
     * ±{@value #STAIR_SEARCH_LIMIT}h: 0 if one side never moves (a dead ReLU there, or an unused parameter, whose nonzero
     * gradient is then a real error), 0 if both sides leave the flat stretch along ramps rather than by a stair (a
     * unit dead for every example, coming alive further out: see {@link #ramp}) or by jumps more than
     * {@value #STAIR_RATIO} times apart in size or with values in between that share no quantum (saturated units
     * flipping far out, not a staircase: {@link #staircase}), and 0 if one side
     * still is flat where the other already moves along a ramp (a unit dead on one side of a kink at x, alive on the
     * other).
     */
    static double boundAlong(FiniteDifferences fd, double f0, double h, double widest) {
        return Math.max(measuredBound(fd, f0, h, widest), halfOf(commonQuantum(fd.valuesByPoint(), fd.x(), f0)));
    }

    /**
     * A bound of the noise the spacings beyond h show (h · 16, h · 256, … up to {@code widest}): {@value #RMS_TO_BOUND}
     * times the largest σ detected there, 0 if none. {@link #boundAlong} stops at h once noise shows, because further
     * out kinks and curvature start to pass for noise; but rounding can also be correlated over a stretch wider than
     * h (a float probability rounded near 1 under a logarithm: stairs 1e-3 wide), and then only these spacings see it,
     * while every small step inside the stretch reads the same wrong slope. Used before a conviction, never to pass.
     */
    static double boundBeyond(FiniteDifferences fd, double f0, double h, double widest) {
        double sigma = 0;
        for (double delta = h * NOISE_SPACING_GROWTH; delta <= widest; delta *= NOISE_SPACING_GROWTH) {
            for (double spacing : new double[] {delta, delta * INCOMMENSURATE}) {
                Result r = along(fd, spacing, f0);
                if (r.outcome() == Outcome.DETECTED) {
                    sigma = Math.max(sigma, r.sigma());
                }
            }
        }
        return RMS_TO_BOUND * sigma;
    }

    /**
     * The quantum every value of f seen along the entry moves in, if there is one: the smallest gap between two
     * values seen, when every difference |f(x + s) − f(x)| is a multiple of it (to a few ulps of f), when there are at least {@value #QUANTUM_LEVELS} distinct
     * differences, values repeated on each side of x (flat stretches: a smooth f takes a value once on a side; a
     * linear one sampled on a grid has differences that are multiples too, but no repeats; a dead unit is flat on one
     * side only), and the divisor is far above one rounding of f. A
     * loss rounded to float, or to 1e-3, takes only values on a grid; a smooth f's differences share no divisor. Sampled at a spacing equal to its stairs' width a
     * staircase looks like a straight line to the difference tables, which is why this is read from the values.
     * Returns infinity when f is not quantised.
     */
    static double commonQuantum(java.util.Map<Double, Double> valuesByPoint, double x, double f0) {
        java.util.TreeSet<Double> distinct = new java.util.TreeSet<>();
        java.util.TreeSet<Double> levels = new java.util.TreeSet<>(java.util.List.of(0.0));
        java.util.Set<Double> right = new java.util.HashSet<>();
        java.util.Set<Double> left = new java.util.HashSet<>();
        int repeatsRight = 0;
        int repeatsLeft = 0;
        double largest = Math.abs(f0);
        for (java.util.Map.Entry<Double, Double> point : valuesByPoint.entrySet()) {
            double signed = point.getValue() - f0;
            if (!Double.isFinite(signed)) {
                continue;
            }
            largest = Math.max(largest, Math.abs(point.getValue()));
            levels.add(signed);
            // the same value twice on one side of x: a stair's flat stretch (the two sides of a symmetric minimum
            // share values without being flat)
            boolean onRight = point.getKey() > x;
            if (signed == 0 || !(onRight ? right : left).add(signed)) {
                repeatsRight += onRight ? 1 : 0;
                repeatsLeft += onRight ? 0 : 1;
            } else {
                distinct.add(Math.abs(signed));
            }
        }
        // flat stretches on both sides: a kink with one flat side (a dead unit) is not a staircase
        if (distinct.size() < QUANTUM_LEVELS || Math.min(repeatsLeft, repeatsRight) < QUANTUM_REPEATS) {
            return Double.POSITIVE_INFINITY;
        }
        // neighbouring levels differ by one quantum (or a few, where f climbs fast): the smallest gap between two
        // levels seen, not the smallest difference from f0 (x at a minimum may see only every other level); every
        // difference must be a multiple of it, to the rounding of the values (a few ulps, growing with the multiple)
        double ulps = 8 * Math.ulp(largest);
        double quantum = distinct.first();
        Double previous = null;
        for (double level : levels) {
            if (previous != null && level - previous > ulps) { // closer than that: one level, rounded two ways
                quantum = Math.min(quantum, level - previous);
            }
            previous = level;
        }
        for (double d : distinct) {
            double k = Math.rint(d / quantum);
            double tolerance = ulps * (k + 1);
            // a tolerance that reaches a quarter of the quantum makes any number a multiple: no evidence
            if (tolerance > quantum / 4 || Math.abs(d - k * quantum) > tolerance) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return quantum > QUANTUM_FLOOR * Math.ulp(1.0) * Math.max(Math.abs(f0), Double.MIN_NORMAL)
                ? quantum : Double.POSITIVE_INFINITY;
    }

    private static double measuredBound(FiniteDifferences fd, double f0, double h, double widest) {
        boolean flat = true;
        boolean detected = false;
        double sigma = 0;
        double quantum = Double.POSITIVE_INFINITY;
        double residual = Double.POSITIVE_INFINITY;
        // every spacing, not the first that shows noise: rounding errors of neighbouring points can be correlated,
        // so a loss can look quieter at fine spacings than at the steps the derivative is measured with
        for (double spacing : spacings(h, widest)) {
            if (detected && spacing > h) {
                break; // further out, kinks and curvature start to pass for noise: only look there if none was seen
            }
            Result r = along(fd, spacing, f0);
            quantum = Math.min(quantum, r.resolution());
            if (WINDOW * spacing > widest) {
                // a window reaching beyond the widest step: the ladder uses no value out there, and kinks there (a few
                // units of a ReLU layer switching on) pass for noise that the values it uses do not have; only a stair
                // between flat stretches, which a kink does not make, still tells f's quantum
                continue;
            }
            if (r.outcome() == Outcome.DETECTED) {
                detected = true;
                sigma = Math.max(sigma, r.sigma());
            }
            flat &= r.outcome() == Outcome.SPACING_TOO_SMALL;
            residual = Math.min(residual, fitResidual(fd, spacing, f0));
        }
        if (detected) {
            return Math.max(RMS_TO_BOUND * sigma, halfOf(quantum));
        }
        if (!flat) {
            return Math.max(RMS_TO_BOUND * residual, halfOf(quantum));
        }
        for (double s = WINDOW * h; s <= STAIR_SEARCH_LIMIT * h; s *= 2) {
            double up = Math.abs(fd.valueAt(s) - f0);
            double down = Math.abs(fd.valueAt(-s) - f0);
            if ((up == 0) != (down == 0) && ramp(fd, up > 0 ? s : -s, f0)) {
                // one side flat and the other already moving along a ramp: a unit dead on one side of a kink at x, the
                // other side alive from x on (the dead side may come alive much further out); no staircase
                return halfOf(quantum);
            }
            double stair = Math.min(up, down);
            if (stair > 0) {
                // f left its flat stretch on both sides: by a stair (a staircase too coarse for the windows, whose
                // smooth slope the flat stretch hides), along a ramp (a dead unit coming alive at a kink on each
                // side: f is truly flat at x, and the change says nothing about noise), or by jumps of unrelated
                // sizes (saturated units flipping far out: a staircase climbs by the same quantum on both sides)
                boolean ramps = ramp(fd, s, f0) && ramp(fd, -s, f0);
                return ramps || Math.max(up, down) > STAIR_RATIO * stair || !staircase(fd, s, f0) ? halfOf(quantum)
                        : Math.max(stair, halfOf(quantum));
            }
        }
        return halfOf(quantum);
    }

    /**
     * The spacings the noise is measured at, in increasing order: h/{@value #NOISE_SPACING_START} growing by
     * {@value #NOISE_SPACING_GROWTH} up to {@code widest}, a second spacing {@value #INCOMMENSURATE} times the first at
     * h/4096 and h/16 (a rounded f whose stairs are a whole number per spacing at one power of two is so at every one,
     * h being a power of two, and looks smooth to them all; at two such spacings, 256 times apart, it cannot be a whole
     * number at both but by chance), and widest/{@value #WINDOW}, the widest whose windows stay within the widest step:
     * a staircase whose stairs are a few times h wide shows its noise only to windows that hold several of them.
     */
    private static double[] spacings(double h, double widest) {
        java.util.TreeSet<Double> spacings = new java.util.TreeSet<>();
        for (double delta = h / NOISE_SPACING_START; delta <= widest; delta *= NOISE_SPACING_GROWTH) {
            spacings.add(delta);
            if (delta == h / NOISE_SPACING_START || delta == h / NOISE_SPACING_GROWTH) {
                spacings.add(delta * INCOMMENSURATE);
            }
        }
        if (widest / WINDOW >= h / NOISE_SPACING_START) {
            spacings.add(widest / WINDOW);
        }
        return spacings.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Whether f, flat near x and first seen to change at offsets up to ±s, takes only the values of a staircase over
     * ±{@value #STAIR_REACH}s: sampled at {@value #STAIR_SAMPLES} points a side, the values must share a quantum
     * ({@link #commonQuantum}). Stairs are at most 2s wide (f changed within s on both sides), so that reach holds
     * several of them.
     * A rounded loss climbs stair after stair of one height there; saturated units flipping far out move f by
     * amounts of no common size, through values in between (a tanh at a weight of 50 takes a while to flip) and not
     * always the same way.
     */
    private static boolean staircase(FiniteDifferences fd, double s, double f0) {
        for (int i = 1; i <= STAIR_SAMPLES; i++) {
            fd.valueAt(STAIR_REACH * s * i / STAIR_SAMPLES);
            fd.valueAt(-STAIR_REACH * s * i / STAIR_SAMPLES);
        }
        return Double.isFinite(commonQuantum(fd.valuesByPoint(), fd.x(), f0));
    }

    /**
     * Whether f keeps moving just beyond offset s, where it first differs from f0: three values at s, 17s/16 and 18s/16
     * whose two increments are nonzero, of one sign and within a factor 2 of each other (beyond a few ulps) — a piece
     * of a curve after a kink, straight or bent. A stair of a staircase stays flat there.
     */
    static boolean ramp(FiniteDifferences fd, double s, double f0) {
        double v0 = fd.valueAt(s);
        double v1 = fd.valueAt(s + s / 16);
        double v2 = fd.valueAt(s + s / 8);
        double first = v1 - v0;
        double second = v2 - v1;
        double ulps = 8 * Math.ulp(Math.max(Math.abs(f0), Math.max(Math.abs(v0), Math.abs(v2))));
        return Math.abs(first) > 4 * ulps && Math.abs(second) > 4 * ulps && first * second > 0
                && Math.abs(second) <= 2 * Math.abs(first) && Math.abs(first) <= 2 * Math.abs(second);
    }

    /** Half the quantum f moves in; 0 when no quantum was seen. */
    private static double halfOf(double quantum) {
        return Double.isFinite(quantum) ? quantum / 2 : 0;
    }

    /**
     * σ of f near x at spacing δ, from two one-sided windows f(x ± i·δ), i = 0 … {@value #WINDOW}, taking the smaller
     * estimate: a kink at x (ReLU at 0) or on one side looks like noise to the differences that straddle it, but
     * rounding noise shows on both sides. SPACING_TOO_SMALL when f is flat on either side (look further out); no
     * noise (SPACING_TOO_LARGE) unless both sides show it.
     */
    static Result along(FiniteDifferences fd, double delta, double f0) {
        double[] rightValues = window(fd, delta, f0);
        double[] leftValues = window(fd, -delta, f0);
        Result right = of(rightValues);
        Result left = of(leftValues);
        // Only a mostly flat window shows f's quantum: there a nonzero step is a jump of the staircase, elsewhere it
        // is mostly the trend.
        double resolution = Math.min(right.outcome() == Outcome.SPACING_TOO_SMALL ? resolution(rightValues)
                : Double.POSITIVE_INFINITY, left.outcome() == Outcome.SPACING_TOO_SMALL ? resolution(leftValues)
                : Double.POSITIVE_INFINITY);
        if (right.outcome() == Outcome.SPACING_TOO_SMALL || left.outcome() == Outcome.SPACING_TOO_SMALL) {
            return new Result(Outcome.SPACING_TOO_SMALL, 0, resolution);
        }
        if (right.outcome() == Outcome.DETECTED && left.outcome() == Outcome.DETECTED) {
            return new Result(Outcome.DETECTED, Math.min(right.sigma(), left.sigma()), resolution);
        }
        return new Result(Outcome.SPACING_TOO_LARGE, 0, resolution);
    }

    /**
     * An upper bound of σ for when the differences cannot tell noise from curvature: the RMS residual of a
     * least-squares cubic through each one-sided window f(x ± i·δ), i = 0 … {@value #WINDOW} (with n − 4 degrees of
     * freedom), the smaller of the two sides. Curvature adds about δ⁴·|f''''| to it, noise its own σ: at spacings up
     * to Ridders' steps it finds a float-rounded loss's stairs that the differences miss. A mostly flat window does
     * not count (infinite when neither counts): its residual is only the step where f leaves the flat stretch — a
     * kink (a dead unit coming alive), or a stair, which {@link #resolution} measures as a quantum.
     */
    static double fitResidual(FiniteDifferences fd, double delta, double f0) {
        return Math.min(sloped(window(fd, delta, f0)), sloped(window(fd, -delta, f0)));
    }

    /** The cubic residual of a window that is not mostly flat; infinite for one that is. */
    private static double sloped(double[] values) {
        return of(values).outcome() == Outcome.SPACING_TOO_SMALL ? Double.POSITIVE_INFINITY : cubicResidual(values);
    }

    /** RMS residual of the least-squares cubic through values at 0, 1, …, n − 1, with n − 4 degrees of freedom. */
    static double cubicResidual(double[] values) {
        int n = values.length;
        // centred abscissae scaled to [−1, 1]: well conditioned for n ≤ 17
        double c = (n - 1) / 2.0;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (i - c) / c;
        }
        return PolynomialFit.of(t, values, 3).rms();
    }

    private static double[] window(FiniteDifferences fd, double delta, double f0) {
        double[] values = new double[WINDOW + 1];
        values[0] = f0;
        for (int i = 1; i <= WINDOW; i++) {
            values[i] = fd.valueAt(i * delta);
        }
        return values;
    }

    /**
     * The smallest isolated nonzero |v[i] − v[i−1]| (flat on both sides: v[i−2] = v[i−1] and v[i] = v[i+1], a stair of
     * a staircase); infinite if there is none. A run of nonzero differences is a ramp, not a stair: f leaving a flat
     * stretch at a kink (a unit coming alive) moves by an arbitrarily small first step that says nothing about f's
     * quantum; so a step at either end of the window, whose outer side is not seen, never counts.
     */
    static double resolution(double[] values) {
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 2; i + 1 < values.length; i++) {
            double step = Math.abs(values[i] - values[i - 1]);
            boolean flatBefore = values[i - 1] == values[i - 2];
            boolean flatAfter = values[i + 1] == values[i];
            if (step > 0 && flatBefore && flatAfter) {
                smallest = Math.min(smallest, step);
            }
        }
        return smallest;
    }

    /**
     * The RMS residual of the best fit of the window by one kink on a parabola, a + b·t + c·t² + d·max(0, t − τ), τ
     * anywhere from the third point to the third from the end: a kink nearer an end would fit one stray value there
     * exactly (a random draw left on in value() that hit the window's last point passed for a kink). A kink in the window gives
     * its k-th differences the alternating signs and the steady size of noise (the differences of a hinge are those of
     * a spike), but one hinge fits it to rounding; noise that one hinge fits {@value #HINGE_FIT} times better than its
     * own level is rare (four degrees of freedom are left). For τ between points j and j + 1, max(0, t − τ) at the
     * points is d·(A + (j + 1 − τ)·B) with A = (t − j − 1)·[t &gt; j] and B = [t &gt; j], so the fit with both columns
     * finds the best τ there when e/d = j + 1 − τ lies in [0, 1] (a step alone, a stair, is not a kink: otherwise the
     * ends of the interval, hinges at the points, are what counts).
     */
    static double hingeResidual(double[] values) {
        int n = values.length;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 2; j + 3 < n; j++) {
            best = Math.min(best, hingeFit(values, j, Double.NaN));
            best = Math.min(best, hingeFit(values, j, j));
            best = Math.min(best, hingeFit(values, j, j + 1));
        }
        return best;
    }

    /** The residual of the hinge at τ (a point), or, for NaN, of the best τ in (j, j + 1) if there is one there. */
    private static double hingeFit(double[] values, int j, double tau) {
        int n = values.length;
        boolean free = Double.isNaN(tau);
        double[][] design = new double[n][free ? 5 : 4];
        for (int i = 0; i < n; i++) {
            design[i][0] = 1;
            design[i][1] = i;
            design[i][2] = i * (double) i;
            if (free) {
                design[i][3] = i > j ? i - j - 1 : 0;
                design[i][4] = i > j ? 1 : 0;
            } else {
                design[i][3] = Math.max(0, i - tau);
            }
        }
        if (!free) {
            return PolynomialFit.residualRms(design, values, 1);
        }
        double[] c = PolynomialFit.leastSquares(design, values);
        double share = c[4] / c[3]; // j + 1 − τ
        return share >= 0 && share <= 1 ? PolynomialFit.residualRms(design, values, 0)
                : Double.POSITIVE_INFINITY;
    }

    /** σ from values of f at equally spaced points; a window one kink explains shows no noise (see {@link #hingeResidual}). */
    static Result of(double[] values) {
        double[] d = values.clone();
        int n = d.length;
        double[] level = new double[n];
        boolean[] signChange = new boolean[n];
        double gamma = 1;
        for (int k = 1; k < n; k++) {
            int zeros = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sumSquares = 0;
            for (int i = 0; i < n - k; i++) {
                d[i] = d[i + 1] - d[i];
                zeros += d[i] == 0 ? 1 : 0;
                min = Math.min(min, d[i]);
                max = Math.max(max, d[i]);
                sumSquares += d[i] * d[i];
            }
            if (k == 1 && 2 * zeros >= n - 1) {
                return new Result(Outcome.SPACING_TOO_SMALL, 0);
            }
            gamma *= 0.5 * k / (2.0 * k - 1);
            level[k] = Math.sqrt(gamma * sumSquares / (n - k));
            signChange[k] = min < 0 && max > 0;
        }
        for (int k = 1; k + 2 < n; k++) {
            double min = Math.min(level[k], Math.min(level[k + 1], level[k + 2]));
            double max = Math.max(level[k], Math.max(level[k + 1], level[k + 2]));
            if (signChange[k] && max <= 4 * min) {
                return hingeResidual(values) * HINGE_FIT <= level[k] ? new Result(Outcome.SPACING_TOO_LARGE, 0)
                        : new Result(Outcome.DETECTED, level[k]);
            }
        }
        return new Result(Outcome.SPACING_TOO_LARGE, 0);
    }
}
