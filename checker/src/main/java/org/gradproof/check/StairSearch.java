package org.gradproof.check;

/**
 * The jumps of the loss along one entry, out to a reach far beyond the step ladder: where a loss computed in float
 * has stairs. A saturated term rounded in float (log(1 − p) of a float p near 1) moves the loss only in jumps, and in
 * between the loss has the slope of the other terms alone; a stair of height J at distance D from x means x lies in a
 * gap of at least D between that term's stairs, over which its own slope, about J / gap, is invisible to every step
 * that stays inside the gap:
 * <pre>
 *   hidden slope ≲ max over the stairs seen of J / D
 * </pre>
 * (each term makes stairs of its own height, and the nearest of them bounds its slope; a small stair close by says
 * nothing about a tall one farther out). The loss is read on an even grid of {@value #POINTS_PER_SIDE} points a
 * side; an interval whose change stands out from the mean of its neighbours' by more than the threshold is a
 * candidate, those that could hide the most slope first, and is bisected towards its larger part: a kink's excess
 * shrinks with the interval (the slopes differ, the values do not), a jump's stays. A candidate whose excess keeps at
 * least a quarter of its first size down to an interval 2⁻³⁰ of the grid's spacing is a jump.
 */
final class StairSearch {

    /** Grid points on each side of x. */
    static final int POINTS_PER_SIDE = 24;
    /** Candidates bisected at most, those that could hide the most slope first. */
    private static final int CANDIDATES = 6;
    /** Bisections of a candidate: down to 2^-this of the grid's spacing. */
    private static final int BISECTIONS = 30;
    /** A jump keeps at least this share of its candidate's excess once bisected. */
    private static final double KEPT = 0.25;

    /**
     * A jump of the loss.
     *
     * @param distance how far from x its nearer end lies (the gap it bounds)
     * @param height   |the change of the loss across it, beyond the neighbouring slope|
     */
    record Stair(double distance, double height) {
        /** J / D: the slope stairs this far apart could hide from steps that stay between them. */
        double hiddenSlope() {
            return height / distance;
        }
    }

    private StairSearch() {
    }

    /**
     * Of the jumps within {@code reach} of x higher than {@code threshold}, the one that could hide the most slope
     * (the largest J / D), or null if there is none.
     *
     * @param f0 the loss at x
     */
    static Stair steepest(FiniteDifferences fd, double f0, double reach, double threshold) {
        int n = POINTS_PER_SIDE;
        double spacing = reach / n;
        double[] offsets = new double[2 * n + 1];
        double[] values = new double[2 * n + 1];
        for (int i = -n; i <= n; i++) {
            offsets[i + n] = ((fd.x() + i * spacing) - fd.x());
            values[i + n] = i == 0 ? f0 : fd.valueAt(i * spacing);
        }
        // interval i runs from offsets[i] to offsets[i + 1]; a candidate could hide |excess| / distance
        java.util.List<double[]> candidates = new java.util.ArrayList<>();
        for (int i = 1; i < 2 * n - 1; i++) {
            double excess = Math.abs(excess(offsets, values, i));
            if (excess > threshold) {
                double distance = Math.min(Math.abs(offsets[i]), Math.abs(offsets[i + 1]));
                candidates.add(new double[] {i, excess, excess / distance});
            }
        }
        candidates.sort(java.util.Comparator.comparingDouble((double[] c) -> c[2]).reversed());
        Stair steepest = null;
        for (double[] c : candidates.subList(0, Math.min(CANDIDATES, candidates.size()))) {
            Stair stair = bisect(fd, offsets, values, (int) c[0], c[1], threshold);
            if (stair != null && (steepest == null || stair.hiddenSlope() > steepest.hiddenSlope())) {
                steepest = stair;
            }
        }
        return steepest;
    }

    /** How much interval i's change exceeds the mean of its two neighbours' (NaN if a value is not finite). */
    private static double excess(double[] offsets, double[] values, int i) {
        return values[i + 1] - values[i] - slope(offsets, values, i) * (offsets[i + 1] - offsets[i]);
    }

    /** The neighbours' mean slope around interval i. */
    private static double slope(double[] offsets, double[] values, int i) {
        double before = (values[i] - values[i - 1]) / (offsets[i] - offsets[i - 1]);
        double after = (values[i + 2] - values[i + 1]) / (offsets[i + 2] - offsets[i + 1]);
        return (before + after) / 2;
    }

    private static Stair bisect(FiniteDifferences fd, double[] offsets, double[] values, int i, double first,
                                double threshold) {
        double m = slope(offsets, values, i);
        double a = offsets[i];
        double b = offsets[i + 1];
        double fa = values[i];
        double fb = values[i + 1];
        for (int k = 0; k < BISECTIONS; k++) {
            double mid = (a + b) / 2;
            if (mid == a || mid == b) {
                break;
            }
            double fm = fd.valueAt(mid);
            if (!Double.isFinite(fm)) {
                return null;
            }
            double left = Math.abs(fm - fa - m * (mid - a));
            double right = Math.abs(fb - fm - m * (b - mid));
            if (left >= right) {
                b = mid;
                fb = fm;
            } else {
                a = mid;
                fa = fm;
            }
        }
        double height = Math.abs(fb - fa - m * (b - a));
        if (height > threshold && height >= KEPT * first) {
            return new Stair(Math.min(Math.abs(a), Math.abs(b)), height);
        }
        return null;
    }
}
