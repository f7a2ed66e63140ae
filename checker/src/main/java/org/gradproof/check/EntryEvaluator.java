package org.gradproof.check;

/**
 * Evaluates a {@link BlockFunction} with one entry changed and every other parameter as it was when the evaluator was
 * made, leaving the parameters as they were: the checker's inner loop, for models that can re-evaluate from cached
 * intermediate results instead of running the whole function again. See {@link BlockFunction#entryEvaluator()}.
 */
@FunctionalInterface
public interface EntryEvaluator {

    /**
     * f with entry {@code index} of block {@code block} equal to {@code trial}; every parameter must be as it was when
     * this returns (an evaluator may set the entry for its computation if it puts the original bits back, even when
     * it throws).
     */
    double valueWith(int block, int index, double trial);
}
