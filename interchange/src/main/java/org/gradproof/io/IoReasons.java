package org.gradproof.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Why a file could not be opened, read or written, in plain words: "no such file", "permission denied", "a
 * symbolic-link loop", "a part of the path is not a directory", and otherwise the operating system's own reason
 * ("no space left on device"), never a Java exception's name or the path it repeats.
 */
public final class IoReasons {

    private IoReasons() {
    }

    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return "the operating system gave no reason";
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("too many levels of symbolic links")) {
            return "a symbolic-link loop";
        }
        if (lower.contains("not a directory")) {
            return "a part of the path is not a directory";
        }
        if (lower.contains("is a directory")) {
            return "is a directory";
        }
        if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
            return "permission denied";
        }
        return lower;
    }
}
