package org.gradproof.properties.contract;

import java.util.Arrays;
import java.util.List;

/**
 * The validation both contract kits apply to a setting as it is given: each error starts with the setting's name and
 * says the allowed range and what came, e.g. {@code depths: need 1 ≤ min ≤ max ≤ 4, got min 0, max 2}.
 */
final class SettingChecks {

    private SettingChecks() {
    }

    /** lowest ≤ min ≤ max ≤ highest. */
    static void requireRange(String setting, int min, int max, int lowest, int highest) {
        if (min < lowest || max < min || max > highest) {
            throw new IllegalArgumentException(setting + ": need " + lowest + " ≤ min ≤ max ≤ " + highest + ", got min "
                    + min + ", max " + max);
        }
    }

    /** At least one value, none null; the values as an immutable list. */
    @SafeVarargs
    static <T> List<T> requireSome(String setting, T... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(setting + ": give at least one");
        }
        for (T v : values) {
            if (v == null) {
                throw new IllegalArgumentException(setting + ": null in " + Arrays.toString(values));
            }
        }
        return List.of(values);
    }

    /** At least one value, each in (0, highest] and finite; the values as an immutable list. */
    static List<Double> requirePositive(String setting, double highest, double... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(setting + ": give at least one");
        }
        for (double v : values) {
            if (!(v > 0 && v <= highest)) {
                throw new IllegalArgumentException(setting + ": each must be in (0, " + highest + "], got " + v
                        + " in " + Arrays.toString(values));
            }
        }
        return Arrays.stream(values).boxed().toList();
    }

    /** At least {@code lowest}. */
    static int requireAtLeast(String setting, int value, int lowest) {
        if (value < lowest) {
            throw new IllegalArgumentException(setting + ": need at least " + lowest + ", got " + value);
        }
        return value;
    }
}
