package org.gradproof.properties;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How many examples of a property actually exercised what it claims to test — planted a bug, reached a near-kink
 * entry — so that a property whose guard skips everything (an inflated error bar making every bug "unresolvable")
 * fails instead of passing having tested nothing.
 */
final class Exercised {

    private final String what;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger examples = new AtomicInteger();

    Exercised(String what) {
        this.what = what;
    }

    /** One example was drawn. */
    void example() {
        examples.incrementAndGet();
    }

    /** One example exercised the property. */
    void hit() {
        count.incrementAndGet();
    }

    int count() {
        return count.get();
    }

    /** At most {@code share} of the examples drawn hit (for a rate that must stay low, such as inconclusive checks). */
    void requireAtMost(double share) {
        int n = examples.get();
        assertTrue(count.get() <= Math.max(1, share * n), what + ": " + count.get() + " of " + n + " examples (at most "
                + share * 100 + " % allowed)");
    }

    /** At least {@code share} of the examples drawn exercised the property. */
    void requireAtLeast(double share) {
        int n = examples.get();
        assertTrue(count.get() >= share * n, what + ": only " + count.get() + " of " + n + " examples exercised it "
                + "(need " + share * 100 + " %)");
    }
}
