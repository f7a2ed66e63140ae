package org.gradproof.cli;

import org.gradproof.reproduce.Reproduction;
import org.gradproof.reproduce.Reproduction.Candidate;
import org.gradproof.io.DocumentNetworks;
import org.gradproof.io.ModelDocument;
import org.gradproof.nn.Batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Diagnosis by reproduction for a model document. The catalogue bugs are rebuilt on the reference {@link org.gradproof.nn.Mlp}, whose
 * loss is the document's divided by its scale s, so the claimed gradient g is compared as g / s. Two slips combine
 * with any bug and are tried too, in this order, when nothing reproduces g / s: the scale left out of the gradient
 * (g itself: a loss divided by the number of classes whose gradient is not, as BP-34), and the sign flipped (−g / s,
 * then −g: 2(y − ŷ) with a −= update, as BP-60, on top of another bug).
 *
 * @param line         one line for the report
 * @param match        the catalogue fixture reproduced, if one is
 * @param withoutScale whether the match needed the loss scale left out of the gradient
 * @param signFlipped  whether the match needed the sign flipped
 * @param candidates   every applicable bug that changes the gradient on this batch, closest first, compared with g / s
 * @param closestMiss  when nothing matches, the closest bug if it comes nearer to g / s than the right gradient does
 */
record ReproductionStep(String line, Optional<Candidate> match, boolean withoutScale, boolean signFlipped,
                        List<Candidate> candidates, Optional<Candidate> closestMiss) {

    static ReproductionStep run(ModelDocument model, Batch batch, double[][] claimed) {
        for (double[] block : claimed) {
            for (double v : block) {
                if (!Double.isFinite(v)) {
                    return new ReproductionStep("not run: the supplied gradients are not all finite",
                            Optional.empty(), false, false, List.of(), Optional.empty());
                }
            }
        }
        double s = model.lossScale();
        Reproduction reproduction = Reproduction.of(DocumentNetworks.network(model), batch);
        List<Candidate> asGiven = reproduction.candidates(times(claimed, 1 / s));
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(1 / s, false, false));
        if (s != 1) {
            variants.add(new Variant(1, true, false));
        }
        variants.add(new Variant(-1 / s, false, true));
        if (s != 1) {
            variants.add(new Variant(-1, true, true));
        }
        for (Variant v : variants) {
            Optional<Candidate> match = reproduction.match(times(claimed, v.factor()));
            if (match.isPresent()) {
                Candidate c = match.get();
                List<String> besides = new ArrayList<>();
                if (v.withoutScale()) {
                    besides.add("the loss is multiplied by " + number(s) + " and its gradient is not (as BP-34)");
                }
                if (v.signFlipped()) {
                    besides.add("the gradient's sign is flipped (2(y − ŷ) with a −= update, as BP-60)");
                }
                String line = String.format(Locale.ROOT, "matches %s (%s) %s", c.bug().fixture(),
                        c.bug().description(), c.closeness())
                        + (besides.isEmpty() ? "" : (v.withoutScale() && v.signFlipped() ? " once the loss scale is "
                        + "left out and the sign flipped" : v.withoutScale() ? " once the loss scale " + number(s)
                        + " is left out of the gradient" : " once the sign is flipped") + ": besides "
                        + c.bug().fixture() + ", " + String.join("; and ", besides));
                return new ReproductionStep(line, match, v.withoutScale(), v.signFlipped(), asGiven, Optional.empty());
            }
        }
        double[][] given = times(claimed, 1 / s);
        return new ReproductionStep(reproduction.explain(given), Optional.empty(), false, false, asGiven,
                reproduction.closestMiss(given));
    }

    /** A reading of the claimed gradient g: g · factor, and which slips that factor stands for. */
    private record Variant(double factor, boolean withoutScale, boolean signFlipped) {
    }

    private static double[][] times(double[][] g, double k) {
        double[][] r = new double[g.length][];
        for (int b = 0; b < g.length; b++) {
            r[b] = g[b].clone();
            for (int i = 0; i < r[b].length; i++) {
                r[b][i] *= k;
            }
        }
        return r;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
