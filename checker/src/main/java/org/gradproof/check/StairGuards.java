package org.gradproof.check;

/**
 * The guards that hold back a central conviction when the loss moves in stairs the ladder's steps fall between: a
 * saturated term computed through cancellation (log(1 − p) of a p rounded near 1) moves the loss only in jumps, and
 * every step that stays between two of them measures the slope of the other terms alone. {@link #wider} looks for
 * the claim's slope in raw quotients beyond the ladder (a float loss), {@link #sparse} for a jump that could hide the
 * disagreement ({@link StairSearch}). Each returns a description of what holds the conviction back, or null.
 */
final class StairGuards {

    /** The nearest grid of the stair search reaches h · 2^this; the widest, as far as the wide ladder. */
    static final int STAIR_NEAREST = 2;
    /** A jump of the loss counts as a stair only above this many times its noise σ along the entry. */
    static final double STAIR_NOISE = 32;
    /**
     * A jump of the loss counts as a stair only below this fraction of the loss: one rounding of a term near 1 moves
     * the loss by a small part of it, while a taller jump is a discontinuity of the loss as written, whose pieces'
     * slopes the small steps do measure.
     */
    static final double STAIR_MOST = 0x1p-10;

    /** Whether a claim agrees with a measurement n ± e under the check's tolerance. */
    interface Agreeing {
        boolean agrees(double analytic, double numeric, double error);
    }

    private final CheckOptions options;
    private final double f0;
    private final double precision;
    private final double noiseScale;
    private final double roundingAtX;
    private final Agreeing agreement;

    /**
     * @param precision   the loss's unit roundoff (2⁻²⁴ for a loss computed in float)
     * @param noiseScale  the function's {@link BlockFunction#noiseScale()}
     * @param roundingAtX one rounding of the loss at x
     */
    StairGuards(CheckOptions options, double f0, double precision, double noiseScale, double roundingAtX,
                Agreeing agreement) {
        this.options = options;
        this.f0 = f0;
        this.precision = precision;
        this.noiseScale = noiseScale;
        this.roundingAtX = roundingAtX;
        this.agreement = agreement;
    }

    /**
     * Whether a loss computed in float climbs, over steps far wider than the ladder's, at the claim's slope — in stairs
     * the small steps fall between: a saturated term (log(1 − p) of a float p near 1) moves the loss only in jumps, a
     * few thousandths high and a tenth apart, while the other terms move it smoothly or not at all in between, so every
     * step up to h · 2^top measures the rest alone and convicts the whole slope, stairs included. The noise the wide
     * spacings show (σ_w, {@link NoiseEstimate#boundBeyond} out to h · 2^{@value EntryJudge#LADDER_WIDE_TOP}) bounds
     * the stairs; three raw central quotients c(s), c(2s), c(4s) beyond h · 2^top that agree with the claim and with
     * each other to σ_w/s (and the relative tolerance) are a steady slope that allows it, and the conviction waits.
     * Only for a disagreement of more than twice the scale resolution: the wide quotients of a smooth float loss, bent
     * by its curvature, agree with a claim 1 % off often enough that taking every disagreement held back one in twenty
     * ×1.01 bugs of random float32 nets, while the stairs' own disagreements are gross (the rest of the slope, or all
     * of it). A description of that slope, or null: a double loss; a disagreement within twice the scale resolution; no
     * such noise; or no such three steps (a factor of 2 or a sign flip disagrees with the wide quotients too).
     */
    String wider(FiniteDifferences fd, double h, double sigma, int top, double analytic, double best) {
        if (precision <= Math.ulp(1.0) || top >= EntryJudge.LADDER_WIDE_TOP - 2
                || !(Math.abs(analytic - best) > 2 * options.scaleResolution() * Math.abs(analytic))) {
            return null;
        }
        double wide = NoiseEstimate.boundBeyond(fd, f0, h, Math.scalb(h, EntryJudge.LADDER_WIDE_TOP));
        if (!(wide > sigma)) {
            return null;
        }
        int run = 0;
        double previous = Double.NaN;
        for (int j = top + 1; j <= EntryJudge.LADDER_WIDE_TOP; j++) {
            double s = Math.scalb(h, j);
            double c = fd.central(s);
            double bar = wide / s;
            boolean steady = agreement.agrees(analytic, c, bar)
                    && (run == 0 || agreement.agrees(previous, c, bar + wide / (s / 2)));
            run = steady ? run + 1 : agreement.agrees(analytic, c, bar) ? 1 : 0;
            previous = c;
            if (run >= 3) {
                return String.format(java.util.Locale.ROOT, "from steps of %.1e to %.1e the loss climbs at %.9g, "
                        + "which allows the claim: the loss computed in float moves in stairs (up to %.1e) that the "
                        + "small steps fall between?", s / 4, s, c, wide);
            }
        }
        return null;
    }

    /**
     * Whether the loss jumps, somewhere out to h · 2^{@value EntryJudge#LADDER_WIDE_TOP}, by enough to hide the
     * disagreement ({@link StairSearch}): stairs of height J with x in a gap of at least D between them hide a slope of
     * up to J / D from every step that stays in the gap, and a claim that differs from the small steps' reading by no
     * more than the largest such J / D may be the slope of the loss as written. A saturated term computed through
     * cancellation moves only in stairs: log(1 − p) of a p rounded near 1, in float (a float32 BCE net: −0.00497
     * measured, −0.00538 claimed, a stair of 0.0025 at 0.29) and in double alike (a naive sigmoid BCE at z ≈ 17: stairs
     * of 7e-10 a few h apart, every step between them reading the slope 3.5e-4 too high). The grids grow from h ·
     * 2^{@value #STAIR_NEAREST} so that stairs a few steps apart are seen as well as stairs a tenth apart. A jump
     * counts only above {@value FlatStretches#FLAT_ROUNDINGS} roundings of the loss, at x and where it is, and {@value
     * #STAIR_NOISE} times its noise σ (a kink's excess shrinks as the search closes in on it, and rounding or noise
     * must not pass for stairs), and only below 2^-10 of the loss at x (a taller jump is a discontinuity of the loss as
     * written, whose pieces the small steps measure: 1000 on a loss of 5). In double only disagreements within half the
     * scale resolution are searched (the naive BCE's: 3.5e-4 and 2.4e-5 of the slope). A description, or null: no such
     * jump, or a disagreement beyond what it could hide (a sign flip of the whole slope usually is). {@code tolerance}
     * is the bar the disagreement is judged by (the measurement's error plus the relative tolerance).
     */
    String sparse(FiniteDifferences fd, double h, double sigma, double analytic, double numeric,
                  double tolerance) {
        double beyondBar = Math.abs(analytic - numeric) - tolerance;
        if (precision <= Math.ulp(1.0) && beyondBar > options.scaleResolution() / 2 * Math.abs(analytic)) {
            // in double, the stairs of a term rounded near 1 that lie a few steps apart hide a small share of the
            // slope; searching on every entry of a scale error would cost hundreds of values each
            return null;
        }
        StairSearch.Heights heights = new StairSearch.Heights(
                Math.max(FlatStretches.FLAT_ROUNDINGS * roundingAtX, STAIR_NOISE * sigma),
                FlatStretches.FLAT_ROUNDINGS * precision, STAIR_MOST * Math.max(noiseScale, Math.abs(f0)));
        StairSearch.Stair stair = StairSearch.steepestWithin(fd, f0, Math.scalb(h, STAIR_NEAREST),
                Math.scalb(h, EntryJudge.LADDER_WIDE_TOP), heights, beyondBar);
        if (stair == null || stair.hiddenSlope() < beyondBar) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "the loss jumps by %.1e at %.1e from x: stairs that far apart "
                + "could hide a slope of up to %.1e from every step that stays between them (a saturated term "
                + "rounded near 1, as log(1 − σ) computed from σ?)", stair.height(), stair.distance(),
                stair.hiddenSlope());
    }
}
