package org.gradproof.check;

import java.util.List;

/**
 * A block's common scale: how well its entries pin down a factor k in a = k · n shared by the whole block, the
 * pattern of a lost 1/m or a doubled loss. Each entry's numerical value n carries an error bar e = t + ν, of which t
 * (truncation, kinks in the window) may err the same way in every entry and ν (the loss's noise) varies from one entry
 * to the next, so the weighted least-squares fit (weights r² with r = |n|/e) and a bound of its error are
 * <pre>
 *   k = Σ (a/n)·r² / Σ r²        |k − k_true| ≤ |k_true| · u,
 *   u = ( Σ r·t/e  +  √( Σ_groups (Σ r·ν/e)² ) ) / Σ r²
 * </pre>
 * The systematic parts add up in the worst case; the noise parts, each a bound of its own, are independent and add in
 * quadrature — except within a group of entries whose numerical values are bit for bit the same (an input column
 * repeated, a bias beside a weight on a constant input), whose noise is one and the same and adds up in full. With no
 * noise this is the worst case Σ r / Σ r²; a block of n like entries whose bars are all noise pins its scale √n
 * times more tightly than any one of them (32 float32 entries measured to ±2 % each: ±0.35 %, not ±2 %).
 * A correct block therefore has |k − 1| ≤ u; one with |k − 1| &gt; u is wrong even when
 * every entry agrees within its own bar, and a block with u above half the scale resolution cannot exclude a scale
 * error of that size. Only resolved measurements take part (failed entries, and passed ones that agree with their
 * claim): not kinks, not unresolved entries (whose measurements disagree among themselves), not non-finite ones; a
 * block whose entries are all negligible (below the resolution's size) has no scale to pin down.
 *
 * <p>A block whose largest claim is negligible next to the largest claim of the whole gradient (below
 * negligibleGradient times it: a layer below a saturated unit, with gradients 1e-10 of the output layer's) need not
 * have its scale pinned: a scale error there does not matter to training, and a detectable one is still reported.
 * Nothing else is exempt: a block too small for the loss's precision to pin its scale to the resolution (a saturated
 * network's output layer, 1e-8 next to a loss of 88) leaves the check inconclusive, since a 1 % error there would
 * pass unseen.
 *
 * @param k                 the fitted scale (NaN if there is none)
 * @param uncertainty       u (infinite if nothing constrains k)
 * @param negligible        whether every entry is negligible
 * <p>When the entries' bars leave k loose, the block's derivative along its own claimed gradient pins it instead
 * ({@link #alongGradient}, measured by {@link ScaleAlongGradient}).
 *
 * @param k                 the fitted scale (NaN if there is none)
 * @param uncertainty       u (infinite if nothing constrains k)
 * @param negligible        whether every entry is negligible
 * @param exempt            whether the block need not have its scale pinned: minor next to the whole gradient
 * @param along             the block's derivative along its claimed gradient, if k comes from it; otherwise null
 */
record BlockScale(double k, double uncertainty, boolean negligible, boolean exempt, EntryResult along) {

    /** A block with no entry that could pin a scale (all at kinks, or none checked): nothing to resolve. */
    private static final BlockScale NONE = new BlockScale(Double.NaN, 0, true, false, null);

    /**
     * @param negligibleSize the size below which the block's entries are negligible
     * @param minorSize      the size below which the block as a whole is minor next to the largest block
     */
    static BlockScale of(List<EntryResult> entries, double negligibleSize, double minorSize) {
        if (entries.stream().noneMatch(BlockScale::usable)) {
            return NONE;
        }
        double size = 0;
        for (EntryResult e : entries) {
            size = Math.max(size, Math.max(Math.abs(e.analytic()), Math.abs(e.numeric()) - e.measurementError()));
        }
        boolean negligible = size <= negligibleSize;
        boolean exempt = size <= minorSize;
        // In terms of r = |n| / e: k = Σ (a/n)·r² / Σ r² and u = Σ r / Σ r², computed with r divided by its largest
        // value R so that nothing overflows. An exact entry (e = 0, n ≠ 0) pins k by itself.
        double largest = 0;
        for (EntryResult e : entries) {
            if (usable(e) && e.numeric() != 0) {
                largest = Math.max(largest, Math.abs(e.numeric()) / e.measurementError());
            }
        }
        if (largest == 0) {
            return new BlockScale(Double.NaN, Double.POSITIVE_INFINITY, negligible, exempt, null);
        }
        double systematic = 0;
        double sumR2 = 0;
        double sumK = 0;
        long[] values = new long[entries.size()];
        double[] noiseShares = new double[entries.size()];
        int used = 0;
        for (EntryResult e : entries) {
            if (!usable(e) || e.numeric() == 0) {
                continue;
            }
            double r = Math.abs(e.numeric()) / e.measurementError();
            double w = Double.isInfinite(largest) ? (Double.isInfinite(r) ? 1 : 0) : r / largest;
            double noiseShare = Double.isInfinite(r) ? 0 : e.measurementNoise() / e.measurementError();
            systematic += w * (1 - noiseShare);
            values[used] = Double.doubleToLongBits(e.numeric());
            noiseShares[used] = w * noiseShare;
            used++;
            sumR2 += w * w;
            sumK += e.analytic() / e.numeric() * w * w;
        }
        double noise = sumOfSquaresByValue(values, noiseShares, used);
        double uncertainty = Double.isInfinite(largest) ? 0 : (systematic + Math.sqrt(noise)) / sumR2 / largest;
        return new BlockScale(sumK / sumR2, uncertainty, negligible, exempt, null);
    }

    /**
     * Σ over groups of equal values of (Σ of the group's shares)²: entries that measured the very same number (a stair
     * of a quantised loss read by several entries) share their noise, which adds linearly within a group and in
     * quadrature between groups. Primitive arrays and one sort: a block of 786,432 entries once spent most of its
     * scale fit boxing them into a hash map.
     */
    static double sumOfSquaresByValue(long[] values, double[] shares, int n) {
        long[] sorted = java.util.Arrays.copyOf(values, n);
        java.util.Arrays.sort(sorted);
        long[] repeated = new long[n / 2 + 1];
        int groups = 0;
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1] && (groups == 0 || repeated[groups - 1] != sorted[i])) {
                repeated[groups++] = sorted[i];
            }
        }
        double total = 0;
        double[] groupSums = new double[groups];
        for (int i = 0; i < n; i++) {
            int g = groups == 0 ? -1 : java.util.Arrays.binarySearch(repeated, 0, groups, values[i]);
            if (g >= 0) {
                groupSums[g] += shares[i];
            } else {
                total += shares[i] * shares[i];
            }
        }
        for (double group : groupSums) {
            total += group * group;
        }
        return total;
    }

    /**
     * Whether a common scale error of {@code scaleResolution} is excluded, or need not be: the block is negligible or
     * minor next to the whole gradient (see the class comment). The relative tolerance counts against it too: k is
     * only ever compared with 1 to within u + relativeTolerance ({@link #excludesOne}), so a tolerance raised for a
     * loss computed through cancellation can leave a 1 % error unseen however small u is.
     */
    boolean resolves(double scaleResolution, double relativeTolerance) {
        return negligible || exempt || uncertainty + relativeTolerance <= scaleResolution / 2;
    }

    /**
     * The scale from the block's derivative along its claimed gradient a_S (S the entries that take part here): the
     * claim a_S · u = |a_S| for u = a_S / |a_S|, measured as n ± e. If a = k · g on S, then g · u = |a_S| / k, so
     * <pre>
     *   k = |a_S| / n,    |k − k_true| ≤ |k_true| · e / |n|
     * </pre>
     */
    BlockScale alongGradient(EntryResult measured) {
        return new BlockScale(measured.analytic() / measured.numeric(),
                measured.measurementError() / Math.abs(measured.numeric()), negligible, exempt, measured);
    }

    /**
     * The scale a random direction u pins ({@link DirectionalScreen}): if a = k · g, the claim a · u measured as
     * g · u = n ± e gives k = a·u / n to within e / |n|. Negligible and exempt as {@link #of} would find the block from
     * its claims: every claim below the block's negligible size, or the largest below {@code minorSize}.
     */
    static BlockScale alongDirection(EntryResult measured, double[] claims, Resolution resolution, double minorSize) {
        double size = 0;
        for (double a : claims) {
            size = Math.max(size, Math.abs(a));
        }
        boolean negligible = size <= resolution.negligible();
        if (measured.numeric() == 0) {
            return new BlockScale(Double.NaN, negligible ? 0 : Double.POSITIVE_INFINITY, negligible,
                    size <= minorSize, measured);
        }
        return new BlockScale(measured.analytic() / measured.numeric(),
                measured.measurementError() / Math.abs(measured.numeric()), negligible, size <= minorSize, measured);
    }

    /** The same scale, known only to within {@code u}. */
    BlockScale withUncertainty(double u) {
        return new BlockScale(k, u, negligible, exempt, along);
    }

    /** Whether k = 1 is excluded: the block is scaled, though its entries may each agree within their bars. */
    boolean excludesOne(double relativeTolerance) {
        if (along != null) {
            return along.verdict().fails(); // judged with every rule of an entry's conviction
        }
        return !negligible && Double.isFinite(k) && Math.abs(k - 1) > uncertainty * Math.max(1, Math.abs(k))
                + relativeTolerance;
    }

    /**
     * A measurement that was judged: failed, or passed in agreement with its claim. A pass as negligible whose
     * measurement disagrees with the claim beyond its bar was never put to the tests a conviction must survive (noise
     * beyond the small steps, kinks hidden at the parameters' scale), so it must not convict the block either.
     */
    static boolean usable(EntryResult e) {
        boolean judged = e.verdict() == EntryVerdict.MISMATCH
                || e.verdict() == EntryVerdict.PASSED && Math.abs(e.analytic() - e.numeric()) <= e.tolerance();
        return judged && Double.isFinite(e.numeric()) && Double.isFinite(e.measurementError())
                && Double.isFinite(e.analytic());
    }
}
