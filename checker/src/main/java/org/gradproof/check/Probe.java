package org.gradproof.check;

import java.util.List;

/**
 * Evaluates a {@link BlockFunction} with one entry set to a trial value, and puts the entry's original bits back in a
 * {@code finally} block, so that a throwing or NaN-returning function never loses the caller's parameters.
 */
final class Probe {

    private final BlockFunction function;
    private final List<ParameterBlock> blocks;
    /** The function's own evaluator of one changed entry, made at the checked point (absent: set and restore). */
    private final EntryEvaluator shortcut;
    private long evaluations;
    /** Whether every finite value seen so far is a float (has at most 24 significant bits). */
    private boolean floatValues = true;
    /** Distinct finite values seen, up to {@value #FLOAT_EVIDENCE}. */
    private final java.util.Set<Double> distinct = new java.util.HashSet<>();
    /** f at the unperturbed parameters, as first evaluated (NaN before). */
    private double reference = Double.NaN;
    /** The smallest nonzero |f − f(x)| seen at any perturbed point (infinite before one). */
    private double smallestMove = Double.POSITIVE_INFINITY;
    /** {@link #smallestMove} when the entries began to be judged one by one ({@link #freezeMoves}); NaN before. */
    private double frozenMove = Double.NaN;
    /** The smallest nonzero |f − f(x)| since {@link #startEntry}. */
    private double entryMove = Double.POSITIVE_INFINITY;
    /** Whether a value seen is a float whose significand fills at least {@value #FULL_FLOAT_BITS} bits. */
    private boolean fullFloatSeen;
    /** How many distinct values, all floats, show that f is computed in float. */
    static final int FLOAT_EVIDENCE = 16;
    /** Significant bits of a float value that a double-precision result reaches only by a 2⁻²⁹ chance. */
    static final int FULL_FLOAT_BITS = 20;

    /**
     * A probe of an independent copy of the function ({@link BlockFunction#threadCopy}) for another thread, knowing
     * what this one knows: f at the unperturbed parameters and the frozen smallest move.
     */
    Probe forCopy(BlockFunction copy) {
        Probe p = new Probe(copy, copy.blocks());
        p.reference = reference;
        p.smallestMove = smallestMove;
        p.frozenMove = frozenMove;
        p.floatValues = floatValues;
        p.fullFloatSeen = fullFloatSeen;
        p.distinct.addAll(distinct);
        return p;
    }

    Probe(BlockFunction function, List<ParameterBlock> blocks) {
        this.function = function;
        this.blocks = blocks;
        try {
            this.shortcut = function.entryEvaluator().orElse(null);
        } catch (RuntimeException e) {
            throw new FunctionEvaluationException("the function threw while making its entry evaluator: " + e, e);
        }
    }

    /** f at the unperturbed parameters. */
    double value() {
        evaluations++;
        try {
            double v = seen(function.value());
            if (Double.isNaN(reference)) {
                reference = v;
            }
            return v;
        } catch (RuntimeException e) {
            throw new FunctionEvaluationException("the function threw at the unperturbed parameters: " + e, e);
        }
    }

    /** f with entry {@code k} of block {@code b} set to {@code trial}; the entry is restored bit-exactly. */
    double valueWith(int b, int k, double trial) {
        double[] data = blocks.get(b).data();
        double saved = data[k];
        evaluations++;
        if (shortcut != null) {
            try {
                return moved(seen(shortcut.valueWith(b, k, trial)));
            } catch (RuntimeException e) {
                throw new FunctionEvaluationException("the function's entry evaluator threw at " + blocks.get(b).label(k)
                        + " = " + trial + " (original value " + saved + "): " + e, e);
            }
        }
        data[k] = trial;
        try {
            return moved(seen(function.value()));
        } catch (RuntimeException e) {
            throw new FunctionEvaluationException("the function threw while evaluating at " + blocks.get(b).label(k)
                    + " = " + trial + " (original value " + saved + "): " + e, e);
        } finally {
            data[k] = saved;
        }
    }

    /**
     * f with entries {@code support} of block {@code b} moved together by t · direction (called {@code name} in an
     * error: "its claimed gradient", "random direction 2"); every entry is restored bit-exactly.
     */
    double valueAlong(int b, int[] support, double[] direction, String name, double t) {
        double[] data = blocks.get(b).data();
        double[] saved = new double[support.length];
        for (int j = 0; j < support.length; j++) {
            saved[j] = data[support[j]];
        }
        evaluations++;
        try {
            for (int j = 0; j < support.length; j++) {
                data[support[j]] = saved[j] + t * direction[j];
            }
            return moved(seen(function.value()));
        } catch (RuntimeException e) {
            throw new FunctionEvaluationException("the function threw while evaluating with " + blocks.get(b).name()
                    + " moved by " + t + " along " + name + ": " + e, e);
        } finally {
            for (int j = 0; j < support.length; j++) {
                data[support[j]] = saved[j];
            }
        }
    }

    /**
     * Whether f looks computed in single precision: every finite value seen is exactly a float, and either
     * {@value #FLOAT_EVIDENCE} distinct ones were seen or one of them fills {@value #FULL_FLOAT_BITS} significant bits
     * or more (a double-precision result is such a float by chance once in 2²⁹; round values such as 0, 1 or 0.375
     * are floats in any precision, hence the count). A loss computed in float that never moves under the steps (a
     * saturated float network) shows only f(x) itself, and that is enough. Its rounding is then 2⁻²⁴ · |f|, not
     * ε · |f|.
     */
    boolean valuesAreFloats() {
        return floatValues && (fullFloatSeen || distinct.size() >= FLOAT_EVIDENCE);
    }

    private double moved(double v) {
        double move = Math.abs(v - reference);
        if (move > 0) {
            smallestMove = Math.min(smallestMove, move);
            entryMove = Math.min(entryMove, move);
        }
        return v;
    }

    private double seen(double v) {
        if (Double.isFinite(v)) {
            floatValues &= v == (double) (float) v;
            fullFloatSeen |= v != 0 && significantBits(v) >= FULL_FLOAT_BITS;
            if (distinct.size() < FLOAT_EVIDENCE) {
                distinct.add(v);
            }
        }
        return v;
    }

    /**
     * The smallest nonzero change of f from its value at the unperturbed parameters seen at any perturbed point so far,
     * along any entry: a few roundings of f for a loss computed plainly, a coarser quantum for one computed through
     * cancellation (which moves in steps of the rounding of its large intermediates); infinite if f never moved.
     */
    double smallestMove() {
        return Double.isNaN(frozenMove) ? smallestMove : Math.min(frozenMove, entryMove);
    }

    /**
     * From now on {@link #smallestMove} is what was seen before this call and along the entry being judged, not along
     * the entries judged before it: an entry's verdict must not depend on the order the entries are judged in (nor on
     * the thread that judges them).
     */
    void freezeMoves() {
        frozenMove = smallestMove;
    }

    /** A new entry (or direction) is about to be judged: its own moves start afresh. */
    void startEntry() {
        entryMove = Double.POSITIVE_INFINITY;
    }

    /** The bits of v's significand up to its last 1 (1 for a power of two, 53 for most doubles). */
    static int significantBits(double v) {
        long significand = (Double.doubleToRawLongBits(v) & 0x000F_FFFF_FFFF_FFFFL) | 0x0010_0000_0000_0000L;
        return 53 - Long.numberOfTrailingZeros(significand);
    }

    long evaluations() {
        return evaluations;
    }

    /** The blocks this probe moves. */
    List<ParameterBlock> blocks() {
        return blocks;
    }
}
