package org.gradproof.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Names the wrong entries of a block whose derivative along a direction u disagrees with its claim, by group testing.
 * The discrepancy of an index set S, moved along u restricted to S,
 * <pre>
 *   D(S) = a_S · u_S − ∂f/∂u_S,        D(S₁ ∪ S₂) = D(S₁) + D(S₂)   (S₁, S₂ disjoint)
 * </pre>
 * is additive, because the derivative is linear in the direction: one central difference along the first half's
 * direction gives D(S₁), and D(S₂) = D(S) − D(S₁) comes free. Halves whose discrepancy stands above the threshold are
 * bisected again until single entries remain — one wrong entry among n costs 2·⌈log₂ n⌉ evaluations, plus 2 for the
 * threshold. Each named entry is then judged on its own with every rule of the exhaustive check, so a half chased by
 * noise costs evaluations, never a wrong verdict.
 *
 * <p>The threshold is what one central difference at the step h can tell: 4 times the difference between the central
 * difference along the whole direction and its confirmed derivative, plus 4 noise bounds over h. A discrepancy spread
 * over the whole block (a scale, a transposition) is not chased entry by entry: once more than {@value #MAX_NAMED}
 * sets are open, the search gives up and the block is judged entry by entry. A wrong entry whose share falls below
 * the threshold is caught afterwards: the named entries must account for the whole discrepancy
 * ({@link DirectionalScreen.Plan#explainedBy}), or the block is judged entry by entry.
 */
final class Localisation {

    /** The most entries a search names before the block is better judged entry by entry. */
    static final int MAX_NAMED = 32;

    private Localisation() {
    }

    /**
     * The entries (indices into the block, increasing) that carry the discrepancy, or null when it is spread over more
     * than {@value #MAX_NAMED} of them.
     *
     * @param probe    evaluates f with the block's entries moved
     * @param b        the block
     * @param analytic the block's claimed gradient
     * @param u        the direction (one weight per entry of the block)
     * @param along    the confirmed measurement along u (a mismatch)
     * @param noise    a bound on the noise of one evaluation of f
     */
    static int[] wrongEntries(Probe probe, int b, double[] analytic, double[] u, EntryResult along, double noise) {
        int n = u.length;
        double h = EntryJudge.step(0);
        double central = centralDifference(probe, b, u, 0, n, h);
        double threshold = 4 * Math.abs(central - along.numeric()) + 4 * noise / h;
        Deque<double[]> open = new ArrayDeque<>(); // {from, to, D}
        open.add(new double[] {0, n, claim(analytic, u, 0, n) - central});
        List<Integer> named = new ArrayList<>();
        while (!open.isEmpty()) {
            double[] set = open.poll();
            int from = (int) set[0];
            int to = (int) set[1];
            if (to - from == 1) {
                named.add(from);
            } else {
                int middle = (from + to) >>> 1;
                double first = claim(analytic, u, from, middle) - centralDifference(probe, b, u, from, middle, h);
                double second = set[2] - first;
                if (Math.abs(first) > threshold) {
                    open.add(new double[] {from, middle, first});
                }
                if (Math.abs(second) > threshold) {
                    open.add(new double[] {middle, to, second});
                }
            }
            if (named.size() + open.size() > MAX_NAMED) {
                return null;
            }
        }
        return named.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** a_S · u_S over the entries [from, to). */
    private static double claim(double[] analytic, double[] u, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += analytic[i] * u[i];
        }
        return sum;
    }

    /** (f(θ + h·u_S) − f(θ − h·u_S)) / 2h for S = [from, to). */
    private static double centralDifference(Probe probe, int b, double[] u, int from, int to, double h) {
        int[] support = new int[to - from];
        double[] direction = new double[to - from];
        for (int i = from; i < to; i++) {
            support[i - from] = i;
            direction[i - from] = u[i];
        }
        String name = "a part of the direction that disagreed";
        return (probe.valueAlong(b, support, direction, name, h) - probe.valueAlong(b, support, direction, name, -h))
                / (2 * h);
    }
}
