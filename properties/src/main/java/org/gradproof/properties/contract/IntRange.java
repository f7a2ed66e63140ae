package org.gradproof.properties.contract;

import org.quicktheories.core.Gen;

import static org.quicktheories.generators.SourceDSL.integers;

/**
 * A kit's range setting, min to max inclusive, validated as it is given.
 *
 * @param min the least value generated
 * @param max the most, ≥ min
 */
record IntRange(int min, int max) {

    /**
     * The range, if lowest ≤ min ≤ max ≤ highest; else an {@link IllegalArgumentException} naming the setting, e.g.
     * {@code layers: need 1 ≤ min ≤ max ≤ 3, got min 0, max 2}.
     */
    static IntRange of(String setting, int min, int max, int lowest, int highest) {
        SettingChecks.requireRange(setting, min, max, lowest, highest);
        return new IntRange(min, max);
    }

    /** The values, shrinking towards min. */
    Gen<Integer> values() {
        return integers().between(min, max);
    }

    /** As the settings print it, e.g. {@code 3–6}. */
    @Override
    public String toString() {
        return min + "–" + max;
    }
}
