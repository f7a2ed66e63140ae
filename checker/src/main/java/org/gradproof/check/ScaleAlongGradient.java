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
 */
final class ScaleAlongGradient {

    private ScaleAlongGradient() {
    }

    /**
     * The block's scale, measured along its claimed gradient when the entries' fit neither pins it nor excludes 1
     * (otherwise {@code scale} itself).
     */
    static BlockScale refine(BlockScale scale, EntryJudge judge, Probe probe, ParameterBlock block, int b,
                             List<EntryResult> entries, Resolution resolution, double scaleResolution,
                             double relativeTolerance) {
        if (scale.resolves(scaleResolution, relativeTolerance) || scale.excludesOne(relativeTolerance)) {
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
        EntryResult along = judge.judgeAlong(probe, FiniteDifferences.along(probe, b, indices, direction),
                block.name() + " along its claimed gradient", b, norm, ownSize);
        if (along.verdict() == EntryVerdict.MISMATCH) {
            return scale.alongGradient(along);
        }
        if (along.verdict() == EntryVerdict.PASSED && along.numeric() != 0) {
            BlockScale measured = scale.alongGradient(along);
            return measured.uncertainty() < scale.uncertainty() ? measured : scale;
        }
        return scale;
    }
}
