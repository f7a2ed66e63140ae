package org.gradproof.io;

import org.gradproof.io.JsonValue.ListValue;
import org.gradproof.io.JsonValue.NumberArray;
import org.gradproof.io.JsonValue.ObjectValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One pass, numbers packed as they stream by, and every complaint of the parser said in gradproof's words. */
class JsonReaderTest {

    private static JsonValue read(String json) {
        return JsonReader.read(json, "d.json");
    }

    private static String error(String json) {
        return assertThrows(InterchangeException.class, () -> read(json)).getMessage();
    }

    @Test
    void aMatrixIsOnePackedArrayWithItsShape() {
        ObjectValue root = assertInstanceOf(ObjectValue.class, read("{\"m\": [[1, 2, 3], [4, 5.5, -6e2]]}"));
        NumberArray m = assertInstanceOf(NumberArray.class, root.fields().get("m"));
        assertArrayEquals(new int[] {2, 3}, m.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5.5, -600}, m.data());
        NumberArray cube = assertInstanceOf(NumberArray.class, read("[[[1], [2]], [[3], [4]], [[5], [6]]]"));
        assertArrayEquals(new int[] {3, 2, 1}, cube.shape());
        NumberArray third = (NumberArray) cube.element(2); // a view, not a copy
        assertEquals(4, third.offset());
        assertArrayEquals(new int[] {2, 1}, third.shape());
    }

    @Test
    void nonFiniteTokensAndStringsArePackedAsNumbers() {
        NumberArray a = assertInstanceOf(NumberArray.class, read("[NaN, Infinity, -Infinity, \"NaN\", \"-Infinity\"]"));
        assertEquals(5, a.size());
        assertEquals(Double.NEGATIVE_INFINITY, a.data()[4]);
        assertEquals(Double.NaN, a.data()[3]);
    }

    @Test
    void aRaggedOrMixedArrayKeepsItsElementsForTheMessage() {
        ListValue ragged = assertInstanceOf(ListValue.class, read("[[1, 2], [3], [4, 5]]"));
        assertEquals(3, ragged.elements().size());
        assertArrayEquals(new int[] {1}, ((NumberArray) ragged.elements().get(1)).shape());
        assertArrayEquals(new int[] {2}, ((NumberArray) ragged.elements().get(2)).shape());
        ListValue mixed = assertInstanceOf(ListValue.class, read("[1, 2, \"x\", 4]"));
        assertEquals("a number 2.0", mixed.elements().get(1).kind());
        assertEquals("a string \"x\"", mixed.elements().get(2).kind());
        assertEquals("a number 4", mixed.elements().get(3).kind());
        assertInstanceOf(ListValue.class, read("[]"));
    }

    @Test
    void syntaxErrorsNameThePathLineAndColumnInPlainWords() {
        assertEquals("d.json: $.a[2]: not valid JSON at line 1, column 13: unexpected ',' (expected a value: a "
                + "number, a string in double quotes, an array, an object, true, false or null)", error("{\"a\": [1, 2,, 3]}"));
        assertEquals("d.json: $.a: not valid JSON at line 1, column 6: unexpected '1' (expected ':' after a field name)",
                error("{\"a\" 1}"));
        assertEquals("d.json: $: not valid JSON at line 1, column 2: unexpected 'a' (expected a field name in double "
                + "quotes)", error("{a: 1}"));
        assertEquals("d.json: $.a: not valid JSON at line 1, column 7: unknown word 'tru' (JSON's words are true, "
                + "false and null; a number may also be NaN, Infinity or -Infinity)", error("{\"a\": tru}"));
        assertEquals("d.json: $.a: not valid JSON at line 1, column 8: a malformed number (a number may not start "
                + "with 0 followed by digits)", error("{\"a\": 01}"));
        assertEquals("d.json: $.a: not valid JSON at line 1, column 8: a malformed number at '+' (JSON numbers have no "
                + "+ sign)", error("{\"a\": +1}"));
        assertEquals("d.json: $.a: not valid JSON at line 1, column 9: a control character U+000A inside a string: "
                + "JSON needs it written with a backslash escape (\\n, \\t, \\u0001 …)", error("{\"a\": \"x\ny\"}"));
        assertEquals("d.json: $.a: not valid JSON at line 1, column 8: unexpected ']': it closes the wrong bracket "
                + "(an object is open)", error("{\"a\": 1]"));
        assertEquals("d.json: $: not valid JSON at line 1, column 9: unexpected '}': it closes nothing that is open",
                error("{\"a\": 1}}"));
        assertEquals("d.json: $: not valid JSON at line 1, column 10: more text after the end of the document (one "
                + "JSON value per file)", error("{\"a\": 1} {}"));
        assertEquals("d.json: $.a: not valid JSON at line 1, column 7: unexpected byte-order mark (U+FEFF) inside the "
                + "text (only the first character of a file may be one)", error("{\"a\": \uFEFF1}"));
    }

    @Test
    void aTruncatedTextSaysSoWherever() {
        String doc = "{\"format\": \"gradproof-model\", \"layers\": [{\"w\": [[1.5, -2.0], [3, 4]]}], \"n\": true}";
        for (int end = 1; end < doc.length(); end++) {
            String message = error(doc.substring(0, end));
            assertTrue(message.contains("the text ends") || message.contains("a malformed number at '.'")
                            || message.contains("unknown word 't"),
                    "truncated to " + end + ": " + message);
        }
        assertEquals("d.json: $.layers[0].w[0]: not valid JSON at line 1, column 60: the text ends before an array is "
                + "closed: is the file truncated?", error(doc.substring(0, 59)));
        assertEquals("d.json: $: the file is empty: expected a JSON object", error(" \n "));
    }

    @Test
    void duplicatesDepthAndLengthsAreRefusedWithThePath() {
        assertEquals("d.json: $.layout.bias: duplicate field \"bias\" (a field may appear once in an object)",
                error("{\"layout\": {\"bias\": \"last\", \"weights\": \"out_in\", \"bias\": \"first\"}}"));
        String deep = "[".repeat(40) + "]".repeat(40);
        assertEquals("d.json: $.a" + "[0]".repeat(32) + ": not valid JSON at line 1, column 39: arrays and objects "
                + "nested more than 32 deep (gradproof's documents need at most 5)", error("{\"a\": " + deep + "}"));
        assertEquals("d.json: $.a: not valid JSON at line 1, column 108: a number written with more than 100 characters",
                error("{\"a\": 1" + "0".repeat(100) + "}"));
        assertEquals("d.json: $.a: not valid JSON at line 1, column 10010: a string of more than 10000 characters",
                error("{\"a\": \"" + "x".repeat(10_001) + "\"}"));
    }

    @Test
    void millionsOfValuesThatAreNotPackedNumbersAreRefused() {
        StringBuilder many = new StringBuilder("{\"a\": [");
        for (int i = 0; i <= JsonReader.MAX_VALUES; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        String message = error(many.append("]}").toString());
        assertEquals("d.json: $.a[999999]: more than 1000000 values that are not numbers in arrays of numbers (objects, "
                + "strings, mixed arrays): not a gradproof document, which has a few dozen", message);
        StringBuilder numbers = new StringBuilder("[");
        for (int i = 0; i < 2 * JsonReader.MAX_VALUES; i++) {
            numbers.append(i == 0 ? "" : ",").append(i % 10);
        }
        assertEquals(2 * JsonReader.MAX_VALUES, ((NumberArray) read(numbers.append("]").toString())).size());
    }
}
