package org.gradproof.check;

/**
 * Per-block summary of a check.
 *
 * @param name             the block's name
 * @param shape            its shape as text, e.g. {@code 3x2}
 * @param checked          entries checked (all, unless sampling was asked for)
 * @param mismatched       entries that fail (mismatch or non-finite)
 * @param kinks            entries at a non-differentiable point (warnings)
 * @param maxRelativeError the largest |a − n| / max(|a|, |n|) over entries resolvable at that level (0 if none)
 * @param fittedScale      least-squares k in a ≈ k · n over the block's entries (NaN if n is all zero)
 * @param cosine           cosine of the angle between a and n (NaN if either is zero)
 * @param analyticNorm     ‖a‖₂ over the checked entries
 * @param numericNorm      ‖n‖₂ over the checked entries
 */
public record BlockStatistics(String name, String shape, int checked, int mismatched, int kinks,
                              double maxRelativeError, double fittedScale, double cosine,
                              double analyticNorm, double numericNorm) {

    public boolean passed() {
        return mismatched == 0;
    }
}
