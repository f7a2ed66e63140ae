package org.gradproof.properties.readme;

// README: check begin
import org.gradproof.check.CheckOptions;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;

final class CheckTextbookMlp {

    /** Your network's gradients at these weights on this batch, checked by name; the report printed if wrong. */
    static GradientReport named(double[][][] w, double[][] b, String[] hidden, double[][] x, double[][] y) {
        GradientReport report = GradientCheck.check(new TextbookMlpObjective(w, b, hidden, x, y),
                CheckOptions.defaults());
        if (!report.passed()) {
            System.out.println(report.summary()); // e.g. SCALED … k = 8.000000 on dense3.W, dense3.b only — 8 = the batch size m
        }
        return report;
    }

    /** The same over one flat vector θ, in TextbookMlpFlat's order. */
    static GradientReport flat(int[] widths, String[] hidden, double[] theta, double[][] x, double[][] y) {
        return GradientCheck.check(new TextbookMlpFlat(widths, hidden, x, y), theta);
    }
}
// README: check end
