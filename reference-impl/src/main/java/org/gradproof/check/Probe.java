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
    /** How many distinct values, all floats, show that f is computed in float. */
    static final int FLOAT_EVIDENCE = 16;

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
            return seen(function.value());
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
                return seen(shortcut.valueWith(b, k, trial));
            } catch (RuntimeException e) {
                throw new FunctionEvaluationException("the function's entry evaluator threw at " + blocks.get(b).label(k)
                        + " = " + trial + " (original value " + saved + "): " + e, e);
            }
        }
        data[k] = trial;
        try {
            return seen(function.value());
        } catch (RuntimeException e) {
            throw new FunctionEvaluationException("the function threw while evaluating at " + blocks.get(b).label(k)
                    + " = " + trial + " (original value " + saved + "): " + e, e);
        } finally {
            data[k] = saved;
        }
    }

    /**
     * Whether f looks computed in single precision: every finite value seen is exactly a float, and at least
     * {@value #FLOAT_EVIDENCE} distinct ones were seen (a double-precision loss gives a float by chance once in 2^29
     * values). Its rounding is then 2⁻²⁴ · |f|, not ε · |f|.
     */
    boolean valuesAreFloats() {
        return floatValues && distinct.size() >= FLOAT_EVIDENCE;
    }

    private double seen(double v) {
        if (Double.isFinite(v)) {
            floatValues &= v == (double) (float) v;
            if (distinct.size() < FLOAT_EVIDENCE) {
                distinct.add(v);
            }
        }
        return v;
    }

    long evaluations() {
        return evaluations;
    }
}
