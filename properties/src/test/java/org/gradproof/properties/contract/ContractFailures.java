package org.gradproof.properties.contract;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads a contract kit's failure message as a user would: its lines by label, and the files it names. */
final class ContractFailures {

    private ContractFailures() {
    }

    /** The text after {@code label:} on its line, e.g. {@code line(message, "case")}. */
    static String line(String message, String label) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(label) + ":\\s+(.*)$").matcher(message);
        assertTrue(m.find(), "no '" + label + ":' line in\n" + message);
        return m.group(1);
    }

    /** The model file named by the message's {@code in Java:} line. */
    static Path model(String message) {
        return path(message, 1);
    }

    /** The batch file named by the message's {@code in Java:} line. */
    static Path batch(String message) {
        return path(message, 2);
    }

    private static Path path(String message, int which) {
        Matcher m = Pattern.compile("fromJson\\(Path\\.of\\(\"([^\"]+)\"\\), Path\\.of\\(\"([^\"]+)\"\\)\\)")
                .matcher(line(message, "in Java"));
        assertTrue(m.find(), message);
        return Path.of(m.group(which));
    }
}
