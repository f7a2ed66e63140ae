package org.gradproof.check;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a running check has come: handed to the listener of {@link CheckOptions.Builder#progress} after every checked
 * entry, on the checking thread.
 *
 * @param entriesChecked entries judged so far
 * @param entriesTotal   entries the check will judge if it runs to the end (after any sampling)
 * @param evaluations    evaluations of the function so far
 * @param elapsed        time since the check started
 */
public record CheckProgress(int entriesChecked, int entriesTotal, long evaluations, Duration elapsed) {

    public CheckProgress {
        if (entriesChecked < 0 || entriesChecked > entriesTotal) {
            throw new IllegalArgumentException("entriesChecked must be in [0, " + entriesTotal + "], got "
                    + entriesChecked);
        }
        java.util.Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * The time left if the remaining entries take as long as the checked ones did on average:
     * elapsed · (total − checked) / checked. Empty before the first entry.
     */
    public Optional<Duration> estimatedRemaining() {
        if (entriesChecked == 0) {
            return Optional.empty();
        }
        double perEntry = elapsed.toNanos() / (double) entriesChecked;
        return Optional.of(Duration.ofNanos(Math.round(perEntry * (entriesTotal - entriesChecked))));
    }

    /** A duration as reports print it: "250 ms", "2 s", "1.5 s", "3 min 20 s". */
    public static String describe(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return Math.max(millis, d.isZero() ? 0 : 1) + " ms";
        }
        if (millis < 60_000) {
            return millis % 1000 == 0 ? millis / 1000 + " s"
                    : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = d.toSeconds();
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
