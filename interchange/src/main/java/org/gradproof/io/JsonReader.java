package org.gradproof.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.gradproof.io.JsonValue.BooleanValue;
import org.gradproof.io.JsonValue.ListValue;
import org.gradproof.io.JsonValue.NullValue;
import org.gradproof.io.JsonValue.NumberArray;
import org.gradproof.io.JsonValue.NumberValue;
import org.gradproof.io.JsonValue.ObjectValue;
import org.gradproof.io.JsonValue.StringValue;

import java.io.IOException;
import java.io.InputStream;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON document in a single streaming pass (Jackson's {@link JsonParser}) into a {@link JsonValue}, packing
 * rectangular arrays of numbers into one {@code double[]} as they stream by: no text copy of the file, no object per
 * number. Unknown-size input is bounded by the parser's own limits ({@link StreamReadConstraints}: nesting depth,
 * number and string lengths) and by the caller's byte limit ({@link Utf8TextInput}). Every failure is an
 * {@link InterchangeException} naming the JSON path being read, in plain words ({@link SyntaxErrorText}); NaN and
 * ±Infinity are accepted as bare tokens, as Python's {@code json} writes them. Duplicate keys are errors.
 */
final class JsonReader {

    /** Arrays and objects inside each other; the documents need 5 (an LSTM batch's initial state). */
    static final int MAX_DEPTH = 32;
    /** Characters of one number: a double needs at most 24. */
    static final int MAX_NUMBER_LENGTH = 100;
    /** Characters of one string or field name: the documents' are a few dozen. */
    static final int MAX_STRING_LENGTH = 10_000;
    /** Values kept one by one, not packed (objects, strings, mixed arrays): the documents have a few dozen. */
    static final int MAX_VALUES = 1_000_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(MAX_STRING_LENGTH)
                    .build())
            .build();

    private final JsonParser parser;
    private final String source;
    private int values;

    private JsonReader(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** Reads a document from text. */
    static JsonValue read(String text, String source) {
        try (JsonParser p = FACTORY.createParser(text)) {
            return new JsonReader(p, source).document();
        } catch (IOException e) {
            throw new InterchangeException(source, "$", "cannot read the text: " + e.getMessage());
        }
    }

    /**
     * Reads a document from bytes (UTF-8, checked by {@link Utf8TextInput}); a {@link Utf8TextInput.Refusal} becomes
     * the error's detail, another I/O failure is described by {@link IoReasons}.
     */
    static JsonValue read(InputStream bytes, String source) {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return new JsonReader(p, source).document();
        } catch (Utf8TextInput.Refusal e) {
            throw new InterchangeException(source, "", e.getMessage());
        } catch (IOException e) {
            throw new InterchangeException(source, "", "cannot read the file: " + IoReasons.describe(e));
        }
    }

    private JsonValue document() throws IOException {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InterchangeException(source, "$", "the file is empty: expected a JSON object");
            }
            JsonValue root = value(first);
            if (parser.nextToken() != null) {
                throw syntax(parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr(),
                        "$", "more text after the end of the document (one JSON value per file)");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            throw syntax(where.getLineNr(), where.getColumnNr(), valuePath(parser.getParsingContext()),
                    SyntaxErrorText.describe(e));
        }
    }

    private InterchangeException syntax(long line, long column, String path, String what) {
        return new InterchangeException(source, path, "not valid JSON"
                + (line > 0 ? " at line " + line + ", column " + column : "") + ": " + what);
    }

    private JsonValue value(JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> object();
            case START_ARRAY -> array();
            case VALUE_STRING -> new StringValue(parser.getText());
            case VALUE_NUMBER_INT -> new NumberValue(parser.getNumberValue());
            case VALUE_NUMBER_FLOAT -> new NumberValue(parser.getDoubleValue());
            case VALUE_TRUE -> new BooleanValue(true);
            case VALUE_FALSE -> new BooleanValue(false);
            case VALUE_NULL -> NullValue.NULL;
            default -> throw new IllegalStateException("a value cannot start with " + t); // the parser forbids it
        };
    }

    private ObjectValue object() throws IOException {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (fields.containsKey(name)) {
                throw new InterchangeException(source, valuePath(parser.getParsingContext()), "duplicate field \""
                        + name + "\" (a field may appear once in an object)");
            }
            countValue();
            fields.put(name, value(parser.nextToken()));
        }
        return new ObjectValue(fields);
    }

    /**
     * An array: packed while its elements are numbers, or number blocks of one shape; from the first element that
     * is neither, a list whose packed beginning stays packed.
     */
    private JsonValue array() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return new ListValue(List.of());
        }
        Packed packed = new Packed();
        do {
            JsonValue element = t == JsonToken.START_ARRAY ? array() : isNumber(t) ? null : value(t);
            if (!packed.add(element, element == null ? number() : 0)) {
                List<JsonValue> rest = new ArrayList<>();
                countValue();
                rest.add(element == null ? new NumberValue(number()) : element);
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    countValue();
                    rest.add(value(t));
                }
                return new ListValue(packed.followedBy(rest));
            }
        } while ((t = parser.nextToken()) != JsonToken.END_ARRAY);
        return packed.array();
    }

    /** A number token, or a string NaN, Infinity or -Infinity (accepted as numbers). */
    private boolean isNumber(JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                || t == JsonToken.VALUE_STRING && JsonNodes.NON_FINITE.contains(parser.getText());
    }

    private double number() throws IOException {
        return parser.currentToken() == JsonToken.VALUE_STRING ? Double.parseDouble(parser.getText())
                : parser.getDoubleValue();
    }

    /** Counts a value kept one by one (not packed), refusing a document of millions of them. */
    private void countValue() {
        if (++values > MAX_VALUES) {
            throw new InterchangeException(source, valuePath(parser.getParsingContext()), "more than " + MAX_VALUES
                    + " values that are not numbers in arrays of numbers (objects, strings, mixed arrays): not a "
                    + "gradproof document, which has a few dozen");
        }
    }

    /** Numbers (rowShape null) or blocks of one shape, appended to one growing array. */
    private final class Packed {
        private static final int MAX_LENGTH = Integer.MAX_VALUE - 8; // the longest Java array

        private double[] data = new double[8];
        private int size;
        private int count;
        private int[] rowShape;

        /**
         * Appends a number ({@code element} null) or a block of numbers of the shape of those before; returns false,
         * appending nothing, for anything else.
         */
        boolean add(JsonValue element, double number) {
            if (element == null) {
                if (count > 0 && rowShape != null) {
                    return false;
                }
                grow(1);
                data[size++] = number;
            } else {
                if (!(element instanceof NumberArray block) || count > 0
                        && (rowShape == null || !Arrays.equals(block.shape(), rowShape))) {
                    return false;
                }
                rowShape = block.shape();
                int n = block.count();
                grow(n);
                System.arraycopy(block.data(), block.offset(), data, size, n);
                size += n;
            }
            count++;
            return true;
        }

        private void grow(int n) {
            if ((long) size + n > MAX_LENGTH) {
                throw new InterchangeException(source, valuePath(parser.getParsingContext()), "more than "
                        + MAX_LENGTH + " numbers in one array");
            }
            if (size + n > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(Math.max((long) size + n, 2L * data.length), MAX_LENGTH));
            }
        }

        NumberArray array() {
            int[] shape = new int[rowShape == null ? 1 : 1 + rowShape.length];
            shape[0] = count;
            if (rowShape != null) {
                System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            }
            return new NumberArray(size == data.length ? data : Arrays.copyOf(data, size), 0, shape);
        }

        /** The packed elements (as views, made when asked for) followed by {@code rest}. */
        List<JsonValue> followedBy(List<JsonValue> rest) {
            if (count == 0) {
                return rest;
            }
            NumberArray packed = array();
            return new AbstractList<>() {
                @Override
                public JsonValue get(int i) {
                    return i < count ? packed.element(i) : rest.get(i - count);
                }

                @Override
                public int size() {
                    return count + rest.size();
                }
            };
        }
    }

    /** The path of the value being read in {@code ctx}: {@code $.layers[1].weights[0]}. */
    static String valuePath(JsonStreamContext ctx) {
        if (ctx == null || ctx.inRoot()) {
            return "$";
        }
        return containerPath(ctx) + segment(ctx);
    }

    /** The path of the array or object {@code ctx} is the inside of. */
    private static String containerPath(JsonStreamContext ctx) {
        if (ctx == null || ctx.inRoot()) {
            return "$";
        }
        JsonStreamContext parent = ctx.getParent();
        return parent == null || parent.inRoot() ? "$" : containerPath(parent) + segment(parent);
    }

    private static String segment(JsonStreamContext ctx) {
        if (ctx.inArray()) {
            return "[" + ctx.getCurrentIndex() + "]";
        }
        String name = ctx.getCurrentName();
        return name == null ? "" : JsonNodes.memberPath(name);
    }
}
