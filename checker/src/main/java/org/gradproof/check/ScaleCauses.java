package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names the likely cause of a gradient that is off by a constant factor k = analytic / numeric: ±1, 2, ½, and the
 * problem's {@linkplain BlockFunction.KnownFactor known factors} (batch size m, outputs, …) and their inverses.
 */
final class ScaleCauses {

    /** How close k must be to a candidate factor, relatively, to be named after it. */
    static final double MATCH = 1e-6;

    private ScaleCauses() {
    }

    static boolean near(double k, double candidate) {
        return Math.abs(k - candidate) <= MATCH * Math.abs(candidate);
    }

    /**
     * The constants a scaled gradient is most likely off by, in order: −1, ±2, ±½, then each known factor f and
     * ±1/f, ±2f, ±1/(2f), ±f/2, ±2/f (the last two: a mean of squares whose 2/f was dropped, or applied twice). A fitted k that the entries cannot tell apart from one of these is named after it.
     */
    static List<Double> candidates(List<BlockFunction.KnownFactor> known) {
        List<Double> c = new ArrayList<>(List.of(-1.0, 2.0, -2.0, 0.5, -0.5));
        for (BlockFunction.KnownFactor f : known) {
            double v = f.value();
            if (v > 0 && v != 1 && v != 2) {
                for (double m : new double[] {v, 1 / v, 2 * v, 0.5 / v, v / 2, 2 / v}) {
                    c.add(m);
                    c.add(-m);
                }
            }
        }
        return c;
    }

    /** Plain-words causes of k, or an empty list if k is none of the known factors. */
    static List<String> explain(double k, List<BlockFunction.KnownFactor> known) {
        List<String> causes = new ArrayList<>();
        double magnitude = Math.abs(k);
        String sign = k < 0 ? "−" : "";
        String flipped = k < 0 ? ", and the sign is flipped" : "";
        if (k < 0 && near(magnitude, 1)) {
            causes.add("the sign is flipped (ŷ − y where y − ŷ belongs, or the other way round)");
        }
        if (near(magnitude, 2)) {
            causes.add("an extra factor 2" + flipped + " (the 2 of d/dŷ (ŷ − y)² kept for a loss with ½ in front?)");
        }
        if (near(magnitude, 0.5)) {
            causes.add("a factor 2 missing" + flipped + " (d/dŷ (ŷ − y)² taken as (ŷ − y), or a gradient halved?)");
        }
        for (BlockFunction.KnownFactor f : known) {
            String n = trim(f.value());
            if (f.cause() != null) {
                if (near(magnitude, f.value())) {
                    causes.add(0, sign + n + " = " + f.name() + ": " + f.cause() + flipped);
                }
                continue;
            }
            if (f.value() == 1 || f.value() == 2 || f.value() <= 0) {
                continue;
            }
            if (near(magnitude, f.value())) {
                causes.add(sign + n + " = " + f.name() + ": a 1/" + n + " missing from the gradient"
                        + " (summed where the loss averages?)" + flipped);
            }
            if (near(magnitude, 1 / f.value())) {
                causes.add(sign + "1/" + n + " = 1/(" + f.name() + "): divided by " + n
                        + " once too often (averaged where the loss sums?)" + flipped);
            }
            if (near(magnitude, 2 * f.value())) {
                causes.add(sign + "2·" + n + " = 2 × " + f.name() + ": both a 1/" + n + " and a ½ missing?" + flipped);
            }
            if (near(magnitude, 0.5 / f.value())) {
                causes.add(sign + "1/(2·" + n + ") = 1/(2 × " + f.name() + "): divided by " + n
                        + " too often and a factor 2 missing?" + flipped);
            }
            if (near(magnitude, f.value() / 2)) {
                causes.add(sign + n + "/2 = " + f.name() + "/2: the 2/" + n + " of a mean of squares dropped"
                        + " (ŷ − y where 2(ŷ − y)/" + n + " belongs?)" + flipped);
            }
            if (near(magnitude, 2 / f.value())) {
                causes.add(sign + "2/" + n + " = 2/(" + f.name() + "): the 2/" + n + " of a mean of squares applied"
                        + " where the loss has none (or twice)?" + flipped);
            }
        }
        return causes;
    }

    static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6g", v);
    }
}
