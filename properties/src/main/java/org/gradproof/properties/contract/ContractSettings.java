package org.gradproof.properties.contract;

import org.gradproof.check.CheckOptions;

import java.nio.file.Path;

/**
 * The settings every contract kit has, whatever networks it generates: the checker's options, the comparison with the
 * reference loss, how many cases, a fixed or a new seed, strictness, where counterexamples go. Immutable, as the kits
 * are: each setting returns a new kit of the same kind ({@code K}) and leaves this one as it was.
 *
 * @param <K> the kit
 */
public abstract class ContractSettings<K extends ContractSettings<K>> {

    /** The run settings; subclasses read them to build and check cases. */
    final RunSettings run;
    private final int defaultExamples;

    ContractSettings(RunSettings run, int defaultExamples) {
        this.run = run;
        this.defaultExamples = defaultExamples;
    }

    /** The same kit with other run settings. */
    abstract K withRun(RunSettings changed);

    /** The checker's settings for every case (default {@link CheckOptions#defaults()}). */
    public K checkOptions(CheckOptions options) {
        return withRun(run.withCheckOptions(options));
    }

    /**
     * Whether your loss must also equal the reference implementation's to a relative 1e-9 (default true). Turn it
     * off when your loss differs by design (an added regulariser, a scale): the gradients are then checked against your
     * own loss only.
     */
    public K compareLossWithReference(boolean compare) {
        return withRun(run.withCompareLossWithReference(compare));
    }

    /** Cases per run, at least 1. Unset: {@code -DQT_EXAMPLES} if given, else the kit's default. */
    public K examples(int count) {
        return withRun(run.withExamples(count));
    }

    /**
     * A new seed on every run (printed, and replayed with {@code -DQT_SEED=…}), to look at new cases; not for a gate,
     * whose verdict must not change between runs of the same code. {@code -Dgradproof.explore=true} does the same
     * without a code change.
     */
    public K explore() {
        return withRun(run.exploring());
    }

    /**
     * Fail on any case the checker cannot decide. By default a case whose loss is too imprecise for its gradient to be
     * checked there (the report is INCONCLUSIVE: e.g. a textbook log Σ e^z − z_y when predictions are confident) is
     * counted and listed ({@link ContractSummary#undecided()}), not failed; the run fails only when more than
     * 5 percent of its cases cannot be judged, saying that the loss's formulation is the problem.
     */
    public K strict() {
        return withRun(run.strictly());
    }

    /** Where failing cases are written, one directory per test (default {@code target/gradproof-counterexamples}). */
    public K counterexamples(Path directory) {
        return withRun(run.withCounterexamples(directory));
    }

    /** The cases a run checks: {@link #examples(int)}, else {@code -DQT_EXAMPLES}, else the kit's default. */
    public int exampleCount() {
        return run.exampleCount(defaultExamples);
    }
}
