package org.gradproof.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The screen of a directional check ({@link GradientCheck#directional}): each block's claimed derivative along a few
 * random directions, judged with every rule an entry is judged by ({@link EntryJudge}: measured noise, kinks, stairs,
 * wide steps), decides which of its entries must still be judged one by one.
 * <pre>
 *   u = z / |z|,  z ~ N(0, I) over the block's n entries;     claim a · u,  measured ∂f/∂u = g · u ± e
 * </pre>
 * A wrong entry i (a_i = g_i + δ_i) moves the claim by δ_i·u_i, about δ_i·Z/√n with Z standard normal. The entry-by-
 * entry check must tell every claim from 0, −a_i and 2a_i: errors of at least B = max(¼ · the smallest
 * non-negligible |a_i|, negligibleGradient · G) ({@link Resolution}). A direction proves the block only when
 * <pre>
 *   e ≤ B / ({@value #SENSITIVITY} · √n)      and the claim agrees:
 * </pre>
 * then a wrong entry escapes one direction only if |Z| &lt; 1/(2·{@value #SENSITIVITY}) (probability 1.25 %), and all
 * {@value #DIRECTIONS} independent directions with probability about 2·10⁻⁶ — the same bound for several wrong entries,
 * whose errors then add up along u as one. A block proven this way needs none of its entries judged, and its common
 * scale is pinned by the direction too (k = a·u / g·u to within e / |g·u|).
 *
 * <p>Anything else sends entries to be judged one by one: a disagreement that the judge confirms names the wrong
 * entries by {@link Localisation} (those, and the {@value #CONTROLS} others with the largest claims so that the block's
 * pattern — a few wrong entries, not a scaled block — reads as the exhaustive check's would; the whole block when it is
 * not much larger than that); a measurement that cannot decide
 * (a kink crossed, noise too high, too imprecise to prove the block) judges the whole block, as does a block of at most
 * {@value #SMALL_BLOCK} entries, where directions save nothing.
 */
final class DirectionalScreen {

    /** Random directions per block. */
    static final int DIRECTIONS = 3;
    /** How far below an entry's resolution, per √n, a direction's error bar must lie to prove its block. */
    static final double SENSITIVITY = 32;
    /** Entries judged beside the named ones, so that the block's pattern shows what is right too. */
    static final int CONTROLS = 8;
    /** Blocks this small are judged entry by entry. */
    static final int SMALL_BLOCK = 2 * DIRECTIONS;

    /**
     * What the screen decided for one block.
     *
     * @param entries    the entries to judge one by one (increasing); empty when the block is proven
     * @param named      the entries a disagreement was localised to (a subset of {@code entries}), or null
     * @param directions the block's measurements along its random directions, in order
     * @param proof      the direction whose measurement pins the block's scale, when the block is proven; else null
     * @param u          the direction that disagreed, when entries were named; else null
     */
    record Plan(int[] entries, int[] named, List<EntryResult> directions, EntryResult proof, double[] u) {

        boolean proven() {
            return proof != null;
        }

        /**
         * Whether the entries judged account for the disagreement along u: D = a·u − ∂f/∂u against the failing
         * entries' share Σ (aᵢ − nᵢ)·uᵢ, to within the direction's tolerance and the entries' tolerances along u.
         * If not, a wrong entry the search did not reach remains, and the whole block must be judged.
         */
        boolean explainedBy(List<EntryResult> judged) {
            EntryResult disagreement = directions.get(directions.size() - 1);
            double residual = disagreement.analytic() - disagreement.numeric();
            double allowed = disagreement.tolerance();
            boolean anyWrong = false;
            for (EntryResult e : judged) {
                if (e.verdict().fails()) {
                    residual -= (e.analytic() - e.numeric()) * u[e.index()];
                    allowed += e.tolerance() * Math.abs(u[e.index()]);
                    anyWrong = true;
                }
            }
            return anyWrong && Math.abs(residual) <= allowed;
        }
    }

    private DirectionalScreen() {
    }

    /**
     * Screens block {@code b}.
     *
     * @param noise      a bound on the noise of one evaluation of f
     * @param exhaustive the entries the exhaustive check would judge (all, or a sample)
     */
    static Plan plan(EntryJudge judge, Probe probe, ParameterBlock block, int b, double[] analytic,
                     Resolution resolution, CheckOptions options, double noise, int[] exhaustive) {
        int n = analytic.length;
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        if (n <= SMALL_BLOCK || Arrays.stream(analytic).anyMatch(a -> !Double.isFinite(a))) {
            return new Plan(exhaustive, null, List.of(), null, null);
        }
        double bar = entryResolution(analytic, resolution) / (SENSITIVITY * Math.sqrt(n));
        Resolution alongResolution = Resolution.atMost(bar);
        SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + 31L * b + 7);
        List<EntryResult> measured = new ArrayList<>();
        EntryResult proof = null;
        for (int d = 0; d < DIRECTIONS; d++) {
            double[] u = randomDirection(random, n);
            double claim = 0;
            for (int i = 0; i < n; i++) {
                claim += analytic[i] * u[i];
            }
            String name = "random direction " + (d + 1);
            EntryResult along = judge.judgeAlong(probe, FiniteDifferences.along(probe, b, all, u, name),
                    block.name() + " along " + name, b, claim, alongResolution);
            measured.add(along);
            if (along.verdict() == EntryVerdict.MISMATCH) {
                int[] named = Localisation.wrongEntries(probe, b, analytic, u, along, noise);
                if (named == null || named.length == 0) {
                    return new Plan(exhaustive, null, measured, null, null);
                }
                if (n <= named.length + 4 * CONTROLS) {
                    return new Plan(exhaustive, named, measured, null, u);
                }
                return new Plan(withControls(named, analytic), named, measured, null, u);
            }
            boolean proves = along.verdict() == EntryVerdict.PASSED && along.measurementError() <= bar
                    && along.error() <= along.tolerance();
            if (!proves) {
                return new Plan(exhaustive, null, measured, null, null);
            }
            if (proof == null || scaleUncertainty(along) < scaleUncertainty(proof)) {
                proof = along;
            }
        }
        return new Plan(new int[0], null, measured, proof, null);
    }

    /**
     * B: the error an entry-by-entry check must tell apart from its claim, max(¼ · min |a_i|, negligibleGradient · G),
     * the minimum over the entries above the negligible size.
     */
    static double entryResolution(double[] analytic, Resolution resolution) {
        double floor = resolution.negligible();
        double smallest = Double.POSITIVE_INFINITY;
        for (double a : analytic) {
            if (Math.abs(a) > floor) {
                smallest = Math.min(smallest, Math.abs(a));
            }
        }
        return Math.max(floor, Double.isInfinite(smallest) ? 0 : Resolution.CLAIM_FRACTION * smallest);
    }

    private static double scaleUncertainty(EntryResult along) {
        return along.numeric() == 0 ? Double.POSITIVE_INFINITY
                : along.measurementError() / Math.abs(along.numeric());
    }

    /** z / |z| with z standard normal in every entry. */
    private static double[] randomDirection(SplittableRandom random, int n) {
        double[] u = new double[n];
        double sumOfSquares = 0;
        for (int i = 0; i < n; i++) {
            u[i] = random.nextGaussian();
            sumOfSquares += u[i] * u[i];
        }
        double norm = Math.sqrt(sumOfSquares);
        for (int i = 0; i < n; i++) {
            u[i] /= norm;
        }
        return u;
    }

    /**
     * The named entries and the {@value #CONTROLS} others with the largest claims, in increasing order: the entries
     * that weigh most in the block's pattern (a scale fitted to the wrong entries alone, beside claims of 0 at dead
     * units, would read as a scaled block).
     */
    private static int[] withControls(int[] named, double[] analytic) {
        java.util.Set<Integer> wrong = new java.util.HashSet<>();
        for (int i : named) {
            wrong.add(i);
        }
        java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>(wrong);
        java.util.stream.IntStream.range(0, analytic.length).filter(i -> !wrong.contains(i)).boxed()
                .sorted((i, j) -> Double.compare(Math.abs(analytic[j]), Math.abs(analytic[i])))
                .limit(CONTROLS).forEach(chosen::add);
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }
}
