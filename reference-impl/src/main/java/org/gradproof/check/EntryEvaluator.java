package org.gradproof.check;

/**
 * Evaluates a {@link BlockFunction} with one entry changed and every other parameter as it was when the evaluator was
 * made, without touching the parameters: the checker's inner loop, for models that can re-evaluate from cached
 * intermediate results instead of running the whole function again. See {@link BlockFunction#entryEvaluator()}.
 */
@FunctionalInterface
public interface EntryEvaluator {

    /** f with entry {@code index} of block {@code block} equal to {@code trial}; must not modify any parameter. */
    double valueWith(int block, int index, double trial);
}
