package org.gradproof.check;

/**
 * When a measurement is precise enough to prove a claim. An agreement between the analytic value a and a numerical
 * derivative with error bar e only proves a if the same measurement rules out the claims a wrong implementation would
 * make instead — 0 (a cut path), −a (a sign flip), 2a or a/2 (a lost or doubled factor): each of those lies at least
 * |a|/2 from a, so the bar must be below {@value #CLAIM_FRACTION} · |a|. An entry too small for that can still be
 * settled when the bar is negligible next to the gradient as a whole:
 * <pre>
 *   resolved  ⇔  e ≤ max({@value #CLAIM_FRACTION} · |a|,  negligibleGradient · G)
 * </pre>
 * with G the size of the block's gradient (see {@link GradientCheck}). Anything else agrees only because the bar is
 * wide: it is unresolved, and a report with unresolved entries is inconclusive. An entry whose claim and whose
 * measured derivative are both provably below negligibleGradient · G is settled whatever their difference: a
 * derivative that small next to its block's does not matter, and rounding in a real network leaves such residues
 * (1e-9 where a dead unit's gradient is 0).
 *
 * <p>A bound proven without a difference quotient — f not moving at all over ±w, so |f'| ≤ δ / w — is compared with
 * the whole function's gradient instead ({@link #resolvesNextToWhole}): such a bound is tiny in absolute terms, and a
 * block whose claims are all 0 has no size of its own to measure it against.
 *
 * <p>A directional check's measurement must be finer than any share of its claim ({@link #atMost}): claimFraction
 * is then 0, and the bar itself is the only size that resolves.
 *
 * @param gradientScale      G
 * @param wholeGradientScale the largest G of all the blocks
 * @param negligibleFraction see {@link CheckOptions#negligibleGradient()}
 * @param claimFraction      the share of |a| a bar may reach: {@value #CLAIM_FRACTION}, or 0 for {@link #atMost}
 */
record Resolution(double gradientScale, double wholeGradientScale, double negligibleFraction, double claimFraction) {

    /** The widest error bar, relative to |a|, that still tells a from 0, −a, 2a and a/2. */
    static final double CLAIM_FRACTION = 0.25;

    Resolution(double gradientScale, double wholeGradientScale, double negligibleFraction) {
        this(gradientScale, wholeGradientScale, negligibleFraction, CLAIM_FRACTION);
    }

    /** Resolved only by a bar of at most {@code bar}, whatever the claim; claims and derivatives below it settle. */
    static Resolution atMost(double bar) {
        return new Resolution(bar, bar, 1, 0);
    }

    /** Whether an error bar this wide proves or refutes the claim {@code analytic}. */
    boolean resolves(double analytic, double error) {
        return error <= Math.max(claimFraction * Math.abs(analytic), negligible());
    }

    /**
     * Whether a bound of {@code error} on |f' − claim|, proven without a difference quotient, resolves the claim:
     * error ≤ max({@value #CLAIM_FRACTION} · |a|, negligibleGradient · the whole gradient's size).
     */
    boolean resolvesNextToWhole(double analytic, double error) {
        return error <= Math.max(claimFraction * Math.abs(analytic), negligibleFraction * wholeGradientScale);
    }

    /** Whether the claim and the measured derivative n ± e are both within the negligible size. */
    boolean negligible(double analytic, double numeric, double error) {
        double size = negligible();
        return Math.abs(analytic) <= size && Math.abs(numeric) + error <= 2 * size;
    }

    /** The size below which an unresolvable derivative does not matter. */
    double negligible() {
        return negligibleFraction * gradientScale;
    }
}
