package org.gradproof.properties.contract;

import org.gradproof.check.GradientReport;

import java.util.Optional;

/**
 * What a contract kit found for one case: the checker's whole report on your gradients, or why there is none — your
 * loss differed from the reference's (then the gradients are not checked), or your code threw.
 *
 * <p>Kept for every case of a run ({@link ContractSummary#outcomes()}), so that a run can be tallied by what the
 * checker said of each case, not only passed or failed.
 *
 * @param description the case, as the failure message prints it
 * @param report      the checker's report on your gradients against your loss; null if they were not checked
 * @param lossProblem why your loss was refused before the gradients were checked; null if it was not
 * @param thrown      what your code threw; null if it did not
 */
public record CaseOutcome(String description, GradientReport report, String lossProblem, Throwable thrown) {

    /** The gradients were checked: this is the report. */
    static CaseOutcome checked(String description, GradientReport report) {
        return new CaseOutcome(description, report, null, null);
    }

    /** Your loss was not the reference's; the gradients were not checked. */
    static CaseOutcome lossDiffers(String description, String problem) {
        return new CaseOutcome(description, null, problem, null);
    }

    /** Your code (or a shape check of what it returned) threw. */
    static CaseOutcome threw(String description, Throwable thrown) {
        return new CaseOutcome(description, null, null, thrown);
    }

    /** Whether the case passed: the loss was accepted and the checker passed the gradients. */
    public boolean passed() {
        return report != null && report.passed();
    }

    /**
     * Whether the checker could not decide: the report is INCONCLUSIVE (your loss too imprecise for its gradient at this
     * point, or kinks too close). Neither a pass nor a failure.
     */
    public boolean undecided() {
        return report != null && report.diagnosis() == org.gradproof.check.Diagnosis.INCONCLUSIVE;
    }

    /** The checker's report, if the gradients were checked. */
    public Optional<GradientReport> checkerReport() {
        return Optional.ofNullable(report);
    }

    /** What went wrong, in full: the checker's report, the loss problem, or what was thrown (empty if passed). */
    public String failureText() {
        if (thrown != null) {
            return "your code threw " + thrown + " on " + description;
        }
        if (lossProblem != null) {
            return lossProblem;
        }
        return report.passed() ? "" : description + "\n" + report.summary();
    }
}
