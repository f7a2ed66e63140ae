package org.gradproof.check;

/** The checker's verdict on one parameter entry. */
public enum EntryVerdict {
    /** Analytic and numerical derivative agree within the tolerance. */
    PASSED,
    /**
     * The loss has a kink here (one-sided derivatives disagree beyond their error bars) and the analytic value lies
     * between them: a warning, not a failure.
     */
    KINK,
    /** Analytic and numerical derivative disagree beyond the tolerance, confirmed by re-measuring. */
    MISMATCH,
    /**
     * The numbers cannot decide: the claim agrees only within an error bar so wide that a sign flip, a factor 2 or a
     * zero would agree too, or measurements at different steps contradict each other. Not a failure, not a pass.
     */
    UNRESOLVED,
    /** The analytic value, or the loss at a perturbed point, is NaN or infinite. */
    NON_FINITE;

    /** Whether this verdict fails the check. */
    public boolean fails() {
        return this == MISMATCH || this == NON_FINITE;
    }
}
