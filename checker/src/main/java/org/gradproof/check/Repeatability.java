package org.gradproof.check;

import java.util.List;
import java.util.Locale;

/**
 * A gradient can only be checked against a function: value() and gradient() must give the same results whenever the
 * parameters are the same. Dropout left on, a random sample drawn inside the loss, or state carried from one call to
 * the next break that, and a finite difference of such a loss measures the randomness, not the derivative.
 */
final class Repeatability {

    private static final String ADVICE = " — dropout or another random draw left on, a random sample inside the loss, "
            + "or state carried from one call to the next (a counter, a cache, a running statistic). Switch it off "
            + "for the check, fix the seed per call, or, for a jitter you accept, set nondeterminismTolerance in "
            + "CheckOptions (--nondeterminism-tolerance on the command line).";

    private Repeatability() {
    }

    /** Throws {@link EntryJudge.NonDeterminism} if two values of f at the same parameters differ beyond tolerance. */
    static void requireSameValue(double first, double second, CheckOptions options, String when) {
        if (Double.doubleToLongBits(first) == Double.doubleToLongBits(second)
                || Math.abs(first - second) <= options.nondeterminismTolerance()) {
            return;
        }
        throw new EntryJudge.NonDeterminism(String.format(Locale.ROOT,
                "value() returned %s and %s at the same parameters (%s); the difference %.3g exceeds the tolerated "
                        + "%.3g", first, second, when, Math.abs(first - second), options.nondeterminismTolerance())
                + ADVICE);
    }

    /** Throws {@link EntryJudge.NonDeterminism} if two gradients at the same parameters differ beyond tolerance. */
    static void requireSameGradient(double[][] first, double[][] second, List<ParameterBlock> blocks,
                                    CheckOptions options) {
        for (int b = 0; b < first.length; b++) {
            for (int k = 0; k < first[b].length; k++) {
                double a = first[b][k];
                double c = second[b][k];
                if (Double.doubleToLongBits(a) != Double.doubleToLongBits(c)
                        && !(Math.abs(a - c) <= options.nondeterminismTolerance())) {
                    throw new EntryJudge.NonDeterminism(String.format(Locale.ROOT,
                            "gradient() returned %s and then %s for %s at the same parameters", a, c,
                            blocks.get(b).label(k)) + ADVICE);
                }
            }
        }
    }
}
