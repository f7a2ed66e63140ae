package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Contiguous runs of wrong entries in a one-dimensional block — what a flat parameter vector hides its layers in. A
 * gradient wrong on x[53..70] only, by one factor, is one layer's blocks scaled (a missing 1/m on the output layer):
 * named with its own k, "x[53..70]: k = 8.000000", so the reader can find the layer.
 */
final class WrongRuns {

    /** The shortest run worth naming. */
    private static final int MIN_LENGTH = 2;

    private WrongRuns() {
    }

    /** "x[53..70]: k = 8.000000; x[3..5]: scattered", or "" when the block is not one-dimensional or has no run. */
    static String describe(ParameterBlock block, List<EntryResult> entries, double relativeTolerance) {
        if (block.shape().length != 1) {
            return "";
        }
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < entries.size()) {
            if (!entries.get(i).verdict().fails()) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < entries.size() && entries.get(j + 1).verdict().fails()
                    && entries.get(j + 1).index() == entries.get(j).index() + 1) {
                j++;
            }
            if (j - i + 1 >= MIN_LENGTH) {
                List<EntryResult> run = entries.subList(i, j + 1);
                double k = BlockPattern.fittedScale(run);
                String label = block.rangeLabel(run.get(0).index(), run.get(run.size() - 1).index());
                runs.add(Double.isFinite(k) && BlockPattern.consistent(k, run, relativeTolerance)
                        ? String.format(Locale.ROOT, "%s: k = %.6f", label, k) : label + ": wrong, no single factor");
            }
            i = j + 1;
        }
        return runs.isEmpty() ? "" : " (wrong in runs: " + String.join("; ", runs) + ")";
    }
}
