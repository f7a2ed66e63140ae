package org.gradproof.check;

/**
 * Immutable, validated settings of a gradient check. Every default is visible here and printed in each report.
 *
 * <pre>{@code
 * CheckOptions options = CheckOptions.builder().relativeTolerance(1e-7).maxEntriesPerBlock(200).seed(7).build();
 * }</pre>
 *
 * <ul>
 *   <li>{@code relativeTolerance} (default 1e-6): the largest relative error |a − n| / max(|a|, |n|) accepted on top of
 *       the measured error of the numerical derivative. The default catches any resolvable entry that is wrong by a
 *       relative 1e-5.</li>
 *   <li>{@code noiseFactor} (default 64): the rounding noise of f is taken as noiseFactor · ε · |f|; divided by the step
 *       h it is the noise floor below which a difference is never called wrong.</li>
 *   <li>{@code nondeterminismTolerance} (default 0): value() is evaluated more than once at the same parameters
 *       (twice before the check, once after it, and again for every entry that is re-measured); results further apart
 *       than this make the report NON_DETERMINISTIC. A jitter within it is tolerated and counted as noise (like
 *       torch.autograd.gradcheck's nondet_tol).</li>
 *   <li>{@code negligibleGradient} (default 1e-4): an entry whose derivative cannot be resolved counts as settled
 *       when its error bar is below this fraction of its block's largest entry, or below noiseFactor roundings of
 *       the loss per unit of the parameter if that is more: the derivative is negligible there. Above it, an
 *       unresolved entry makes the report INCONCLUSIVE.</li>
 *   <li>{@code scaleResolution} (default 1e-2): a PASSED report has excluded, on every block, a common scale error of
 *       this size (the block's fitted k is known to better than half of it, the relative tolerance included); a
 *       block whose entries are too uncertain for that makes the report INCONCLUSIVE.</li>
 *   <li>{@code maxEntriesPerBlock} (default: all): check at most this many entries per block, chosen with the seed.</li>
 *   <li>{@code seed} (default 0): chooses the sampled entries; printed in every report.</li>
 *   <li>{@code worstEntriesShown} (default 8): how many entries the report lists.</li>
 *   <li>{@code maxEvaluations} and {@code maxDuration} (default: no limit): a budget. The check stops before the next
 *       entry once the function has been evaluated that many times, or that much time has passed, and reports what it
 *       checked: a failure already found stands; otherwise the verdict is INCONCLUSIVE, naming the entries not
 *       reached. An interrupt of the checking thread stops it the same way (the interrupt stays set). Parameters are
 *       restored in every case.</li>
 *   <li>{@code progress} (default: none): a listener told after every checked entry how far the check has come
 *       ({@link CheckProgress}: entries checked of total, evaluations, time, an estimate of the time left). It is
 *       told of one entry at a time, on the thread that judged it: keep it quick (print at most every so often).</li>
 *   <li>{@code threads} (default: the available processors): how many threads judge entries, each with its own copy
 *       of the function ({@link BlockFunction#threadCopy}; a function that offers none is checked on one thread).
 *       The report is the same for any number of threads, so it is not printed with the settings.</li>
 * </ul>
 */
public final class CheckOptions {

    /**
     * Central-difference step factor: h = cbrt(ε) · max(1, |x|), balancing truncation (h²) against rounding (ε/h);
     * the checker rounds h down to a power of two so that x ± h are exact.
     */
    public static final double STEP_FACTOR = Math.cbrt(Math.ulp(1.0));
    /** The listener of a check whose progress nobody asked for. */
    static final java.util.function.Consumer<CheckProgress> NO_PROGRESS = p -> { };
    /** The most threads a check may use. */
    public static final int MAX_THREADS = 256;
    /** Number of step sizes in the tableau of {@link Ridders}. */
    public static final int RIDDERS_LEVELS = 10;

    private static final long NO_EVALUATION_LIMIT = Long.MAX_VALUE;
    private static final java.time.Duration NO_TIME_LIMIT = java.time.Duration.ofNanos(Long.MAX_VALUE);
    private static final CheckOptions DEFAULTS = builder().build();

    private final double relativeTolerance;
    private final double noiseFactor;
    private final double nondeterminismTolerance;
    private final double negligibleGradient;
    private final double scaleResolution;
    private final int maxEntriesPerBlock;
    private final long seed;
    private final int worstEntriesShown;
    private final long maxEvaluations;
    private final java.time.Duration maxDuration;
    private final java.util.function.Consumer<CheckProgress> progress;
    private final int threads;

    private CheckOptions(Builder b) {
        this.relativeTolerance = b.relativeTolerance;
        this.noiseFactor = b.noiseFactor;
        this.nondeterminismTolerance = b.nondeterminismTolerance;
        this.negligibleGradient = b.negligibleGradient;
        this.scaleResolution = b.scaleResolution;
        this.maxEntriesPerBlock = b.maxEntriesPerBlock;
        this.seed = b.seed;
        this.worstEntriesShown = b.worstEntriesShown;
        this.maxEvaluations = b.maxEvaluations;
        this.maxDuration = b.maxDuration;
        this.progress = b.progress;
        this.threads = b.threads;
    }

    public static CheckOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder()
                .relativeTolerance(relativeTolerance)
                .noiseFactor(noiseFactor)
                .nondeterminismTolerance(nondeterminismTolerance)
                .negligibleGradient(negligibleGradient)
                .scaleResolution(scaleResolution)
                .maxEntriesPerBlock(maxEntriesPerBlock)
                .seed(seed)
                .worstEntriesShown(worstEntriesShown)
                .maxEvaluations(maxEvaluations)
                .maxDuration(maxDuration)
                .progress(progress)
                .threads(threads);
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    public double noiseFactor() {
        return noiseFactor;
    }

    public double nondeterminismTolerance() {
        return nondeterminismTolerance;
    }

    public double negligibleGradient() {
        return negligibleGradient;
    }

    public double scaleResolution() {
        return scaleResolution;
    }

    public int maxEntriesPerBlock() {
        return maxEntriesPerBlock;
    }

    public long seed() {
        return seed;
    }

    public int worstEntriesShown() {
        return worstEntriesShown;
    }

    /** The most evaluations of the function the check may spend ({@link Long#MAX_VALUE}: no limit). */
    public long maxEvaluations() {
        return maxEvaluations;
    }

    /** The longest the check may run (a very long duration, about 292 years, when no limit was set). */
    public java.time.Duration maxDuration() {
        return maxDuration;
    }

    /** The listener told how far the check has come (one that does nothing, if none was set). */
    /** Threads that judge entries (see {@link BlockFunction#threadCopy}). */
    public int threads() {
        return threads;
    }

    public java.util.function.Consumer<CheckProgress> progress() {
        return progress;
    }

    /** The settings as one line, as printed in reports. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "step cbrt(eps)*max(1,|x|), relativeTolerance %.1e, noiseFactor %s, "
                        + "nondeterminismTolerance %s, negligibleGradient %.1e, scaleResolution %.1e, "
                        + "entries per block %s, seed %d%s",
                relativeTolerance, trim(noiseFactor), nondeterminismTolerance == 0 ? "0"
                        : String.format(java.util.Locale.ROOT, "%.1e", nondeterminismTolerance), negligibleGradient,
                scaleResolution, maxEntriesPerBlock == Integer.MAX_VALUE ? "all" : "at most " + maxEntriesPerBlock,
                seed, budgetText());
    }

    /** The budget as printed after the seed: nothing when there is none. */
    private String budgetText() {
        String evaluations = maxEvaluations == NO_EVALUATION_LIMIT ? "" : ", at most " + maxEvaluations
                + " evaluations";
        String time = maxDuration.equals(NO_TIME_LIMIT) ? "" : ", at most " + CheckProgress.describe(maxDuration);
        return evaluations + time;
    }

    /** A setting's value as the settings line prints it: 64, 12.5. */
    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Validates each setting as it is given; {@link #build()} cannot fail. */
    public static final class Builder {
        private double relativeTolerance = 1e-6;
        private double noiseFactor = 64;
        private double nondeterminismTolerance = 0;
        private double negligibleGradient = 1e-4;
        private double scaleResolution = 1e-2;
        private int maxEntriesPerBlock = Integer.MAX_VALUE;
        private long seed = 0;
        private int worstEntriesShown = 8;
        private long maxEvaluations = NO_EVALUATION_LIMIT;
        private java.time.Duration maxDuration = NO_TIME_LIMIT;
        private java.util.function.Consumer<CheckProgress> progress = NO_PROGRESS;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        public Builder relativeTolerance(double value) {
            requireInRange("relativeTolerance", value, 1e-15, 1e-1);
            this.relativeTolerance = value;
            return this;
        }

        public Builder noiseFactor(double value) {
            requireInRange("noiseFactor", value, 1, 1e8);
            this.noiseFactor = value;
            return this;
        }

        public Builder nondeterminismTolerance(double value) {
            requireInRange("nondeterminismTolerance", value, 0, Double.MAX_VALUE);
            this.nondeterminismTolerance = value;
            return this;
        }

        public Builder negligibleGradient(double value) {
            requireInRange("negligibleGradient", value, 0, 1e-1);
            this.negligibleGradient = value;
            return this;
        }

        public Builder scaleResolution(double value) {
            requireInRange("scaleResolution", value, 1e-12, 0.5);
            this.scaleResolution = value;
            return this;
        }

        public Builder maxEntriesPerBlock(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxEntriesPerBlock must be at least 1, got " + value);
            }
            this.maxEntriesPerBlock = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder worstEntriesShown(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("worstEntriesShown must be at least 0, got " + value);
            }
            this.worstEntriesShown = value;
            return this;
        }

        /** Stop before the next entry once the function has been evaluated this many times (at least 1). */
        public Builder maxEvaluations(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxEvaluations must be at least 1, got " + value);
            }
            this.maxEvaluations = value;
            return this;
        }

        /** Stop before the next entry once this much time has passed (positive). */
        public Builder maxDuration(java.time.Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("maxDuration must be positive, got " + value);
            }
            this.maxDuration = value.compareTo(NO_TIME_LIMIT) > 0 ? NO_TIME_LIMIT : value;
            return this;
        }

        /** Told after every checked entry how far the check has come; runs on the checking thread. */
        public Builder progress(java.util.function.Consumer<CheckProgress> listener) {
            if (listener == null) {
                throw new IllegalArgumentException("progress must not be null (leave it unset for none)");
            }
            this.progress = listener;
            return this;
        }

        /** Threads that judge entries, 1 to {@value #MAX_THREADS} (default: the available processors). */
        public Builder threads(int count) {
            if (count < 1 || count > MAX_THREADS) {
                throw new IllegalArgumentException("threads must be in [1, " + MAX_THREADS + "], got " + count);
            }
            this.threads = count;
            return this;
        }

        public CheckOptions build() {
            return new CheckOptions(this);
        }

        private static void requireInRange(String setting, double value, double min, double max) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException(setting + " must be in [" + min + ", " + max + "], got " + value);
            }
        }
    }
}
