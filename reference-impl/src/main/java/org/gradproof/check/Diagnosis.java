package org.gradproof.check;

/**
 * What the checker concludes about a gradient, beyond pass or fail.
 *
 * <p>Only confirmed mismatches (entries still wrong after Ridders' extrapolation and the kink test) are classified;
 * see {@link GradientReport#explanation()} for the evidence behind a diagnosis.
 */
public enum Diagnosis {
    /** Every resolvable entry agrees with the numerical derivative (kinks are warnings, not failures). */
    CORRECT("the gradient is correct"),
    /** Every wrong block is the numerical gradient times −1. */
    SIGN_FLIP("the gradient has the wrong sign"),
    /** Every wrong block is the numerical gradient times one constant k ≠ 1 (see the fitted scale). */
    SCALED("the gradient is off by a constant factor"),
    /** The analytic gradient is exactly zero where the numerical one is not: a detached or cut path. */
    MISSING_GRADIENT("the gradient is missing (exactly zero) where the loss does depend on the parameter"),
    /** The loss, the analytic gradient or a numerical derivative is NaN or infinite. */
    NON_FINITE("a value is NaN or infinite"),
    /** A square block's gradient equals the transpose of the numerical one. */
    TRANSPOSED("a square block's gradient is transposed"),
    /** The gradient is wrong in a way that is none of the above. */
    MISMATCH("the gradient does not match the numerical derivative");

    private final String meaning;

    Diagnosis(String meaning) {
        this.meaning = meaning;
    }

    /** One line in plain words, e.g. "the gradient has the wrong sign". */
    public String meaning() {
        return meaning;
    }
}
