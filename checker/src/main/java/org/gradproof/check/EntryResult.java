package org.gradproof.check;

/**
 * What the checker measured for one parameter entry.
 *
 * @param label            the entry's name, e.g. {@code dense1.W[2,0]}
 * @param block            index of its block in {@link BlockFunction#blocks()}
 * @param index            flat (row-major) index within the block
 * @param x                the parameter's value
 * @param analytic         the implementation's gradient entry a
 * @param numeric          the numerical derivative n (the screening central difference, or the best extrapolated
 *                         estimate if the entry was re-measured; at a kink, the nearest point of [left, right])
 * @param measurementError the absolute error bar of n, measured: noise, truncation, kinks in the window
 * @param tolerance        how far apart a and n may be: measurementError + relativeTolerance · max(|a|, |n|)
 * @param refined          whether the entry was re-measured (the screening could not decide it)
 * @param verdict          the entry's verdict
 * @param leftSlope        the one-sided derivative from the left, if the kink test ran; otherwise NaN
 * @param rightSlope       the one-sided derivative from the right, if the kink test ran; otherwise NaN
 * @param note             why the entry is unresolved, or what the kink's one-sided derivatives were; "" if nothing
 * @param measurementNoise the part of measurementError that is the loss's noise (rounding, a quantised value), which
 *                         is independent from entry to entry, as truncation and kinks need not be; between 0 and
 *                         measurementError, 0 when not known
 */
public record EntryResult(String label, int block, int index, double x, double analytic, double numeric,
                          double measurementError, double tolerance, boolean refined, EntryVerdict verdict,
                          double leftSlope, double rightSlope, String note, double measurementNoise) {

    public EntryResult {
        java.util.Objects.requireNonNull(note, "note");
        if (!(measurementNoise >= 0 && measurementNoise <= measurementError) && !Double.isNaN(measurementError)) {
            throw new IllegalArgumentException("measurementNoise: must lie within [0, measurementError = "
                    + measurementError + "], got " + measurementNoise);
        }
    }

    /** |a − n|. */
    public double error() {
        return Math.abs(analytic - numeric);
    }

    /** |a − n| / max(|a|, |n|), or 0 when both are 0. */
    public double relativeError() {
        double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
        return scale == 0 ? 0 : error() / scale;
    }

    /** |a − n| / tolerance: above 1 means the entry is wrong. */
    public double errorRatio() {
        return tolerance > 0 ? error() / tolerance : (error() == 0 ? 0 : Double.POSITIVE_INFINITY);
    }

    /** Whether a relative error of {@code relative} in this entry would exceed its measurement error. */
    public boolean resolvableTo(double relative) {
        return relative * Math.max(Math.abs(analytic), Math.abs(numeric)) > measurementError;
    }
}
