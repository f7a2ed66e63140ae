package org.gradproof.properties;

/**
 * How many examples a property runs: its share of QuickTheories' count — 1000, or {@code -DQT_EXAMPLES} — so that one
 * flag scales the whole suite both ways. A property whose every example is a full check of a float32 network or of a
 * planted LSTM bug runs a small share in {@code mvn verify}, and ten times as many under {@code -DQT_EXAMPLES=10000}.
 */
final class Examples {

    /** QuickTheories' own default count. */
    static final int DEFAULT = 1000;

    private Examples() {
    }

    /** round(share · (QT_EXAMPLES or 1000)), at least 1. */
    static int share(double share) {
        return (int) Math.max(1, Math.round(share * Integer.getInteger("QT_EXAMPLES", DEFAULT)));
    }
}
