package org.gradproof.check;

/**
 * The two rules an entry's finding owes to stretches where f does not move at all ({@link Flatness}): a conviction
 * that rests on such a stretch is held back when the loss only ever moves in steps coarser than the claim's slope
 * would make there ({@link #flatBelowItsSteps}), and a claim of 0 left unresolved is proven when the stretch bounds
 * the slope tightly enough ({@link #provenFlat}).
 */
final class FlatStretches {

    /** Roundings of f that the smallest move of a flat-then-stepping f must exceed to reveal a coarser quantum. */
    static final double FLAT_ROUNDINGS = 64;

    private final CheckOptions options;
    private final double f0;
    private final double roundingAtX;
    private final StairGuards.Agreeing agreement;

    /**
     * @param f0          f at x
     * @param roundingAtX one rounding of the loss at x
     * @param agreement   whether a claim agrees with a measurement under the check's tolerance
     */
    FlatStretches(CheckOptions options, double f0, double roundingAtX, StairGuards.Agreeing agreement) {
        this.options = options;
        this.f0 = f0;
        this.roundingAtX = roundingAtX;
        this.agreement = agreement;
    }

    /**
     * A conviction that rests on f not moving at all: every value within ±s of x equals f(x) bit for bit, yet where f
     * does move — along this entry or any other ({@code anyMove}) — its smallest move is Δ, far above a rounding of f:
     * a loss computed through cancellation (log-sum-exp minus the target's logit: a loss of 3e-5 moving in steps of
     * 4e-16) moves only in steps that large. If the claim's slope would move f by less than Δ over ±s, the flat stretch
     * is no evidence against it: the entry is unresolved. A loss that never moves, moves by a rounding, or jumps by
     * more than cancellation can explain (a unit flipping), stays convicted.
     */
    EntryFinding flatBelowItsSteps(FiniteDifferences fd, double analytic, EntryFinding finding, double anyMove) {
        Flatness flat = Flatness.of(fd, f0, anyMove);
        double widestFlat = flat.eitherSide();
        double smallestMove = flat.smallestMove();
        boolean hidden = Double.isFinite(smallestMove) && smallestMove > FLAT_ROUNDINGS * roundingAtX
                && smallestMove <= coarsestRounding() && widestFlat > 0
                && Math.abs(analytic) * widestFlat < smallestMove;
        return hidden ? new EntryFinding(EntryVerdict.UNRESOLVED, finding.numeric(), finding.error(), finding.left(),
                finding.right(), String.format(java.util.Locale.ROOT, "f does not move at all within ±%.1e of x, "
                + "but where it moves (along this entry or another) it moves by %.1e or more, far above a rounding "
                + "of f (a loss computed through cancellation?): the claim's slope would move it by only %.1e there",
                widestFlat, smallestMove, Math.abs(analytic) * widestFlat), finding.atKink(), finding.noise())
                : finding;
    }

    /**
     * An unresolved entry along which f does not move at all: every value seen within ±w of x, on both sides and out
     * to at least the step h, equals f(x) bit for bit. The loss then changes by less than δ over w — δ its rounding
     * (noiseFactor roundings of f) or, if larger, the smallest move it was seen to make anywhere (the quantum of a
     * loss computed through cancellation or rounded coarsely) — so
     * <pre>
     *   |f'(x)| ≤ δ / w
     * </pre>
     * which proves a claim of 0 (a dead unit, a saturated path) when δ / w is negligible next to the whole gradient
     * (a block whose claims are all 0 has no size of its own), even where kinks or noise
     * farther out spoil every bar the ladder gives: a ReLU unit dead for all its examples out to ±0.002, the first of
     * them coming alive just beyond, read as noise of 4.5e-10 per evaluation that left the claim 0 known only to
     * ±2.8e-6. A claim this bound does not settle keeps the finding as it was.
     */
    EntryFinding provenFlat(FiniteDifferences fd, double h, double analytic, EntryFinding finding, double anyMove,
                               Resolution resolution) {
        Flatness flat = Flatness.of(fd, f0, anyMove);
        double w = flat.bothSides();
        if (!(w >= h)) {
            return finding;
        }
        // every move f was seen to make bounds its quantum, however coarse: a loss rounded to 1e-2 hides slopes of
        // up to 1e-2 / w (a bound taken only up to what cancellation explains passed a zeroed entry of such a loss)
        double quantum = Double.isFinite(flat.smallestMove()) ? flat.smallestMove() : 0;
        double error = Math.max(options.noiseFactor() * roundingAtX, quantum) / w;
        if (!agreement.agrees(analytic, 0, error) || !resolution.resolvesNextToWhole(analytic, error)) {
            return finding;
        }
        return new EntryFinding(EntryVerdict.PASSED, 0, error, Double.NaN, Double.NaN, String.format(java.util.Locale.ROOT,
                "f does not move at all within ±%.1e of x: |f'| ≤ %.1e", w, error), false, 0);
    }

    /**
     * A rounding of the largest intermediate the conditioning allowance credits (S with noiseFactor·ε·S/|f| at its
     * cap): the coarsest move cancellation explains; larger jumps are units flipping, not rounding.
     */
    private double coarsestRounding() {
        return GradientCheck.MAX_CONDITIONING_ALLOWANCE / options.noiseFactor() * Math.abs(f0);
    }
}
