package org.gradproof.check;

import java.util.List;

/**
 * How one block's analytic gradient a relates to its numerical gradient n, when some of its entries are wrong.
 *
 * @param block   the block
 * @param kind    the relation found
 * @param scale   for SCALED: the constant k in a = k · n (the fitted one, or a nicer candidate the entries cannot tell
 *                apart from it, see {@link #snapped}); otherwise the least-squares k, NaN if n is all zero
 * @param entries the block's checked entries, in flat order
 * @param wrong   the block's failing entries
 */
record BlockPattern(ParameterBlock block, Kind kind, double scale, List<EntryResult> entries, List<EntryResult> wrong) {

    enum Kind {
        /** Every failing entry has analytic 0, or indistinguishable from 0 (below its measurement error). */
        ZERO,
        /**
         * a = k · n on every entry, within each entry's tolerance, with k resolvably different from 1 (a k within the
         * relative tolerance of 1 is no scale error: some entries are wrong in another way).
         */
        SCALED,
        /** Square block with a = nᵀ, within each entry's tolerance. */
        TRANSPOSED,
        /** None of the above. */
        OTHER
    }

    /** Classifies a block from all of its checked entries (in flat order, possibly a sample). */
    static BlockPattern of(ParameterBlock block, List<EntryResult> entries, double relativeTolerance) {
        List<EntryResult> wrong = entries.stream().filter(e -> e.verdict().fails()).toList();
        // weighted by 1/e² (BlockScale): a few imprecise entries must not pull k off the value the precise ones pin
        double weighted = BlockScale.of(entries, 0, 0).k();
        double k = Double.isFinite(weighted) ? weighted : fittedScale(entries);
        Kind kind;
        if (wrong.stream().allMatch(e -> Math.abs(e.analytic()) <= e.measurementError())) {
            kind = Kind.ZERO;
        } else if (Double.isFinite(k) && Math.abs(k - 1) > relativeTolerance
                && consistent(k, entries, relativeTolerance)) {
            kind = Kind.SCALED;
        } else if (isTransposed(block, entries, relativeTolerance)) {
            kind = Kind.TRANSPOSED;
        } else {
            kind = Kind.OTHER;
        }
        return new BlockPattern(block, kind, k, entries, wrong);
    }

    /**
     * A block none of whose entries fails on its own, but whose entries together exclude k = 1 ({@link BlockScale}):
     * scaled by k as a whole, with no wrong entry to list.
     */
    static BlockPattern scaledAsAWhole(ParameterBlock block, List<EntryResult> entries, double k) {
        return new BlockPattern(block, Kind.SCALED, k, entries, List.of());
    }

    /**
     * This pattern with its scale replaced by the candidate nearest the fitted k (relatively) among those the entries
     * cannot tell apart from it (a = c · n on every entry, within tolerance), if there is one: a fitted −1.000002 on
     * entries good to 1e-5 is a sign flip. Nearest, not first: barely resolvable entries may be consistent with both
     * −½ and −1, and a fitted −0.49998 is then −½.
     */
    BlockPattern snapped(List<Double> candidates, double relativeTolerance) {
        Double best = null;
        for (double c : candidates) {
            if (consistent(c, entries, relativeTolerance)
                    && (best == null || Math.abs(scale - c) / Math.abs(c) < Math.abs(scale - best) / Math.abs(best))) {
                best = c;
            }
        }
        return best == null ? this : new BlockPattern(block, kind, best, entries, wrong);
    }

    /** Whether a = k · n on every entry, within each entry's tolerance. */
    static boolean consistent(double k, List<EntryResult> entries, double relativeTolerance) {
        return entries.stream().allMatch(e -> agrees(e.analytic(), k * e.numeric(),
                Math.abs(k) * e.measurementError(), relativeTolerance));
    }

    /** Σ a·n / Σ n²: the least-squares k in a ≈ k · n. */
    static double fittedScale(List<EntryResult> entries) {
        return Agreement.of(entries).fittedScale();
    }

    private static boolean agrees(double a, double b, double measurementError, double relativeTolerance) {
        return Math.abs(a - b) <= measurementError + relativeTolerance * Math.max(Math.abs(a), Math.abs(b));
    }

    private static boolean isTransposed(ParameterBlock block, List<EntryResult> entries, double relativeTolerance) {
        int[] shape = block.shape();
        if (shape.length != 2 || shape[0] != shape[1] || shape[0] < 2 || entries.size() != block.size()) {
            return false;
        }
        int r = shape[0];
        for (EntryResult e : entries) {
            int i = e.index() / r;
            int j = e.index() % r;
            EntryResult mirror = entries.get(j * r + i);
            if (!agrees(e.analytic(), mirror.numeric(), mirror.measurementError(), relativeTolerance)) {
                return false;
            }
        }
        return true;
    }
}
