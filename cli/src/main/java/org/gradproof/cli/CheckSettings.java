package org.gradproof.cli;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.CheckOptions;
import org.gradproof.check.CheckProgress;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;

/** The checker's settings as command-line options, mapped onto the immutable {@link CheckOptions}. */
final class CheckSettings {

    /** The longest --max-seconds: a year, far beyond any check, and safely within a Duration's nanoseconds. */
    private static final double MAX_SECONDS = 365 * 24 * 3600.0;

    @Option(names = "--relative-tolerance", paramLabel = "R",
            description = "Largest relative error |a-n|/max(|a|,|n|) accepted on top of the measured error of the "
                    + "numerical derivative (default 1e-6).")
    private Double relativeTolerance;

    @Option(names = "--noise-factor", paramLabel = "F",
            description = "Rounding noise of the loss taken as F*eps*|L|; below it a difference is never called "
                    + "wrong (default 64).")
    private Double noiseFactor;

    @Option(names = "--max-entries-per-block", paramLabel = "N",
            description = "Check at most N entries per block, chosen with the seed (default: all).")
    private Integer maxEntriesPerBlock;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed choosing the sampled entries; printed in every report (default 0).")
    private Long seed;

    @Option(names = "--worst-entries", paramLabel = "N",
            description = "How many entries the report lists (default 8).")
    private Integer worstEntries;

    @Option(names = "--max-evaluations", paramLabel = "N",
            description = "Stop before the next entry after N evaluations of the loss; the report is inconclusive "
                    + "for the entries not reached, unless a wrong one was already found (default: no limit).")
    private Long maxEvaluations;

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "Stop before the next entry after S seconds, as --max-evaluations does (default: no "
                    + "limit).")
    private Double maxSeconds;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress line on stderr for checks that take over 2 s (default: when stderr is a "
                    + "terminal).")
    private Boolean progress;

    @Option(names = "--directional",
            description = "Check each parameter block along 3 random directions first, and entry by entry only where "
                    + "they cannot decide or disagree (wrong entries are named by bisection): far fewer evaluations "
                    + "for large models, the same verdict.")
    private boolean directional;

    /** The check these settings ask for: entry by entry, or along random directions first (--directional). */
    GradientReport check(BlockFunction f, CheckOptions options) {
        return directional ? GradientCheck.directional(f, options) : GradientCheck.check(f, options);
    }

    /** The progress line these settings ask for: on {@code err}, shown if --progress or stderr is a terminal. */
    ProgressLine progressLine(PrintWriter err) {
        return new ProgressLine(err, progress != null ? progress : System.console() != null);
    }

    /** The options, reporting progress to {@code listener}; a value out of range is bad input naming the option. */
    CheckOptions options(Consumer<CheckProgress> listener) {
        CheckOptions.Builder b = CheckOptions.builder().progress(listener);
        try {
            if (maxEvaluations != null) {
                b.maxEvaluations(maxEvaluations);
            }
            if (maxSeconds != null) {
                if (!(maxSeconds > 0 && maxSeconds <= MAX_SECONDS)) {
                    throw new IllegalArgumentException("maxDuration must be in (0, " + MAX_SECONDS + "] seconds, "
                            + "got " + maxSeconds);
                }
                b.maxDuration(Duration.ofNanos(Math.round(maxSeconds * 1e9)));
            }
            if (relativeTolerance != null) {
                b.relativeTolerance(relativeTolerance);
            }
            if (noiseFactor != null) {
                b.noiseFactor(noiseFactor);
            }
            if (maxEntriesPerBlock != null) {
                b.maxEntriesPerBlock(maxEntriesPerBlock);
            }
            if (seed != null) {
                b.seed(seed);
            }
            if (worstEntries != null) {
                b.worstEntriesShown(worstEntries);
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(optionName(e.getMessage()));
        }
        return b.build();
    }

    /** "relativeTolerance must be in …" becomes "--relative-tolerance must be in …". */
    private static String optionName(String message) {
        return message.replace("relativeTolerance", "--relative-tolerance")
                .replace("noiseFactor", "--noise-factor")
                .replace("maxEntriesPerBlock", "--max-entries-per-block")
                .replace("worstEntriesShown", "--worst-entries")
                .replace("maxEvaluations", "--max-evaluations")
                .replace("maxDuration", "--max-seconds");
    }
}
