package org.gradproof.cli;

import org.gradproof.fixtures.reproduce.Reproduction;
import org.gradproof.fixtures.reproduce.Reproduction.Candidate;
import org.gradproof.io.ModelDocument;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Mlp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Diagnosis by reproduction for a model document: the catalogue bugs are rebuilt on the reference {@link Mlp}, whose
 * loss is the document's divided by its scale s, so the claimed gradient g is compared as g / s. When s ≠ 1 and no bug
 * reproduces g / s, g itself is tried too: a match then means the bug and, besides it, the scale left out of the
 * gradient (seed 000 divides its loss by the number of classes and its gradient not).
 *
 * @param line          one line for the report
 * @param match         the catalogue entry reproduced, if one is
 * @param withoutScale  whether the match needed the loss scale left out of the gradient
 * @param candidates    every applicable bug, closest first, as compared
 */
record ReproductionStep(String line, Optional<Candidate> match, boolean withoutScale, List<Candidate> candidates) {

    static ReproductionStep run(ModelDocument model, Batch batch, double[][] claimed) {
        for (double[] block : claimed) {
            for (double v : block) {
                if (!Double.isFinite(v)) {
                    return new ReproductionStep("not run: the supplied gradients are not all finite",
                            Optional.empty(), false, List.of());
                }
            }
        }
        Mlp net = model.network();
        double s = model.lossScale();
        double[][] unscaled = new double[claimed.length][];
        for (int b = 0; b < claimed.length; b++) {
            unscaled[b] = claimed[b].clone();
            for (int k = 0; k < unscaled[b].length; k++) {
                unscaled[b][k] /= s;
            }
        }
        Optional<Candidate> match = Reproduction.match(net, batch, unscaled);
        if (match.isEmpty() && s != 1) {
            Optional<Candidate> withoutScale = Reproduction.match(net, batch, claimed);
            if (withoutScale.isPresent()) {
                Candidate c = withoutScale.get();
                return new ReproductionStep(String.format(Locale.ROOT,
                        "matches %s (%s) to %.0e once the loss scale %s is left out of the gradient: besides %s, "
                                + "the loss is multiplied by %s and its gradient is not", c.bug().entry(),
                        c.bug().description(), c.relativeDifference(), number(s), c.bug().entry(), number(s)),
                        withoutScale, true, Reproduction.candidates(net, batch, claimed));
            }
        }
        return new ReproductionStep(Reproduction.explain(net, batch, unscaled), match, false,
                Reproduction.candidates(net, batch, unscaled));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
