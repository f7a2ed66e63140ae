package org.gradproof.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Breaks a valid interchange document in one place, chosen by a seeded random source, in a way that makes it invalid
 * whatever was broken: a required field deleted, an unknown or duplicate field added, a value of another JSON type, a
 * declared size changed, a number made non-finite where it must be finite, a value wrapped in or unwrapped from an
 * array or buried deep in arrays, two differently shaped values swapped, a string changed, the text truncated. Each
 * result says what was done, for the failure message.
 */
final class DocumentMutator {

    /** A broken document and what broke it. */
    record Mutant(String description, String text) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stand-ins replaced in the text after writing, for what a JSON tree cannot hold. */
    private static final String RAW = "\u0000raw:";
    private static final String DUPLICATE = "\u0000dup:";
    private static final String[] NON_FINITE = {"NaN", "Infinity", "-Infinity", "1e999", "-1e999"};
    private static final String[] SIZES = {"0", "-1", "1000000000", "2147483648", "100000000000000000000", "2.5",
            "-2147483648", "1e9"};

    private final SplittableRandom random;

    DocumentMutator(SplittableRandom random) {
        this.random = random;
    }

    /** One mutation of a valid document; gradients may hold non-finite numbers, so that mutation is not used there. */
    Mutant mutate(String json) {
        JsonNode root = read(json);
        boolean gradients = "gradproof-gradients".equals(root.path("format").asText());
        while (true) {
            Mutant m = switch (random.nextInt(12)) {
                case 0 -> deleteField(root, gradients);
                case 1 -> addUnknownField(root);
                case 2 -> duplicateField(root);
                case 3 -> retype(root);
                case 4 -> changeSize(root);
                case 5 -> gradients ? null : nonFinite(root);
                case 6 -> wrap(root, 1);
                case 7 -> unwrap(root);
                case 8 -> wrap(root, 40);
                case 9 -> swapFields(root);
                case 10 -> changeString(root);
                default -> truncate(json);
            };
            if (m != null) {
                return m;
            }
        }
    }

    /** A value in the tree and where it sits: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index, JsonNode value, String path) {

        void set(JsonNode replacement) {
            if (parent instanceof ObjectNode o) {
                o.set(field, replacement);
            } else {
                ((ArrayNode) parent).set(index, replacement);
            }
        }
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "$", slots);
        return slots;
    }

    private static void collect(JsonNode node, String path, List<Slot> slots) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                JsonNode child = node.get(name);
                String p = path + "." + name;
                slots.add(new Slot(node, name, -1, child, p));
                collect(child, p, slots);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                slots.add(new Slot(node, null, i, node.get(i), p));
                collect(node.get(i), p, slots);
            }
        }
    }

    private Slot pick(JsonNode root, Predicate<Slot> which) {
        List<Slot> candidates = slots(root).stream().filter(which).toList();
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private JsonNode pickObject(JsonNode root) {
        List<JsonNode> objects = new ArrayList<>(List.of(root));
        slots(root).stream().map(Slot::value).filter(JsonNode::isObject).forEach(objects::add);
        return objects.get(random.nextInt(objects.size()));
    }

    private Mutant deleteField(JsonNode root, boolean gradients) {
        Slot s = pick(root, x -> x.field() != null && !(gradients && x.path().equals("$.loss")));
        ((ObjectNode) s.parent()).remove(s.field());
        return new Mutant("deleted " + s.path(), write(root));
    }

    private Mutant addUnknownField(JsonNode root) {
        JsonNode o = pickObject(root);
        ((ObjectNode) o).put("zz_unknown", 1);
        return new Mutant("added an unknown field", write(root));
    }

    private Mutant duplicateField(JsonNode root) {
        JsonNode o = pickObject(root);
        if (o.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        ((ObjectNode) o).set(DUPLICATE + name, o.get(name).deepCopy());
        return new Mutant("duplicated field \"" + name + "\"", write(root));
    }

    /** A value replaced by one of another JSON type. */
    private Mutant retype(JsonNode root) {
        Slot s = pick(root, x -> true);
        JsonNode[] others = {NODES.textNode("x"), NODES.numberNode(7), NODES.booleanNode(true), NODES.nullNode(),
                NODES.objectNode(), NODES.arrayNode()};
        JsonNode replacement = others[random.nextInt(others.length)];
        if (replacement.getNodeType() == s.value().getNodeType()) {
            return null;
        }
        s.set(replacement);
        return new Mutant(s.path() + " replaced by " + replacement, write(root));
    }

    /** A declared size or the version changed: every one of them must match the data or be 1. */
    private Mutant changeSize(JsonNode root) {
        Slot s = pick(root, x -> x.field() != null && List.of("units", "inputs", "cells", "version").contains(x.field())
                && x.value().isInt());
        if (s == null) {
            return null;
        }
        int v = s.value().intValue();
        String[] choices = {String.valueOf(v + 1), String.valueOf(v - 1), SIZES[random.nextInt(SIZES.length)]};
        String size = choices[random.nextInt(choices.length)];
        s.set(NODES.textNode(RAW + size));
        return new Mutant(s.path() + " = " + size, write(root));
    }

    private Mutant nonFinite(JsonNode root) {
        Slot s = pick(root, x -> x.value().isNumber() && !List.of("version", "units", "inputs", "cells")
                .contains(x.field() == null ? "" : x.field()));
        if (s == null) {
            return null;
        }
        String v = NON_FINITE[random.nextInt(NON_FINITE.length)];
        s.set(NODES.textNode(RAW + v));
        return new Mutant(s.path() + " = " + v, write(root));
    }

    /** A value (or the whole document) inside {@code depth} arrays. */
    private Mutant wrap(JsonNode root, int depth) {
        Slot s = random.nextInt(10) == 0 ? null : pick(root, x -> true);
        JsonNode inner = s == null ? root : s.value();
        JsonNode wrapped = inner;
        for (int d = 0; d < depth; d++) {
            wrapped = NODES.arrayNode().add(wrapped);
        }
        if (s == null) {
            return new Mutant("the document inside " + depth + " arrays", write(wrapped));
        }
        s.set(wrapped);
        return new Mutant(s.path() + " inside " + depth + " arrays", write(root));
    }

    /** A non-empty array replaced by its first element. */
    private Mutant unwrap(JsonNode root) {
        Slot s = pick(root, x -> x.value().isArray() && !x.value().isEmpty());
        if (s == null) {
            return null;
        }
        s.set(s.value().get(0));
        return new Mutant(s.path() + " replaced by its first element", write(root));
    }

    /** Two fields of one object whose values differ in type or shape, swapped. */
    private Mutant swapFields(JsonNode root) {
        JsonNode o = pickObject(root);
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        if (names.size() < 2) {
            return null;
        }
        String a = names.get(random.nextInt(names.size()));
        String b = names.get(random.nextInt(names.size()));
        if (shape(o.get(a)).equals(shape(o.get(b)))) {
            return null;
        }
        JsonNode va = o.get(a);
        ((ObjectNode) o).set(a, o.get(b));
        ((ObjectNode) o).set(b, va);
        return new Mutant("swapped \"" + a + "\" and \"" + b + "\"", write(root));
    }

    /** The JSON type and, for arrays, the shape: values alike in it might be valid in each other's place. */
    private static String shape(JsonNode v) {
        if (v.isArray()) {
            return "[" + v.size() + (v.isEmpty() ? "" : shape(v.get(0))) + "]";
        }
        return v.getNodeType().name();
    }

    /** Every string in the documents is a format, a layout or a name from a fixed list: any other is wrong. */
    private Mutant changeString(JsonNode root) {
        Slot s = pick(root, x -> x.value().isTextual());
        String[] others = {"", s == null ? "" : s.value().textValue() + "_x", "NaN", "\u00e9t\u00e9", "\\n\t"};
        if (s == null) {
            return null;
        }
        JsonNode replacement = NODES.textNode(others[random.nextInt(others.length)]);
        s.set(replacement);
        return new Mutant(s.path() + " changed to " + replacement, write(root));
    }

    /** The text cut anywhere before its closing brace. */
    private Mutant truncate(String json) {
        int end = random.nextInt(json.lastIndexOf('}'));
        return new Mutant("truncated to " + end + " characters", json.substring(0, end));
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree as text, with the stand-ins for raw numbers and duplicate names put in. */
    private static String write(JsonNode root) {
        try {
            return MAPPER.writeValueAsString(root)
                    .replaceAll("\"\\\\u0000raw:([^\"]*)\"", "$1")
                    .replace("\\u0000dup:", "");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
