package org.gradproof.properties.contract;

import org.gradproof.check.CheckOptions;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings both contract kits share: how each case is checked ({@link CheckOptions}, whether your loss must equal
 * the reference's), how many cases, whether to explore new seeds, and where a failing case is written. Immutable;
 * each {@code with…} returns a new, validated value.
 *
 * @param checkOptions             the checker's settings for every case
 * @param compareLossWithReference whether your loss must equal the reference's to a relative 1e-9 first
 * @param examples                 cases per run; 0: {@code -DQT_EXAMPLES}, else the kit's default
 * @param explore                  whether every run draws a new seed (else the fixed default seed)
 * @param counterexamples          the directory a failing case is written under
 * @param strict                   whether a case the checker cannot decide (INCONCLUSIVE: your loss too imprecise
 *                                 for its gradient there) fails the run; by default such cases are counted and the run
 *                                 fails only if more than {@value #UNDECIDED_SHARE} of them cannot be judged
 */
record RunSettings(CheckOptions checkOptions, boolean compareLossWithReference, int examples, boolean explore,
                   Path counterexamples, boolean strict) {

    /** The largest share of cases that may be undecided before a run fails for it (not strict). */
    static final double UNDECIDED_SHARE = 0.05;

    /** Where failing cases go by default: {@code target/gradproof-counterexamples}, in Maven's build directory. */
    static final Path DEFAULT_COUNTEREXAMPLES = Path.of("target", "gradproof-counterexamples");

    static RunSettings defaults() {
        return new RunSettings(CheckOptions.defaults(), true, 0, false, DEFAULT_COUNTEREXAMPLES, false);
    }

    RunSettings withCheckOptions(CheckOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("checkOptions: give the options (CheckOptions.defaults() for the "
                    + "defaults), got null");
        }
        return new RunSettings(options, compareLossWithReference, examples, explore, counterexamples, strict);
    }

    RunSettings withCompareLossWithReference(boolean compare) {
        return new RunSettings(checkOptions, compare, examples, explore, counterexamples, strict);
    }

    RunSettings withExamples(int count) {
        SettingChecks.requireAtLeast("examples", count, 1);
        return new RunSettings(checkOptions, compareLossWithReference, count, explore, counterexamples, strict);
    }

    RunSettings exploring() {
        return new RunSettings(checkOptions, compareLossWithReference, examples, true, counterexamples, strict);
    }

    RunSettings withCounterexamples(Path directory) {
        Objects.requireNonNull(directory, "counterexamples: the directory");
        return new RunSettings(checkOptions, compareLossWithReference, examples, explore, directory, strict);
    }

    RunSettings strictly() {
        return new RunSettings(checkOptions, compareLossWithReference, examples, explore, counterexamples, true);
    }

    /** The seed and count this run uses. */
    RunPlan plan(int defaultExamples) {
        return RunPlan.resolve(explore, examples, defaultExamples);
    }

    /** The cases a run checks: {@link #examples}, else {@code -DQT_EXAMPLES}, else {@code defaultExamples}. */
    int exampleCount(int defaultExamples) {
        return plan(defaultExamples).examples();
    }

    /** As a failure message prints them. */
    String describe(int defaultExamples) {
        return "compareLossWithReference " + compareLossWithReference + ", examples " + exampleCount(defaultExamples)
                + (explore ? ", exploring" : "") + (strict ? ", strict" : "") + ", checkOptions [" + checkOptions + "]";
    }
}
