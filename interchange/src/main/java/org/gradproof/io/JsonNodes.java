package org.gradproof.io;

import org.gradproof.io.JsonValue.ListValue;
import org.gradproof.io.JsonValue.NumberArray;
import org.gradproof.io.JsonValue.NumberValue;
import org.gradproof.io.JsonValue.ObjectValue;
import org.gradproof.io.JsonValue.StringValue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON value together with where it came from (file and JSON path), and strict readers whose errors say what was
 * expected and what was found. Unknown fields are errors; NaN and ±Infinity are accepted as bare tokens (as Python's
 * {@code json} writes them) and as the strings "NaN", "Infinity", "-Infinity", and rejected where a value must be
 * finite. Sizes are checked against the data before anything of that size is allocated; a block of numbers that
 * {@link JsonReader} packed is copied out in one go.
 */
final class JsonNodes {

    private JsonNodes() {
    }

    /** Parses a whole document from text; errors name the line, the column and the JSON path. */
    static Node parse(String text, String source) {
        return new Node(JsonReader.read(text, source), "$", source);
    }

    /** Reads a whole document from a file, once, within the limits ({@link DocumentFile}). */
    static Node read(Path file, ReadLimits limits, String format) {
        return new Node(DocumentFile.read(file, limits, format), "$", file.toString());
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** ".name", or "['name']" for a name that is not a plain identifier ({@code $.blocks['dense1.W']}). */
    static String memberPath(String name) {
        return IDENTIFIER.matcher(name).matches() ? "." + name : "['" + name + "']";
    }

    /** One value of a document and its JSON path. */
    record Node(JsonValue value, String path, String source) {

        InterchangeException error(String detail) {
            return new InterchangeException(source, path, detail);
        }

        boolean isObject() {
            return value instanceof ObjectValue;
        }

        boolean isArray() {
            return value instanceof ListValue || value instanceof NumberArray;
        }

        /** Whether this is an object with a member of that name. */
        boolean has(String name) {
            return value instanceof ObjectValue o && o.fields().containsKey(name);
        }

        /** The string member of that name of this object, or null when there is none or it is not a string. */
        String text(String name) {
            return value instanceof ObjectValue o && o.fields().get(name) instanceof StringValue t ? t.text() : null;
        }

        /** Requires an object with only the given fields; says which field is unknown and which are allowed. */
        Node object(String what, Set<String> allowed) {
            if (!(value instanceof ObjectValue o)) {
                throw error("expected " + what + " (a JSON object), got " + kind(value));
            }
            for (String name : o.fields().keySet()) {
                if (!allowed.contains(name)) {
                    throw error("unknown field \"" + name + "\" in " + what + " (allowed: " + String.join(", ", allowed)
                            + ")");
                }
            }
            return this;
        }

        /** A required field of this object. */
        Node field(String name, String meaning) {
            JsonValue child = value instanceof ObjectValue o ? o.fields().get(name) : null;
            if (child == null) {
                throw error("missing field \"" + name + "\" (" + meaning + ")");
            }
            return new Node(child, path + "." + name, source);
        }

        Optional<Node> optionalField(String name) {
            JsonValue child = value instanceof ObjectValue o ? o.fields().get(name) : null;
            return child == null ? Optional.empty() : Optional.of(new Node(child, path + "." + name, source));
        }

        /** The field names of this object, in document order. */
        List<String> fieldNames() {
            return value instanceof ObjectValue o ? new ArrayList<>(o.fields().keySet()) : List.of();
        }

        /** A member of this object addressed in bracket notation, for names with dots: {@code $.blocks['dense1.W']}. */
        Node member(String name) {
            return new Node(((ObjectValue) value).fields().get(name), path + "['" + name + "']", source);
        }

        /** Element i of this array (0 ≤ i < its length). */
        Node element(int i) {
            JsonValue e = value instanceof NumberArray a ? a.element(i) : ((ListValue) value).elements().get(i);
            return new Node(e, path + "[" + i + "]", source);
        }

        String string(String meaning) {
            if (!(value instanceof StringValue s)) {
                throw error("expected " + meaning + " (a string), got " + kind(value));
            }
            return s.text();
        }

        int integer(int min, String meaning) {
            Number n = value instanceof NumberValue v ? v.value() : null;
            boolean integral = n instanceof Integer || n instanceof Long || n instanceof BigInteger;
            if (!integral || n.longValue() != n.intValue() || n instanceof BigInteger big && big.bitLength() > 31
                    || n.intValue() < min) {
                throw error("expected " + meaning + " (an integer of at least " + min + "), got " + kind(value));
            }
            return n.intValue();
        }

        double number(boolean finite, String meaning) {
            double v;
            if (value instanceof NumberValue n) {
                v = n.value().doubleValue();
            } else if (value instanceof StringValue s && NON_FINITE.contains(s.text())) {
                v = Double.parseDouble(s.text());
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
            if (value instanceof NumberArray a) {
                return a.size();
            }
            if (!(value instanceof ListValue l)) {
                throw error("expected " + what + ", got " + kind(value));
            }
            return l.elements().size();
        }

        /** A vector of exactly n numbers. */
        double[] vector(int n, String what, boolean finite) {
            int size = length("an array of " + n + " numbers (" + what + ")");
            if (size != n) {
                throw error("expected " + n + " numbers (" + what + "), got " + size);
            }
            double[] packed = packed(new int[] {n}, finite);
            if (packed != null) {
                return packed;
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = element(i).number(finite, "entry [" + i + "] of " + what);
            }
            return v;
        }

        /**
         * A rows × cols matrix as an array of rows; a ragged row names its index and both lengths. Every row's length
         * is checked before its numbers are copied, so a declared size the data does not have allocates nothing.
         */
        double[][] matrix(int rows, int cols, String what, boolean finite) {
            int size = length("an array of " + rows + " rows (" + what + ")");
            if (size != rows) {
                throw error("expected " + rows + " rows (" + what + "), got " + size);
            }
            double[] packed = packed(new int[] {rows, cols}, finite);
            if (packed != null) {
                double[][] m = new double[rows][];
                for (int i = 0; i < rows; i++) {
                    m[i] = Arrays.copyOfRange(packed, i * cols, (i + 1) * cols);
                }
                return m;
            }
            double[][] m = new double[rows][];
            for (int i = 0; i < rows; i++) {
                Node row = element(i);
                String rowWhat = "row " + i + " of " + what;
                int n = row.length("an array of " + cols + " numbers (" + rowWhat + ")");
                if (n != cols) {
                    throw row.error("expected " + cols + " numbers (" + rowWhat + "), got " + n);
                }
                m[i] = new double[cols];
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

        /**
         * As {@link #anyMatrix(String, boolean)}, row-major in one array (a packed block is copied in one go);
         * {@code shape} receives the rows and the columns.
         */
        double[] anyMatrix(String what, boolean finite, int[] shape) {
            shape[0] = -1;
            shape[1] = -1;
            double[] packed = packed(shape, finite);
            if (packed != null) {
                return packed;
            }
            double[][] m = anyMatrix(what, finite);
            shape[0] = m.length;
            shape[1] = m[0].length;
            double[] flat = new double[m.length * m[0].length];
            for (int i = 0; i < m.length; i++) {
                System.arraycopy(m[i], 0, flat, i * shape[1], shape[1]);
            }
            return flat;
        }

        /**
         * This value's numbers, row-major, when it is a packed block of exactly this shape (-1: any size, filled in)
         * whose numbers are finite if they must be; else null, and the caller walks the elements to find the error.
         */
        double[] packed(int[] shape, boolean finite) {
            if (!(value instanceof NumberArray a) || a.shape().length != shape.length) {
                return null;
            }
            for (int k = 0; k < shape.length; k++) {
                if (shape[k] >= 0 && shape[k] != a.shape()[k]) {
                    return null;
                }
            }
            double[] numbers = Arrays.copyOfRange(a.data(), a.offset(), a.offset() + a.count());
            if (finite) {
                for (double v : numbers) {
                    if (!Double.isFinite(v)) {
                        return null;
                    }
                }
            }
            System.arraycopy(a.shape(), 0, shape, 0, shape.length);
            return numbers;
        }
    }

    static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    private static final Set<String> LAYOUT_FIELDS = new LinkedHashSet<>(List.of("weights", "bias", "gates"));

    /**
     * Reads {@code "layout": {…, "gates": "separate" | "stacked"}}: required when {@code lstm} is true (the model
     * has LSTM layers), refused otherwise. Returns null for a model without LSTM layers.
     */
    static GateLayout gates(Node root, boolean lstm) {
        Node layout = root.field("layout", "");
        Optional<Node> g = layout.optionalField("gates");
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
        int[] rest = Arrays.copyOfRange(shape, firstAxis, shape.length);
        double[] packed = node.packed(rest, finite);
        if (packed != null) {
            System.arraycopy(rest, 0, shape, firstAxis, rest.length);
            return packed;
        }
        Numbers out = new Numbers();
        fill(node, firstAxis, shape, axes, why, what, finite, out, "");
        return Arrays.copyOf(out.values, out.size);
    }

    /** A growing array of numbers. */
    private static final class Numbers {
        double[] values = new double[16];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }
    }

    private static void fill(Node node, int axis, int[] shape, String[] axes, String[] why, String what,
                             boolean finite, Numbers out, String index) {
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
    static String kind(JsonValue v) {
        return v == null ? "null" : v.kind();
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
     * Checks a parsed document of the given format: its root must be an object whose {@code "format"} and
     * {@code "version"} are checked before its fields, so that a file of another type is named as such.
     */
    static Node document(Node root, String format, Set<String> fields) {
        if (!root.isObject()) {
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
