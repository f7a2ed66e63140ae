package org.gradproof.cli;

import org.gradproof.io.IoReasons;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks where a command will write before it starts work, so that a run of minutes does not end in "cannot write":
 * the path must not be a directory (or, for a report folder, must not be a file), its folder must exist and be
 * writable, and a file written must not be one of the command's own inputs (compared as files, so a symbolic or hard
 * link to an input is caught too). Writability is tried, not inferred from permission bits (which root ignores and a
 * read-only file system overrides): an existing regular file is opened for writing without truncating it, and a
 * folder gets an empty file created and deleted. Each failure is a {@link BadInputException} in plain words.
 */
final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * A file to be created or replaced.
     *
     * @param option  the option that named it, e.g. {@code -o}
     * @param inputs  the command's input files, each with what it is ("the model document")
     */
    static void requireWritableFile(Path out, String option, Input... inputs) {
        BasicFileAttributes existing = attributes(out, option);
        if (existing == null) {
            requireWritableFolder(out, option, false);
            return;
        }
        if (existing.isDirectory()) {
            throw new BadInputException(out + ": is a directory; " + option + " names the file to write");
        }
        for (Input input : inputs) {
            if (sameFile(out, input.file())) {
                throw new BadInputException(out + ": " + option + " would overwrite " + input.what() + " ("
                        + input.file() + ") it reads; write to another file");
            }
        }
        if (existing.isRegularFile()) { // a FIFO or a device is left alone: opening it could block or consume
            try (FileChannel probe = FileChannel.open(out, StandardOpenOption.WRITE)) {
                probe.size();
            } catch (IOException e) {
                throw new BadInputException(out + ": cannot write there (" + option + "): " + IoReasons.describe(e));
            }
        }
    }

    /** A folder that will hold a report: it may exist (a directory) or will be created with its missing parents. */
    static void requireWritableDirectory(Path dir, String option) {
        BasicFileAttributes existing = attributes(dir, option);
        if (existing == null) {
            requireWritableFolder(dir, option, true);
            return;
        }
        if (!existing.isDirectory()) {
            throw new BadInputException(dir + ": exists and is not a directory; " + option + " names the folder "
                    + "for the report (created if missing)");
        }
        probeFolder(dir, dir, option);
    }

    /** One input of a command: its file and what it is, for the message. */
    record Input(Path file, String what) {
    }

    /** The attributes of an existing path, or null when nothing is there. */
    private static BasicFileAttributes attributes(Path path, String option) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot write there (" + option + "): " + IoReasons.describe(e));
        }
    }

    /**
     * The folder of a path that does not exist must be a writable directory; with {@code createdWithParents}, the
     * nearest folder above it that exists.
     */
    private static void requireWritableFolder(Path path, String option, boolean createdWithParents) {
        Path folder = path.toAbsolutePath().getParent();
        while (createdWithParents && folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BadInputException(path + ": cannot write there (" + option + "): " + (folder == null
                    ? "no folder above it exists" : !Files.exists(folder) ? "the folder " + folder
                    + " does not exist" : folder + " is not a directory"));
        }
        probeFolder(path, folder, option);
    }

    /** Creates and deletes an empty file in {@code folder}: the one sure test that {@code path} can be written. */
    private static void probeFolder(Path path, Path folder, String option) {
        try {
            Files.delete(Files.createTempFile(folder, ".gradproof-", ".probe"));
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot write there (" + option + "): the folder " + folder
                    + " is not writable (" + IoReasons.describe(e) + ")");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // an input that cannot be resolved is reported when it is read
        }
    }
}
