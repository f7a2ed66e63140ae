package org.gradproof.properties.contract;

import java.util.List;

/**
 * A contract run that passed: its seed, where the seed came from, and what the checker said of every case.
 *
 * @param kit        the kit, e.g. {@code GradientContract}
 * @param seed       the QuickTheories seed ({@code -DQT_SEED=…} replays the run)
 * @param seedSource where the seed came from: the fixed default, {@code -DQT_SEED}, or new (exploring)
 * @param outcomes   every case checked, in the order checked, each with the checker's report
 */
public record ContractSummary(String kit, long seed, String seedSource, List<CaseOutcome> outcomes) {

    public ContractSummary {
        outcomes = List.copyOf(outcomes);
    }

    /** The cases checked. */
    public int cases() {
        return outcomes.size();
    }

    /** The cases the checker could not decide (INCONCLUSIVE), each with its report. */
    public List<CaseOutcome> undecided() {
        return outcomes.stream().filter(CaseOutcome::undecided).toList();
    }

    /** The line a run prints when it is done, e.g. "GradientContract: 1000 cases passed, seed … (the fixed default…)". */
    public String line() {
        long undecided = undecided().size();
        return kit + ": " + outcomes.stream().filter(CaseOutcome::passed).count() + " of " + cases()
                + " cases passed" + (undecided == 0 ? "" : ", " + undecided + " could not be judged (your loss is "
                + "too imprecise there; listed with undecided())") + ", seed " + seed + " (" + seedSource + ")";
    }
}
