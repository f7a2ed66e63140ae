package org.gradproof.properties.contract;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The seed and the number of cases of one contract run, and where each came from.
 *
 * <p>A gate must give the same verdict for the same commit, so the seed is fixed by default: {@link #DEFAULT_SEED}, the
 * same on every run and every machine. Exploring (a new seed on every run, to look at new cases) is asked for
 * explicitly, with the kit's {@code explore()} or {@code -Dgradproof.explore=true}; {@code -DQT_SEED=…} replays a
 * given seed and overrides both. The number of cases is the kit's {@code examples(n)}, else {@code -DQT_EXAMPLES},
 * else the kit's default.
 *
 * @param seed        the QuickTheories seed of the run
 * @param seedSource  where the seed came from, as the run prints it
 * @param examples    how many cases are generated and checked (shrinking comes on top)
 */
record RunPlan(long seed, String seedSource, int examples) {

    /**
     * The seed when nothing else is asked for: the first 64 bits of the fraction of √2 (as in SHA-512's first
     * constant), a number with no meaning of its own whose bits are well mixed for QuickTheories' xorshift generator.
     */
    static final long DEFAULT_SEED = 0x6A09E667F3BCC908L;
    /** The system property that turns exploration on: {@code -Dgradproof.explore=true}. */
    static final String EXPLORE_PROPERTY = "gradproof.explore";

    /**
     * The plan for a run: {@code -DQT_SEED} if given, else a new seed if {@code explore} or {@code -Dgradproof.explore},
     * else {@link #DEFAULT_SEED}; {@code examples} if positive, else {@code -DQT_EXAMPLES}, else
     * {@code defaultExamples}.
     *
     * @throws IllegalArgumentException naming the property if {@code QT_SEED} or {@code QT_EXAMPLES} is not a number
     */
    static RunPlan resolve(boolean explore, int examples, int defaultExamples) {
        String qtSeed = System.getProperty("QT_SEED");
        long seed;
        String source;
        if (qtSeed != null) {
            seed = parse("QT_SEED", qtSeed);
            source = "from -DQT_SEED";
        } else if (explore || Boolean.getBoolean(EXPLORE_PROPERTY)) {
            seed = ThreadLocalRandom.current().nextLong();
            source = "new on this run (exploring" + (explore ? "" : ": -D" + EXPLORE_PROPERTY + "=true")
                    + "); replay it with -DQT_SEED=" + seed;
        } else {
            seed = DEFAULT_SEED;
            source = "the fixed default; explore new cases with -D" + EXPLORE_PROPERTY + "=true or explore()";
        }
        return new RunPlan(seed, source, examples > 0 ? examples : examplesFromProperty(defaultExamples));
    }

    private static int examplesFromProperty(int defaultExamples) {
        String property = System.getProperty("QT_EXAMPLES");
        if (property == null) {
            return defaultExamples;
        }
        long n = parse("QT_EXAMPLES", property);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("-DQT_EXAMPLES: need a count of at least 1, got " + property);
        }
        return (int) n;
    }

    private static long parse(String property, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + property + ": expected a whole number, got '" + value + "'");
        }
    }
}
