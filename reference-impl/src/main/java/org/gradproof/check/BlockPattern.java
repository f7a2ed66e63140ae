package org.gradproof.check;

import java.util.List;

/**
 * How one block's analytic gradient a relates to its numerical gradient n, when some of its entries are wrong.
 *
 * @param block      the block
 * @param kind       the relation found
 * @param scale      least-squares k in a ≈ k · n over the block (NaN if n is all zero)
 * @param wrong      the block's failing entries
 */
record BlockPattern(ParameterBlock block, Kind kind, double scale, List<EntryResult> wrong) {

    enum Kind {
        /** Every failing entry has analytic exactly 0. */
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
        double k = fittedScale(entries);
        Kind kind;
        if (wrong.stream().allMatch(e -> e.analytic() == 0.0)) {
            kind = Kind.ZERO;
        } else if (Double.isFinite(k) && Math.abs(k - 1) > relativeTolerance && entries.stream().allMatch(e -> agrees(e.analytic(), k * e.numeric(),
                Math.abs(k) * e.measurementError(), relativeTolerance))) {
            kind = Kind.SCALED;
        } else if (isTransposed(block, entries, relativeTolerance)) {
            kind = Kind.TRANSPOSED;
        } else {
            kind = Kind.OTHER;
        }
        return new BlockPattern(block, kind, k, wrong);
    }

    /** Σ a·n / Σ n²: the least-squares k in a ≈ k · n. */
    static double fittedScale(List<EntryResult> entries) {
        double an = 0;
        double nn = 0;
        for (EntryResult e : entries) {
            an += e.analytic() * e.numeric();
            nn += e.numeric() * e.numeric();
        }
        return nn == 0 ? Double.NaN : an / nn;
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
