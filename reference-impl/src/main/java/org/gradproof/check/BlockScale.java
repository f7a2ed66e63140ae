package org.gradproof.check;

import java.util.List;

/**
 * A block's common scale: how well its entries pin down a factor k in a = k · n shared by the whole block, the
 * pattern of a lost 1/m or a doubled loss. Each entry's numerical value n carries an error bar e, so the weighted
 * least-squares fit (weights 1/e²) and the worst-case bound of its error are
 * <pre>
 *   k = Σ a·n/e² / Σ n²/e²         |k − k_true| ≤ |k_true| · u,   u = Σ |n|/e / Σ n²/e²
 * </pre>
 * (if every |n − n_true| ≤ e). A correct block therefore has |k − 1| ≤ u; one with |k − 1| &gt; u is wrong even when
 * every entry agrees within its own bar, and a block with u above half the scale resolution cannot exclude a scale
 * error of that size. Only resolved measurements take part (passed or failed entries): not kinks, not unresolved
 * entries (whose measurements disagree among themselves), not non-finite ones; a block whose entries are all
 * negligible (below the resolution's size) has no scale to pin down.
 *
 * @param k           the fitted scale (NaN if there is none)
 * @param uncertainty u (infinite if nothing constrains k)
 * @param negligible  whether every entry is negligible
 */
record BlockScale(double k, double uncertainty, boolean negligible) {

    /** A block with no entry that could pin a scale (all at kinks, or none checked): nothing to resolve. */
    private static final BlockScale NONE = new BlockScale(Double.NaN, 0, true);

    static BlockScale of(List<EntryResult> entries, double negligibleSize) {
        if (entries.stream().noneMatch(BlockScale::usable)) {
            return NONE;
        }
        boolean negligible = true;
        for (EntryResult e : entries) {
            negligible &= Math.max(Math.abs(e.analytic()), Math.abs(e.numeric())) <= negligibleSize;
        }
        // In terms of r = |n| / e: k = Σ (a/n)·r² / Σ r² and u = Σ r / Σ r², computed with r divided by its largest
        // value R so that nothing overflows. An exact entry (e = 0, n ≠ 0) pins k by itself.
        double largest = 0;
        for (EntryResult e : entries) {
            if (usable(e) && e.numeric() != 0) {
                largest = Math.max(largest, Math.abs(e.numeric()) / e.measurementError());
            }
        }
        if (largest == 0) {
            return new BlockScale(Double.NaN, Double.POSITIVE_INFINITY, negligible);
        }
        double sumR = 0;
        double sumR2 = 0;
        double sumK = 0;
        for (EntryResult e : entries) {
            if (!usable(e) || e.numeric() == 0) {
                continue;
            }
            double r = Math.abs(e.numeric()) / e.measurementError();
            double w = Double.isInfinite(largest) ? (Double.isInfinite(r) ? 1 : 0) : r / largest;
            sumR += w;
            sumR2 += w * w;
            sumK += e.analytic() / e.numeric() * w * w;
        }
        double uncertainty = Double.isInfinite(largest) ? 0 : sumR / sumR2 / largest;
        return new BlockScale(sumK / sumR2, uncertainty, negligible);
    }

    /** Whether a common scale error of {@code scaleResolution} is excluded (or the block is negligible). */
    boolean resolves(double scaleResolution) {
        return negligible || uncertainty <= scaleResolution / 2;
    }

    /** Whether k = 1 is excluded: the block is scaled, though its entries may each agree within their bars. */
    boolean excludesOne(double relativeTolerance) {
        return !negligible && Double.isFinite(k) && Math.abs(k - 1) > uncertainty * Math.max(1, Math.abs(k))
                + relativeTolerance;
    }

    private static boolean usable(EntryResult e) {
        return (e.verdict() == EntryVerdict.PASSED || e.verdict() == EntryVerdict.MISMATCH)
                && Double.isFinite(e.numeric()) && Double.isFinite(e.measurementError())
                && Double.isFinite(e.analytic());
    }
}
