package org.gradproof.check;

import java.util.List;

/**
 * Pins a block's common scale that its entries, each measured alone, leave loose. The entries S of the block that take
 * part in its scale fit ({@link BlockScale}) move together along their own claimed gradient, u = a_S / |a_S|:
 * <pre>
 *   φ(t) = f(θ + t · u),    φ'(0) = g · u,    claimed: a · u = |a_S|
 * </pre>
 * and the claim |a_S| is judged as an entry's is ({@link EntryJudge}: measured noise, kinks, stairs, wide steps and
 * fits). If a = k · g on S, the measurement n ± e gives k = |a_S| / n to within e / |n| ({@link
 * BlockScale#alongGradient}). The signal is the block's whole claimed gradient, not one entry's share of it, and one
 * measurement carries one truncation error where the entries' fit must add theirs up in the worst case: the first
 * bias of a float32 network with a loss of 179, five entries each known to 0.1–2.5 % through the loss's rounding,
 * pinned k to ±1.5 % alone and to ±0.11 % along its gradient.
 *
 * <p>A disagreement along the gradient is a conviction of the block (the claimed directional derivative is wrong,
 * whatever the entries' bars allowed); a measurement that does not resolve leaves the entries' scale as it was.
 *
 * <p>A block the entries' fit alone convicts as scaled — every entry agreeing within its own bar — is measured along
 * its gradient too, since that conviction rests on bars added up across entries: if the gradient's direction agrees
 * with the claim, the two measurements contradict each other, and the scale is known only to the span of both, not
 * convicted. (A float32 ReLU network whose first bias the entries put at k = 1.0068 ± 0.0067 — correct, and excluded
 * by 0.6 % of the bar: sweep seed 105, case 8339.) If the measurement along the gradient cannot decide, the conviction
 * is not confirmed either: adding bars as independent fails where the entries share one error (a softmax whose
 * p_y = 1 − 3e-15 rounds near 1 for every entry at once, and the wide windows that alone can see its slope bend with
 * the exponential: every entry of a block read 0.83 of the right claim, each within its bar, and the block was
 * convicted at k = 1.20 ± 0.07; ReferenceNetworkProperties at QT_EXAMPLES=10000, seed 1518087389122).
 */
final class ScaleAlongGradient {

    private ScaleAlongGradient() {
    }

    /**
     * The block's scale, measured along its claimed gradient when the entries' fit does not pin it or convicts it by
     * their bars alone (otherwise {@code scale} itself). The caller runs this only when no entry fails.
     */
    static BlockScale refine(BlockScale scale, EntryJudge judge, Probe probe, ParameterBlock block, int b,
                             List<EntryResult> entries, Resolution resolution, double scaleResolution,
                             double relativeTolerance) {
        boolean convictedByEntries = scale.excludesOne(relativeTolerance);
        if (scale.resolves(scaleResolution, relativeTolerance) && !convictedByEntries) {
            return scale;
        }
        List<EntryResult> support = entries.stream()
                .filter(e -> BlockScale.usable(e) && e.index() >= 0 && e.analytic() != 0).toList();
        if (support.isEmpty()) {
            return scale;
        }
        double largest = support.stream().mapToDouble(e -> Math.abs(e.analytic())).max().orElseThrow();
        double sumOfSquares = 0;
        for (EntryResult e : support) {
            double r = e.analytic() / largest;
            sumOfSquares += r * r;
        }
        double norm = largest * Math.sqrt(sumOfSquares);
        int[] indices = new int[support.size()];
        double[] direction = new double[support.size()];
        for (int j = 0; j < support.size(); j++) {
            indices[j] = support.get(j).index();
            direction[j] = support.get(j).analytic() / norm;
        }
        // measured to a share of the claim itself: the block's rounding floor, which lets a tiny entry pass as
        // negligible, would stop the measurement before it pins anything
        Resolution ownSize = new Resolution(norm, resolution.wholeGradientScale(), resolution.negligibleFraction());
        EntryResult along = judge.judgeAlong(probe, FiniteDifferences.along(probe, b, indices, direction, "its claimed gradient"),
                block.name() + " along its claimed gradient", b, norm, ownSize);
        if (along.verdict() == EntryVerdict.MISMATCH) {
            return scale.alongGradient(along);
        }
        if (along.verdict() == EntryVerdict.PASSED && along.numeric() != 0) {
            BlockScale measured = scale.alongGradient(along);
            if (convictedByEntries) {
                // two honest bounds that exclude each other: k lies somewhere in their span
                double span = Math.max(Math.abs(scale.k() - measured.k()) + scale.uncertainty(),
                        measured.uncertainty());
                return measured.withUncertainty(span);
            }
            return measured.uncertainty() < scale.uncertainty() ? measured : scale;
        }
        if (convictedByEntries) {
            // bars added up across entries assume their errors independent; one measurement along the gradient adds
            // none, and when it cannot decide, the conviction is unconfirmed: k is known only to as far as 1
            return scale.withUncertainty(Math.abs(scale.k() - 1) + scale.uncertainty());
        }
        return scale;
    }
}
