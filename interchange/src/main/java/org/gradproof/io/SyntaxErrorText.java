package org.gradproof.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON parser's complaint in gradproof's words. The parser's own messages name its classes, settings and internal
 * codes ("(code 44)", "`StreamReadConstraints.getMaxNestingDepth()`", "[Source: REDACTED …]"), which mean nothing to
 * someone who wrote a file from numpy; each kind of complaint is recognised here and said again plainly, with the
 * offending character or word. A complaint not recognised becomes "unexpected text", never the parser's text.
 */
final class SyntaxErrorText {

    private static final Pattern CODE = Pattern.compile("[(,] ?code (\\d+)");
    private static final Pattern TOKEN = Pattern.compile("^Unrecognized token '([^']{0,40})");
    private static final Pattern CLOSE = Pattern.compile("^Unexpected close marker '(.)'");

    private SyntaxErrorText() {
    }

    static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return overLimit(m);
        }
        if (e instanceof JsonEOFException || m.contains("end-of-input")) {
            return "the text ends " + (m.contains("VALUE_STRING") || m.contains("string value") ? "inside a string"
                    : m.contains("name") ? "inside a field name" : m.contains("Object") ? "before an object is closed"
                    : m.contains("Array") ? "before an array is closed" : "in the middle of a value")
                    + ": is the file truncated?";
        }
        Matcher token = TOKEN.matcher(m);
        if (token.find()) {
            return "unknown word '" + token.group(1) + "' (JSON's words are true, false and null; a number may also "
                    + "be NaN, Infinity or -Infinity)";
        }
        Matcher close = CLOSE.matcher(m);
        if (close.find()) {
            return "unexpected '" + close.group(1) + "': it closes " + (m.contains("no open") ? "nothing that is open"
                    : "the wrong bracket (" + (close.group(1).equals("]") ? "an object is open" : "an array is open")
                    + ")");
        }
        if (m.startsWith("Invalid numeric value") || m.contains("in numeric value")) {
            return "a malformed number" + character(m, " at ") + (m.contains("Leading zeroes")
                    ? " (a number may not start with 0 followed by digits)" : m.contains("plus sign")
                    ? " (JSON numbers have no + sign)" : "");
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character" + character(m, " ") + " inside a string: JSON needs it written with a "
                    + "backslash escape (\\n, \\t, \\u0001 …)";
        }
        if (m.startsWith("Illegal character")) {
            return "a control character" + character(m, " ") + " between values (only spaces, tabs and line breaks "
                    + "may stand there)";
        }
        if (m.startsWith("Unexpected character")) {
            String c = character(m, " ");
            return "unexpected" + c + (c.contains("byte-order mark") ? "" : expectation(m));
        }
        return "unexpected text";
    }

    /** " U+000A", " ','" or " a byte-order mark (U+FEFF)": the character the parser quoted by its code. */
    private static String character(String message, String prefix) {
        Matcher code = CODE.matcher(message);
        if (!code.find()) {
            return "";
        }
        int c = Integer.parseInt(code.group(1));
        if (c == 0xFEFF) {
            return prefix + "byte-order mark (U+FEFF) inside the text (only the first character of a file may be one)";
        }
        if (c < 0x20 || c == 0x7F || Character.isWhitespace(c) || Character.isISOControl(c)) {
            return prefix + String.format(Locale.ROOT, "U+%04X", c);
        }
        return prefix + "'" + new String(Character.toChars(c)) + "'";
    }

    private static String expectation(String m) {
        if (m.contains("colon")) {
            return " (expected ':' after a field name)";
        }
        if (m.contains("double-quote to start field name")) {
            return " (expected a field name in double quotes)";
        }
        if (m.contains("Array entries")) {
            return " (expected ',' or ']' after an array entry)";
        }
        if (m.contains("Object entries")) {
            return " (expected ',' or '}' after an object member)";
        }
        if (m.contains("expected a value") || m.contains("expected a valid value")) {
            return " (expected a value: a number, a string in double quotes, an array, an object, true, false or "
                    + "null)";
        }
        return "";
    }

    private static String overLimit(String m) {
        if (m.startsWith("Document nesting depth")) {
            return "arrays and objects nested more than " + JsonReader.MAX_DEPTH + " deep (gradproof's documents "
                    + "need at most 5)";
        }
        if (m.startsWith("Number value length") || m.startsWith("Number length")) {
            return "a number written with more than " + JsonReader.MAX_NUMBER_LENGTH + " characters";
        }
        if (m.startsWith("String value length")) {
            return "a string of more than " + JsonReader.MAX_STRING_LENGTH + " characters";
        }
        if (m.startsWith("Name length")) {
            return "a field name of more than " + JsonReader.MAX_STRING_LENGTH + " characters";
        }
        return "over a size limit of the JSON reader";
    }
}
