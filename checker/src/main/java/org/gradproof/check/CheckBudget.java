package org.gradproof.check;

import java.time.Duration;

/**
 * The running check's account of its budget ({@link CheckOptions#maxEvaluations()}, {@link CheckOptions#maxDuration()},
 * an interrupt of its thread) and of its progress, which it reports after every entry.
 */
final class CheckBudget {

    private final CheckOptions options;
    private final Probe probe;
    private int entriesTotal;
    private final long start = System.nanoTime();
    private int entriesChecked;

    CheckBudget(CheckOptions options, Probe probe, int entriesTotal) {
        this.options = options;
        this.probe = probe;
        this.entriesTotal = entriesTotal;
    }

    /**
     * Why the check must stop before its next entry — "its budget of 500 evaluations", "its time budget of 2 s",
     * "an interrupt of its thread" — or null to go on. The interrupt is left set for the caller to see.
     */
    String stopReason() {
        if (Thread.currentThread().isInterrupted()) {
            return "an interrupt of its thread";
        }
        if (probe.evaluations() >= options.maxEvaluations()) {
            return "its budget of " + options.maxEvaluations() + " evaluations";
        }
        if (elapsed().compareTo(options.maxDuration()) >= 0) {
            return "its time budget of " + CheckProgress.describe(options.maxDuration());
        }
        return null;
    }

    /** {@code count} more entries to judge than planned (a directional check judging a whole block after all). */
    void moreEntries(int count) {
        entriesTotal += count;
    }

    /** One more entry judged: the progress listener hears of it. */
    void entryChecked() {
        entriesChecked++;
        options.progress().accept(new CheckProgress(entriesChecked, entriesTotal, probe.evaluations(), elapsed()));
    }

    int entriesChecked() {
        return entriesChecked;
    }

    int entriesTotal() {
        return entriesTotal;
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
