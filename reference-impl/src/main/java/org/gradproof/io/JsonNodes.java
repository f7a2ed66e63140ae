package org.gradproof.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON value together with where it came from (file and JSON path), and strict readers whose errors say what was
 * expected and what was found. Unknown fields are errors; NaN and ±Infinity are accepted as bare tokens (as Python's
 * {@code json} writes them) and as the strings "NaN", "Infinity", "-Infinity", and rejected where a value must be
 * finite.
 */
final class JsonNodes {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonNodes() {
    }

    /** Parses a whole document; syntax errors name the line and column. */
    static Node parse(String text, String source) {
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new InterchangeException(source, "", "the file is empty: expected a JSON object");
            }
            return new Node(root, "$", source);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            throw new InterchangeException(source, "", where + "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** One value of a document and its JSON path. */
    record Node(JsonNode value, String path, String source) {

        InterchangeException error(String detail) {
            return new InterchangeException(source, path, detail);
        }

        /** Requires an object with only the given fields; says which field is unknown and which are allowed. */
        Node object(String what, Set<String> allowed) {
            if (!value.isObject()) {
                throw error("expected " + what + " (a JSON object), got " + kind(value));
            }
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw error("unknown field \"" + name + "\" in " + what + " (allowed: " + String.join(", ", allowed)
                            + ")");
                }
            }
            return this;
        }

        /** A required field of this object. */
        Node field(String name, String meaning) {
            JsonNode child = value.get(name);
            if (child == null) {
                throw error("missing field \"" + name + "\" (" + meaning + ")");
            }
            return new Node(child, path + "." + name, source);
        }

        Optional<Node> optionalField(String name) {
            JsonNode child = value.get(name);
            return child == null ? Optional.empty() : Optional.of(new Node(child, path + "." + name, source));
        }

        /** The field names of this object, in document order. */
        List<String> fieldNames() {
            List<String> names = new ArrayList<>();
            value.fieldNames().forEachRemaining(names::add);
            return names;
        }

        /** A member of this object addressed in bracket notation, for names with dots: {@code $.blocks['dense1.W']}. */
        Node member(String name) {
            return new Node(value.get(name), path + "['" + name + "']", source);
        }

        Node element(int i) {
            return new Node(value.get(i), path + "[" + i + "]", source);
        }

        String string(String meaning) {
            if (!value.isTextual()) {
                throw error("expected " + meaning + " (a string), got " + kind(value));
            }
            return value.textValue();
        }

        int integer(int min, String meaning) {
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
                throw error("expected " + meaning + " (an integer of at least " + min + "), got " + kind(value));
            }
            return value.intValue();
        }

        double number(boolean finite, String meaning) {
            double v;
            if (value.isNumber()) {
                v = value.doubleValue();
            } else if (value.isTextual() && NON_FINITE.contains(value.textValue())) {
                v = Double.parseDouble(value.textValue());
            } else {
                throw error("expected " + (finite ? "a finite number" : "a number") + " (" + meaning + "), got "
                        + kind(value));
            }
            if (finite && !Double.isFinite(v)) {
                throw error("expected a finite number (" + meaning + "), got " + v);
            }
            return v;
        }

        int length(String what) {
            if (!value.isArray()) {
                throw error("expected " + what + ", got " + kind(value));
            }
            return value.size();
        }

        /** A vector of exactly n numbers. */
        double[] vector(int n, String what, boolean finite) {
            int size = length("an array of " + n + " numbers (" + what + ")");
            if (size != n) {
                throw error("expected " + n + " numbers (" + what + "), got " + size);
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = element(i).number(finite, "entry [" + i + "] of " + what);
            }
            return v;
        }

        /** A rows × cols matrix as an array of rows; a ragged row names its index and both lengths. */
        double[][] matrix(int rows, int cols, String what, boolean finite) {
            int size = length("an array of " + rows + " rows (" + what + ")");
            if (size != rows) {
                throw error("expected " + rows + " rows (" + what + "), got " + size);
            }
            double[][] m = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                Node row = element(i);
                String rowWhat = "row " + i + " of " + what;
                int n = row.length("an array of " + cols + " numbers (" + rowWhat + ")");
                if (n != cols) {
                    throw row.error("expected " + cols + " numbers (" + rowWhat + "), got " + n);
                }
                for (int j = 0; j < cols; j++) {
                    m[i][j] = row.element(j).number(finite, "entry [" + i + "," + j + "] of " + what);
                }
            }
            return m;
        }

        /** A non-empty rectangular matrix of any shape; the first row sets the width. */
        double[][] anyMatrix(String what, boolean finite) {
            int rows = length("a non-empty array of rows (" + what + ")");
            if (rows == 0) {
                throw error("expected at least one row (" + what + "), got an empty array");
            }
            int cols = element(0).length("an array of numbers (row 0 of " + what + ")");
            if (cols == 0) {
                throw element(0).error("expected at least one number (row 0 of " + what + "), got an empty array");
            }
            return matrix(rows, cols, what + ", " + rows + "x" + cols + " by its first row", finite);
        }
    }

    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    private static final Set<String> LAYOUT_FIELDS = new java.util.LinkedHashSet<>(List.of("weights", "bias", "gates"));

    /**
     * Reads {@code "layout": {…, "gates": "separate" | "stacked"}}: required when {@code lstm} is true (the model
     * has LSTM layers), refused otherwise. Returns null for a model without LSTM layers.
     */
    static GateLayout gates(Node root, boolean lstm) {
        Node layout = root.field("layout", "");
        java.util.Optional<Node> g = layout.optionalField("gates");
        if (!lstm) {
            if (g.isPresent()) {
                throw g.get().error("unexpected: the model has no lstm layers (\"gates\" says how an LSTM layer's "
                        + "gate weights are stored); remove this field");
            }
            return null;
        }
        Node node = layout.field("gates", "how the LSTM gates are stored: " + GateLayout.ids()
                + " (gate order i, f, g, o); it is stated, never guessed");
        GateLayout gates = GateLayout.byId(node.string("how the LSTM gates are stored"));
        if (gates == null) {
            throw node.error("expected " + GateLayout.ids() + ", got " + kind(node.value()));
        }
        return gates;
    }

    /**
     * Reads a rectangular array of numbers of {@code shape.length} axes, row-major. An entry of {@code shape} that is
     * -1 is fixed by the first element met along that axis (and must be at least 1). A wrong length names the JSON
     * path, the axis and both sizes: {@code $.inputs[2]: axis 1 (batch) must have 3 entries, got 2}.
     *
     * @param shape  the expected sizes, -1 for "as the first"; filled in on return
     * @param axes   the axes' names, e.g. {@code seq, batch, features}
     * @param why    per axis, why that size is expected (e.g. "the model's inputs"), or null
     * @param what   what the array is, for the entries' messages
     */
    static double[] array(Node node, int[] shape, String[] axes, String[] why, String what, boolean finite) {
        return array(node, 0, shape, axes, why, what, finite);
    }

    /** The same for the sub-array at index [k] of axis {@code firstAxis − 1}: reads axes firstAxis … of shape. */
    static double[] array(Node node, int firstAxis, int[] shape, String[] axes, String[] why, String what,
                          boolean finite) {
        List<Double> out = new ArrayList<>();
        fill(node, firstAxis, shape, axes, why, what, finite, out, "");
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    private static void fill(Node node, int axis, int[] shape, String[] axes, String[] why, String what,
                             boolean finite, List<Double> out, String index) {
        if (axis == shape.length) {
            out.add(node.number(finite, "entry " + index + " of " + what));
            return;
        }
        String name = "axis " + axis + " (" + axes[axis] + ")";
        int n = node.length("an array along " + name + " of " + what);
        if (shape[axis] < 0) {
            if (n == 0) {
                throw node.error(name + " must have at least 1 entry, got 0");
            }
            shape[axis] = n;
        } else if (n != shape[axis]) {
            String reason = why == null || why[axis] == null ? "" : " (" + why[axis] + ")";
            throw node.error(name + " must have " + shape[axis] + " entries" + reason + ", got " + n);
        }
        for (int i = 0; i < n; i++) {
            fill(node.element(i), axis + 1, shape, axes, why, what, finite, out, index + "[" + i + "]");
        }
    }

    /** What a value is, for "got …": "a string \"x\"", "an array of 3", "a number 2.5", "null", "an object". */
    static String kind(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isArray()) {
            return "an array of " + v.size();
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isTextual()) {
            String t = v.textValue();
            return "a string \"" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "\"";
        }
        if (v.isBoolean()) {
            return "a boolean " + v.booleanValue();
        }
        if (v.isNumber()) {
            return "a number " + v.numberValue();
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads {@code "layout": {"weights": "out_in" | "in_out", "bias": "separate" | "first" | "last"}}. */
    static Layout layout(Node root) {
        Node node = root.field("layout", "how W and b are stored: {\"weights\": " + WeightOrder.ids()
                + ", \"bias\": " + BiasPlacement.ids() + "}; it is stated, never guessed")
                .object("a layout", LAYOUT_FIELDS);
        Node w = node.field("weights", "the order of W: " + WeightOrder.ids());
        WeightOrder order = WeightOrder.byId(w.string("the order of W"));
        if (order == null) {
            throw w.error("expected " + WeightOrder.ids() + ", got " + kind(w.value()));
        }
        Node b = node.field("bias", "where the bias is: " + BiasPlacement.ids());
        BiasPlacement bias = BiasPlacement.byId(b.string("where the bias is"));
        if (bias == null) {
            throw b.error("expected " + BiasPlacement.ids() + ", got " + kind(b.value()));
        }
        return new Layout(order, bias);
    }

    /**
     * Parses a document of the given format: its root must be an object whose {@code "format"} and
     * {@code "version"} are checked before its fields, so that a file of another type is named as such.
     */
    static Node document(String json, String source, String format, Set<String> fields) {
        Node root = parse(json, source);
        if (!root.value().isObject()) {
            throw root.error("expected a " + format + " document (a JSON object), got " + kind(root.value()));
        }
        requireHeader(root, format);
        return root.object("a " + format + " document", fields);
    }

    /** Checks {@code "format"} and {@code "version"} of a document's root object. */
    static void requireHeader(Node root, String format) {
        String found = root.field("format", "the document type, \"" + format + "\"").string("the document type");
        if (!found.equals(format)) {
            throw root.field("format", "").error("expected \"" + format + "\", got \"" + found + "\""
                    + (found.startsWith("gradproof-") ? " (the files are in the wrong order?)" : ""));
        }
        Node version = root.field("version", "the format version, 1");
        int v = version.integer(1, "the format version");
        if (v != 1) {
            throw version.error("expected version 1, got " + v + ": this gradproof reads version 1 of " + format);
        }
    }
}
