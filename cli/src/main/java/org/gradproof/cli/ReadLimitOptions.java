package org.gradproof.cli;

import org.gradproof.io.ReadLimits;
import picocli.CommandLine.Option;

/**
 * The size limits of the documents a command reads ({@link ReadLimits}), as options: a document larger than the file
 * limit is refused before it is read, and a model declaring more parameters than the parameter limit is refused before
 * anything of that size is allocated. Both defaults are in docs/interchange.md.
 */
final class ReadLimitOptions {

    @Option(names = "--max-file-size", paramLabel = "MiB", defaultValue = "" + (ReadLimits.DEFAULT_MAX_FILE_BYTES >> 20),
            description = "Refuse a document file of more than MiB mebibytes (default: ${DEFAULT-VALUE}).")
    private long maxFileMiB;

    @Option(names = "--max-parameters", paramLabel = "N", defaultValue = "" + ReadLimits.DEFAULT_MAX_PARAMETERS,
            description = "Refuse a model declaring more than N weights and biases in all, before allocating them "
                    + "(default: ${DEFAULT-VALUE}).")
    private long maxParameters;

    /** The limits; a value out of range is bad input naming the option. */
    ReadLimits limits() {
        long maxMiB = Long.MAX_VALUE >> 20;
        if (maxFileMiB < 1 || maxFileMiB > maxMiB) {
            throw new BadInputException("--max-file-size must be 1 to " + maxMiB + " (MiB), got " + maxFileMiB);
        }
        if (maxParameters < 1 || maxParameters > ReadLimits.MAX_PARAMETERS) {
            throw new BadInputException("--max-parameters must be 1 to " + ReadLimits.MAX_PARAMETERS + ", got "
                    + maxParameters);
        }
        return new ReadLimits(maxFileMiB << 20, maxParameters);
    }
}
