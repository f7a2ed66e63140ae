package org.gradproof.check;

/**
 * What the re-measuring of one entry concluded ({@link EntryJudge}): a verdict, the numerical derivative and its error
 * bar, the one-sided derivatives where a kink was judged, and a note on what decided or limited it.
 *
 * @param verdict the entry's verdict
 * @param numeric the numerical derivative
 * @param error   its error bar
 * @param left    the left derivative, if a kink was judged; otherwise NaN
 * @param right   the right derivative, if a kink was judged; otherwise NaN
 * @param note    why the entry is unresolved, or what the kink's one-sided derivatives were; "" if nothing
 * @param atKink  whether the left and right derivatives disagreed: x sits at a kink or one too close to resolve
 * @param noise   the part of the error bar that is the loss's noise, within [0, error]
 */
record EntryFinding(EntryVerdict verdict, double numeric, double error, double left, double right, String note,
                    boolean atKink, double noise) {

    /** A finding from one estimate, with no kink. */
    static EntryFinding of(EntryVerdict verdict, Extrapolation.Estimate e, String note) {
        return new EntryFinding(verdict, e.value(), e.error(), Double.NaN, Double.NaN, note, false,
                noiseShare(e.noise(), e.error()));
    }

    /** The noise part of an error bar, within [0, error] (0 when it is not a number). */
    static double noiseShare(double noise, double error) {
        return noise >= 0 ? Math.min(noise, error) : 0;
    }
}
