package org.gradproof.properties.sweep;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a sweep counted, per family: for correct models how many passed, were inconclusive, were rightly NON_FINITE
 * (the loss is not finite at or one step from the point), or were false alarms; for planted bugs how many were
 * detected, inconclusive, or missed (passed). Keeps the first few cases of each bad outcome with their reports.
 */
public final class SweepResult {

    /** The outcome of one case. */
    public enum Outcome { PASSED, INCONCLUSIVE, NON_FINITE, FALSE_ALARM, DETECTED, MISSED }

    private static final int KEPT = 5;

    private final Map<SweepFamily, Map<Outcome, Integer>> counts = new EnumMap<>(SweepFamily.class);
    private final Map<Outcome, List<String>> examples = new EnumMap<>(Outcome.class);

    void add(SweepFamily family, Outcome outcome, String example) {
        counts.computeIfAbsent(family, f -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
        List<String> kept = examples.computeIfAbsent(outcome, o -> new ArrayList<>());
        if (example != null && kept.size() < KEPT) {
            kept.add(example);
        }
    }

    /** Cases with this outcome, over every family. */
    public int count(Outcome outcome) {
        return counts.values().stream().mapToInt(m -> m.getOrDefault(outcome, 0)).sum();
    }

    /** Cases with this outcome in one family. */
    public int count(SweepFamily family, Outcome outcome) {
        return counts.getOrDefault(family, Map.of()).getOrDefault(outcome, 0);
    }

    /** Every case counted. */
    public int total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    /** Cases counted in one family. */
    public int total(SweepFamily family) {
        return counts.getOrDefault(family, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The first few cases with this outcome, each with its report. */
    public List<String> examples(Outcome outcome) {
        return examples.getOrDefault(outcome, List.of());
    }

    /** A table: one row per family, one column per outcome seen. */
    public String table() {
        List<Outcome> seen = java.util.Arrays.stream(Outcome.values()).filter(o -> count(o) > 0).toList();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s", "family", "cases"));
        seen.forEach(o -> sb.append(String.format(Locale.ROOT, " %12s", o.name().toLowerCase(Locale.ROOT))));
        sb.append('\n');
        for (SweepFamily f : SweepFamily.values()) {
            if (total(f) == 0) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-16s %8d", f.name().toLowerCase(Locale.ROOT), total(f)));
            seen.forEach(o -> sb.append(String.format(Locale.ROOT, " %12d", count(f, o))));
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%-16s %8d", "all", total()));
        seen.forEach(o -> sb.append(String.format(Locale.ROOT, " %12d", count(o))));
        return sb.append('\n').toString();
    }
}
