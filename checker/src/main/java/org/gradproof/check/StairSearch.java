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
 * candidate, those that could hide the most slope first, and is bisected towards the half that stands out more from
 * its own neighbours: a kink's excess shrinks with the interval (the slopes differ, the values do not), a jump's
 * stays, and the loss's curvature cancels out of every excess. A candidate whose change, down to an interval 2⁻³⁰ of
 * the grid's spacing, still stands out from its neighbours by at least a quarter of its first excess is a jump.
 */
final class StairSearch {

    /** Grid points on each side of x. */
    static final int POINTS_PER_SIDE = 24;
    /** Each grid of {@link #steepestWithin} reaches this many times as far as the one before. */
    static final double REACH_GROWTH = 16;
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

    /**
     * The heights a jump must have to count as a stair.
     *
     * @param floor     the least height anywhere (the loss's rounding at x, its noise)
     * @param roundings the least height relative to the larger |f| at the jump's ends: the rounding is taken where the
     *                  jump is, since a loss near 0 at x may be large, and rounded coarsely, a reach away
     * @param most      the greatest height: a taller jump is a discontinuity of the loss as written, not rounding
     */
    record Heights(double floor, double roundings, double most) {
        double least(double fa, double fb) {
            return Math.max(floor, roundings * Math.max(Math.abs(fa), Math.abs(fb)));
        }
    }

    private StairSearch() {
    }

    /** f at x + offset, f0 itself at x (never evaluated again there). */
    private static double valueAt(FiniteDifferences fd, double f0, double offset) {
        return offset == 0 ? f0 : fd.valueAt(offset);
    }

    /**
     * Of the jumps within {@code reach} of x of a height that {@code heights} counts, the one that could hide the
     * most slope (the largest J / D), or null if there is none.
     *
     * @param f0    the loss at x
     * @param inner intervals within ±inner are left out (a finer grid has searched them)
     * @param worth a candidate is bisected only if its excess over its distance from x is at least this: a jump keeps
     *              about its excess, and cannot come nearer x than its interval
     */
    static Stair steepest(FiniteDifferences fd, double f0, double reach, double inner, Heights heights, double worth) {
        int n = POINTS_PER_SIDE;
        double spacing = reach / n;
        double[] offsets = new double[2 * n + 1];
        double[] values = new double[2 * n + 1];
        for (int i = -n; i <= n; i++) {
            offsets[i + n] = ((fd.x() + i * spacing) - fd.x());
            values[i + n] = valueAt(fd, f0, i * spacing);
        }
        // interval i runs from offsets[i] to offsets[i + 1]; a candidate could hide |excess| / distance
        java.util.List<double[]> candidates = new java.util.ArrayList<>();
        for (int i = 1; i < 2 * n - 1; i++) {
            double excess = Math.abs(excess(offsets, values, i));
            double distance = Math.min(Math.abs(offsets[i]), Math.abs(offsets[i + 1]));
            boolean searched = Math.max(Math.abs(offsets[i]), Math.abs(offsets[i + 1])) <= inner;
            if (!searched && excess > heights.least(values[i], values[i + 1]) && excess / distance >= worth) {
                candidates.add(new double[] {i, excess, excess / distance});
            }
        }
        candidates.sort(java.util.Comparator.comparingDouble((double[] c) -> c[2]).reversed());
        Stair steepest = null;
        for (double[] c : candidates.subList(0, Math.min(CANDIDATES, candidates.size()))) {
            Stair stair = bisect(fd, f0, offsets, values, (int) c[0], c[1], heights);
            if (stair != null && (steepest == null || stair.hiddenSlope() > steepest.hiddenSlope())) {
                steepest = stair;
            }
        }
        return steepest;
    }

    /**
     * {@link #steepest} over grids of growing reach, from {@code nearest} by factors of {@value #REACH_GROWTH} out to
     * {@code widest} (always searched last unless a nearer grid already found enough): one even grid sees stairs
     * spaced a few of its own points apart, so stairs a few steps h apart and stairs a tenth apart need grids of their
     * own. Each grid leaves out what the finer one searched, and bisects only candidates that could hide
     * {@code enough}. Stops at the first stair that could hide {@code enough} slope; otherwise the steepest found, or
     * null.
     */
    static Stair steepestWithin(FiniteDifferences fd, double f0, double nearest, double widest, Heights heights,
                                double enough) {
        Stair steepest = null;
        double inner = 0;
        double reach = Math.min(nearest, widest);
        while (true) {
            Stair stair = steepest(fd, f0, reach, inner, heights, KEPT * enough);
            if (stair != null && (steepest == null || stair.hiddenSlope() > steepest.hiddenSlope())) {
                steepest = stair;
            }
            if (reach >= widest || steepest != null && steepest.hiddenSlope() >= enough) {
                return steepest;
            }
            inner = reach;
            reach = Math.min(REACH_GROWTH * reach, widest);
        }
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

    /**
     * Closes in on a candidate, halving it towards the half whose change stands out more from its own neighbours of
     * its width (the half beyond it included). Measured so, a quadratic stretch stands out of neither half, however
     * the slope turns, and a jump stands out of its half by J and of the other by J / 2 at every width; a kink's
     * excess shrinks with the width.
     */
    private static Stair bisect(FiniteDifferences fd, double f0, double[] offsets, double[] values, int i, double first,
                                Heights heights) {
        double a = offsets[i];
        double b = offsets[i + 1];
        double fa = values[i];
        double fb = values[i + 1];
        for (int k = 0; k < BISECTIONS; k++) {
            double mid = (a + b) / 2;
            if (mid == a || mid == b) {
                break;
            }
            double[] points = {a - (mid - a), a, mid, b, b + (b - mid)};
            double[] around = {valueAt(fd, f0, points[0]), fa, valueAt(fd, f0, mid), fb, valueAt(fd, f0, points[4])};
            double left = Math.abs(excess(points, around, 1));
            double right = Math.abs(excess(points, around, 2));
            if (!(left >= right) && !(right > left)) {
                return null;   // a value that is not finite
            }
            if (left >= right) {
                b = mid;
                fb = around[2];
            } else {
                a = mid;
                fa = around[2];
            }
        }
        double width = b - a;
        double[] points = {a - width, a, b, b + width};
        double height = Math.abs(excess(points, new double[] {valueAt(fd, f0, a - width), fa, fb,
                valueAt(fd, f0, b + width)}, 1));
        if (height > heights.least(fa, fb) && height <= heights.most() && height >= KEPT * first) {
            return new Stair(Math.min(Math.abs(a), Math.abs(b)), height);
        }
        return null;
    }
}
