package org.gradproof.io;

import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value, as {@link JsonReader} builds it in one streaming pass. It differs from a general JSON tree in
 * one way that matters for big documents: an array of numbers, or a rectangular array of such arrays at any depth,
 * is one {@link NumberArray} over a single packed {@code double[]} (8 bytes a number) instead of an object per
 * number and a list per row. Every other array is a {@link ListValue}, so a ragged or mixed array keeps each element
 * for the error message that names it.
 */
sealed interface JsonValue {

    /** What the value is, for "got …" in messages: "a string \"x\"", "an array of 3", "a number 2.5", "null". */
    String kind();

    /** An object's members in document order (duplicates are refused while reading). */
    record ObjectValue(Map<String, JsonValue> fields) implements JsonValue {
        @Override
        public String kind() {
            return "an object";
        }
    }

    /** An array that is not a rectangular block of numbers. */
    record ListValue(List<JsonValue> elements) implements JsonValue {
        @Override
        public String kind() {
            return "an array of " + elements.size();
        }
    }

    /**
     * A rectangular block of numbers with {@code shape.length} ≥ 1 axes, row-major in {@code data} from
     * {@code offset}; {@link #element} is a view, not a copy.
     */
    record NumberArray(double[] data, int offset, int[] shape) implements JsonValue {

        /** The number of entries along the first axis. */
        int size() {
            return shape[0];
        }

        /** All entries: the product of the shape. */
        int count() {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }

        JsonValue element(int i) {
            if (shape.length == 1) {
                return new NumberValue(data[offset + i]);
            }
            int[] rest = java.util.Arrays.copyOfRange(shape, 1, shape.length);
            return new NumberArray(data, offset + i * (count() / shape[0]), rest);
        }

        @Override
        public String kind() {
            return "an array of " + shape[0];
        }
    }

    record StringValue(String text) implements JsonValue {
        @Override
        public String kind() {
            return "a string \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
    }

    /** A number; {@code value} is an Integer, Long or BigInteger as written for integers, else a Double. */
    record NumberValue(Number value) implements JsonValue {
        @Override
        public String kind() {
            return "a number " + value;
        }
    }

    record BooleanValue(boolean value) implements JsonValue {
        @Override
        public String kind() {
            return "a boolean " + value;
        }
    }

    enum NullValue implements JsonValue {
        NULL;

        @Override
        public String kind() {
            return "null";
        }
    }
}
