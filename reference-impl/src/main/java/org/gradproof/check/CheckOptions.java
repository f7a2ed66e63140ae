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
 *   <li>{@code riddersInitialStep} (default 1e-4): Ridders' extrapolation starts at the step
 *       riddersInitialStep · max(1, |x|) and shrinks it by 1.4 up to {@value #RIDDERS_LEVELS} times, down to about
 *       the central step. Larger first steps see further, and so cross more kinks (ReLU), which inflate the error
 *       estimate and could excuse a wrong entry.</li>
 *   <li>{@code riddersSafety} (default 10): Ridders' own error estimate is multiplied by this before it is used as a
 *       tolerance.</li>
 *   <li>{@code maxEntriesPerBlock} (default: all): check at most this many entries per block, chosen with the seed.</li>
 *   <li>{@code seed} (default 0): chooses the sampled entries; printed in every report.</li>
 *   <li>{@code worstEntriesShown} (default 8): how many entries the report lists.</li>
 * </ul>
 */
public final class CheckOptions {

    /**
     * Central-difference step factor: h = cbrt(ε) · max(1, |x|), balancing truncation (h²) against rounding (ε/h);
     * the checker rounds h down to a power of two so that x ± h are exact.
     */
    public static final double STEP_FACTOR = Math.cbrt(Math.ulp(1.0));
    /** Number of step sizes in Ridders' tableau. */
    public static final int RIDDERS_LEVELS = 10;

    private static final CheckOptions DEFAULTS = builder().build();

    private final double relativeTolerance;
    private final double noiseFactor;
    private final double riddersInitialStep;
    private final double riddersSafety;
    private final int maxEntriesPerBlock;
    private final long seed;
    private final int worstEntriesShown;

    private CheckOptions(Builder b) {
        this.relativeTolerance = b.relativeTolerance;
        this.noiseFactor = b.noiseFactor;
        this.riddersInitialStep = b.riddersInitialStep;
        this.riddersSafety = b.riddersSafety;
        this.maxEntriesPerBlock = b.maxEntriesPerBlock;
        this.seed = b.seed;
        this.worstEntriesShown = b.worstEntriesShown;
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
                .riddersInitialStep(riddersInitialStep)
                .riddersSafety(riddersSafety)
                .maxEntriesPerBlock(maxEntriesPerBlock)
                .seed(seed)
                .worstEntriesShown(worstEntriesShown);
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    public double noiseFactor() {
        return noiseFactor;
    }

    public double riddersInitialStep() {
        return riddersInitialStep;
    }

    public double riddersSafety() {
        return riddersSafety;
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

    /** The settings as one line, as printed in reports. */
    @Override
    public String toString() {
        return String.format("step cbrt(eps)*max(1,|x|), relativeTolerance %.1e, noiseFactor %s, "
                        + "riddersInitialStep %.1e, riddersSafety %s, entries per block %s, seed %d",
                relativeTolerance, trim(noiseFactor), riddersInitialStep, trim(riddersSafety),
                maxEntriesPerBlock == Integer.MAX_VALUE ? "all" : "at most " + maxEntriesPerBlock, seed);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Validates each setting as it is given; {@link #build()} cannot fail. */
    public static final class Builder {
        private double relativeTolerance = 1e-6;
        private double noiseFactor = 64;
        private double riddersInitialStep = 1e-4;
        private double riddersSafety = 10;
        private int maxEntriesPerBlock = Integer.MAX_VALUE;
        private long seed = 0;
        private int worstEntriesShown = 8;

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

        public Builder riddersInitialStep(double value) {
            requireInRange("riddersInitialStep", value, 1e-6, 1);
            this.riddersInitialStep = value;
            return this;
        }

        public Builder riddersSafety(double value) {
            requireInRange("riddersSafety", value, 1, 1e6);
            this.riddersSafety = value;
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
