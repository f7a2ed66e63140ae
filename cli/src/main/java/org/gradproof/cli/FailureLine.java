package org.gradproof.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A failure as the one line gradproof prints on stderr: "gradproof: " and the message, with any line break or other
 * control character (a file name or a JSON string can hold one) written as an escape, so the line stays one line.
 * An unexpected failure, an {@link Error} included, is called an internal error with its kind; running out of memory
 * says how much Java had and how to give it more. The stack trace follows only when GRADPROOF_DEBUG is set.
 */
final class FailureLine {

    private FailureLine() {
    }

    /** Bad input the user can fix: the message as it is. */
    static String badInput(Throwable e) {
        return "gradproof: " + oneLine(String.valueOf(e.getMessage()));
    }

    /** Anything else: out of memory, a stack overflow, a bug. */
    static String internal(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return String.format(Locale.ROOT, "gradproof: out of memory: Java may use at most %d MiB here, and the "
                    + "model and batch need more; give it more (e.g. JAVA_TOOL_OPTIONS=-Xmx8g) or use a smaller "
                    + "batch or model", Runtime.getRuntime().maxMemory() >> 20);
        }
        String what = e instanceof StackOverflowError ? "the stack overflowed"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
        return "gradproof: internal error: " + what + " (a bug in gradproof; please report it with the command and "
                + "files; GRADPROOF_DEBUG=1 shows where it happened)";
    }

    /** Prints the line, and the stack trace when GRADPROOF_DEBUG is set. */
    static void print(PrintWriter err, String line, Throwable e) {
        err.println(line);
        if (System.getenv("GRADPROOF_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** Control characters as escapes: \n, \r, \t, or \\u0001. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
