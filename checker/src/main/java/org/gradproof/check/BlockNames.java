package org.gradproof.check;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a block's name says about it, under the naming schemes people use for layered models: the kind of parameter
 * (weights or bias) and the layer it belongs to. {@code dense1.W}, {@code layers[0].b}, {@code fc1.weight},
 * {@code lstm1.b_f} (a gate suffix after the kind), {@code W1} / {@code b2} (the layer number after the kind) and
 * {@code bias_hidden} (the layer after an underscore) are read; anything else ({@code x}, {@code THETA[0]},
 * {@code h0.lstm1}) is no layer's parameter.
 */
final class BlockNames {

    /** What a block holds. */
    enum Kind { WEIGHTS, BIAS, OTHER }

    private static final Set<String> WEIGHT_WORDS = Set.of("weight", "weights", "kernel");
    private static final Set<String> BIAS_WORDS = Set.of("bias", "biases");
    /** The kind, then an optional layer number ({@code W1}, {@code weights[2]}), then an optional _suffix. */
    private static final Pattern LAST = Pattern.compile("([A-Za-z]+)(\\d+|\\[\\d+])?(?:_(\\w+))?");

    private BlockNames() {
    }

    /** The kind of parameter the name says the block holds. */
    static Kind kind(String name) {
        return parse(name).map(Parsed::kind).orElse(Kind.OTHER);
    }

    /**
     * The layer the block belongs to, as a key shared by that layer's blocks: {@code dense1} for {@code dense1.W},
     * {@code [1]} for {@code W1}, {@code E[1]} for {@code E.W1}, {@code hidden} for {@code bias_hidden}; empty when
     * the name says no layer (a bare {@code W}) or the block is no layer's parameter.
     */
    static Optional<String> layer(String name) {
        return parse(name).map(Parsed::layer).filter(l -> !l.isEmpty());
    }

    private record Parsed(Kind kind, String layer) {
    }

    private static Optional<Parsed> parse(String name) {
        int dot = name.lastIndexOf('.');
        String prefix = dot < 0 ? "" : name.substring(0, dot);
        Matcher m = LAST.matcher(name.substring(dot + 1));
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = kindOf(m.group(1));
        if (kind == Kind.OTHER) {
            return Optional.empty();
        }
        String number = m.group(2) == null ? "" : m.group(2).replace("[", "").replace("]", "");
        String layer = prefix + (number.isEmpty() ? "" : "[" + number + "]");
        // after a dotted layer name the suffix is a gate (lstm1.W_i); on its own it names the layer (bias_hidden)
        if (layer.isEmpty() && m.group(3) != null) {
            layer = m.group(3);
        }
        return Optional.of(new Parsed(kind, layer));
    }

    private static Kind kindOf(String word) {
        if (word.equals("W") || word.equals("w") || word.equals("U")) {
            return Kind.WEIGHTS;
        }
        if (word.equals("b")) {
            return Kind.BIAS;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        return WEIGHT_WORDS.contains(lower) ? Kind.WEIGHTS : BIAS_WORDS.contains(lower) ? Kind.BIAS : Kind.OTHER;
    }
}
