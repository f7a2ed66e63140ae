package org.gradproof.check;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running check's account of its budget ({@link CheckOptions#maxEvaluations()}, {@link CheckOptions#maxDuration()},
 * an interrupt of the thread that runs the check) and of its progress, which it reports after every entry. Safe to use
 * from the threads that judge entries in parallel ({@link ParallelEntries}): their evaluations are added in as they
 * finish, and the listener hears of one entry at a time.
 */
final class CheckBudget {

    private final CheckOptions options;
    private final Probe probe;
    private final Thread owner = Thread.currentThread();
    private final long start = System.nanoTime();
    /** Evaluations made by other threads' probes, added when each of their entries is done. */
    private final AtomicLong elsewhere = new AtomicLong();
    private final AtomicInteger entriesTotal;
    private final AtomicInteger entriesChecked = new AtomicInteger();
    /** Whether anyone listens: without a listener, no progress is made up for every entry. */
    private final boolean listening;

    CheckBudget(CheckOptions options, Probe probe, int entriesTotal) {
        this.options = options;
        this.probe = probe;
        this.entriesTotal = new AtomicInteger(entriesTotal);
        this.listening = options.progress() != CheckOptions.NO_PROGRESS;
    }

    /**
     * Why the check must stop before its next entry — "its budget of 500 evaluations", "its time budget of 2 s",
     * "an interrupt of its thread" — or null to go on. The interrupt is left set for the caller to see.
     */
    String stopReason() {
        if (owner.isInterrupted()) {
            return "an interrupt of its thread";
        }
        if (evaluations() >= options.maxEvaluations()) {
            return "its budget of " + options.maxEvaluations() + " evaluations";
        }
        if (elapsed().compareTo(options.maxDuration()) >= 0) {
            return "its time budget of " + CheckProgress.describe(options.maxDuration());
        }
        return null;
    }

    /** {@code count} more entries to judge than planned (a directional check judging a whole block after all). */
    void moreEntries(int count) {
        entriesTotal.addAndGet(count);
    }

    /** One more entry judged on the checking thread: the progress listener hears of it. */
    void entryChecked() {
        entryChecked(0);
    }

    /** One more entry judged, on another thread with {@code evaluations} of its own: the listener hears of it. */
    void entryChecked(long evaluations) {
        elsewhere.addAndGet(evaluations);
        if (!listening) {
            entriesChecked.incrementAndGet();
            return;
        }
        synchronized (this) { // the listener hears the counts in order
            int checked = entriesChecked.incrementAndGet();
            options.progress().accept(new CheckProgress(checked, entriesTotal(), evaluations(), elapsed()));
        }
    }

    /** The evaluations of every thread so far. */
    long evaluations() {
        return probe.evaluations() + elsewhere.get();
    }

    int entriesChecked() {
        return entriesChecked.get();
    }

    int entriesTotal() {
        return entriesTotal.get();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
