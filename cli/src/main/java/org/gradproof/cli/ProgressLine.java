package org.gradproof.cli;

import org.gradproof.check.CheckProgress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A check's progress as one line on stderr, rewritten in place: nothing for checks that end within
 * {@value #QUIET_SECONDS} s, then at most twice a second "checked 1,234 of 50,890 entries (2 %), 56,789 evaluations,
 * about 1 min 20 s left".
 */
final class ProgressLine implements Consumer<CheckProgress> {

    static final long QUIET_SECONDS = 2;
    private static final long EVERY_MILLIS = 500;

    private final PrintWriter err;
    private final boolean shown;
    private long lastPrinted = -1;
    private int width;

    /** A line on {@code err}, or (not {@code shown}) none at all. */
    ProgressLine(PrintWriter err, boolean shown) {
        this.err = err;
        this.shown = shown;
    }

    @Override
    public void accept(CheckProgress p) {
        long millis = p.elapsed().toMillis();
        if (!shown || millis < QUIET_SECONDS * 1000 || lastPrinted >= 0 && millis - lastPrinted < EVERY_MILLIS) {
            return;
        }
        lastPrinted = millis;
        String left = p.estimatedRemaining().map(d -> ", about " + CheckProgress.describe(d) + " left").orElse("");
        String line = String.format(Locale.ROOT, "checked %,d of %,d entries (%d %%), %,d evaluations%s",
                p.entriesChecked(), p.entriesTotal(), 100L * p.entriesChecked() / Math.max(1, p.entriesTotal()),
                p.evaluations(), left);
        // spaces over the end of a longer earlier line
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        err.flush();
    }

    /** Ends the line, if one was printed, so that what follows starts on its own. */
    void finish() {
        if (lastPrinted >= 0) {
            err.println();
            err.flush();
        }
    }
}
