package org.gradproof.check;

/**
 * What the checker concludes about a gradient, beyond pass or fail.
 *
 * <p>Only confirmed mismatches (entries still wrong after Ridders' extrapolation and the kink test) are classified;
 * see {@link GradientReport#explanation()} for the evidence behind a diagnosis.
 */
public enum Diagnosis {
    /**
     * Every entry agrees with a numerical derivative precise enough to have told it from 0, its negative and its
     * double (or is negligible), and every block's scale is pinned down (kinks are warnings, not failures).
     */
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
    /**
     * A claimed full Hessian ({@link GradientCheck#hessian}) is not symmetric: some H[i][j] and H[j][i] lie further
     * apart than their two tolerances together, so they cannot both be within tolerance of the symmetric Hessian of a
     * twice-differentiable function, although the column check failed neither of them (a gradient whose own Jacobian
     * is not symmetric, so it is the gradient of no function).
     */
    ASYMMETRIC("the claimed Hessian is not symmetric"),
    /** The gradient is wrong in a way that is none of the above. */
    MISMATCH("the gradient does not match the numerical derivative"),
    /**
     * Nothing is wrong that the numbers can show, but they cannot prove it right either: some entries are unresolved
     * (too noisy, too close to a kink, contradictory measurements) or a block's scale is not pinned down.
     */
    INCONCLUSIVE("the numbers cannot decide whether the gradient is right"),
    /** value() (or gradient()) gave different results at the same parameters: the check cannot be made. */
    NON_DETERMINISTIC("the loss is not a function of the parameters alone (it changed between identical calls)");

    private final String meaning;

    Diagnosis(String meaning) {
        this.meaning = meaning;
    }

    /** One line in plain words, e.g. "the gradient has the wrong sign". */
    public String meaning() {
        return meaning;
    }
}
