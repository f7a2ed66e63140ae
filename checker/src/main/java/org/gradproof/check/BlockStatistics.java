package org.gradproof.check;

/**
 * Per-block summary of a check.
 *
 * @param name             the block's name
 * @param shape            its shape as text, e.g. {@code 3x2}
 * @param checked          entries checked (all, unless sampling was asked for)
 * @param mismatched       entries that fail (mismatch or non-finite)
 * @param kinks            entries at a non-differentiable point (warnings)
 * @param unresolved       entries the numbers cannot decide
 * @param maxRelativeError the largest |a − n| / max(|a|, |n|) over entries resolvable at that level (0 if none)
 * @param fittedScale      least-squares k in a ≈ k · n over the block's entries (NaN if n is all zero)
 * @param scaleUncertainty how well the entries pin down a common scale: a factor k ≠ 1 on the whole block would show
 *                         if |k − 1| exceeded this (0 for a block whose entries are all negligible)
 * @param cosine           cosine of the angle between a and n (NaN if either is zero)
 * @param analyticNorm     ‖a‖₂ over the checked entries
 * @param numericNorm      ‖n‖₂ over the checked entries
 */
public record BlockStatistics(String name, String shape, int checked, int mismatched, int kinks, int unresolved,
                              double maxRelativeError, double fittedScale, double scaleUncertainty, double cosine,
                              double analyticNorm, double numericNorm) {

    /** Whether no entry of the block fails (it may still be unresolved). */
    public boolean passed() {
        return mismatched == 0;
    }
}
