package org.gradproof.cli;

import org.gradproof.check.CheckOptions;
import picocli.CommandLine.Option;

/** The checker's settings as command-line options, mapped onto the immutable {@link CheckOptions}. */
final class CheckSettings {

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

    /** The options; a value out of range is bad input naming the option. */
    CheckOptions options() {
        CheckOptions.Builder b = CheckOptions.builder();
        try {
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
                .replace("worstEntriesShown", "--worst-entries");
    }
}
