package org.gradproof.io;

import java.util.Locale;

/**
 * Writes the documents' JSON by hand, so that each matrix row sits on one line and every double survives the round
 * trip exactly ({@link Double#toString} is the shortest text that reads back to the same bits). NaN and ±Infinity are
 * written as the bare tokens Python's {@code json} module writes and reads.
 */
final class JsonText {

    private JsonText() {
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(v);
    }

    static String string(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    static String vector(double[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(number(v[i]));
        }
        return s.append(']').toString();
    }

    /** A matrix as an array of rows, one row per line, indented by {@code indent} spaces. */
    static String matrix(double[][] m, int indent) {
        String pad = " ".repeat(indent + 2);
        StringBuilder s = new StringBuilder("[\n");
        for (int i = 0; i < m.length; i++) {
            s.append(pad).append(vector(m[i])).append(i + 1 < m.length ? ",\n" : "\n");
        }
        return s.append(" ".repeat(indent)).append(']').toString();
    }
}
