package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.CheckOptions;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;

import static org.gradproof.properties.NetworkGenerators.kinkedNetworkCases;
import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.gradproof.properties.NetworkGenerators.saturatedNetworkCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * Zero false alarms: every generated reference network passes the check, or — where its loss is too imprecise for its
 * gradient (a probability rounded near 0 or 1 under a logarithm) — is INCONCLUSIVE and says so; never FAILED. Those
 * are counted and must stay rare. A network whose own loss or gradient is not finite must be diagnosed NON_FINITE.
 */
class ReferenceNetworkProperties {

    /**
     * The largest share of examples that may end inconclusive (measured on 1,000-example runs: 1.4 – 2.8 %, mostly
     * units saturated or next to a kink whose entries the numbers cannot pin to a part in four). The trust issue's goal
     * is 0.1 %: not met yet, and this bound is what keeps it from growing.
     */
    private static final double MAX_INCONCLUSIVE = 0.04;
    /**
     * For saturated networks (measured: 4.1 – 6.1 %): a probability-based head (bce after sigmoid or erf_logistic,
     * cross_entropy after softmax) whose output rounds near 0 or 1 computes log(1 − p) from a p that has lost its
     * digits, and its loss is honestly too imprecise for its gradient there.
     */
    private static final double MAX_INCONCLUSIVE_SATURATED = 0.08;

    @Test
    void everyGeneratedNetworkPassesTheCheck() {
        Exercised inconclusive = new Exercised("inconclusive");
        qt().forAll(networkCases()).checkAssert(c -> passes(c, inconclusive));
        inconclusive.requireAtMost(MAX_INCONCLUSIVE);
    }

    @Test
    void reluAndLeakyReluNetworksPassTheCheck() {
        Exercised inconclusive = new Exercised("inconclusive");
        qt().forAll(kinkedNetworkCases()).checkAssert(c -> passes(c, inconclusive));
        inconclusive.requireAtMost(MAX_INCONCLUSIVE);
    }

    @Test
    void saturatedNetworksPassTheCheck() {
        Exercised inconclusive = new Exercised("inconclusive");
        qt().forAll(saturatedNetworkCases()).checkAssert(c -> passes(c, inconclusive));
        inconclusive.requireAtMost(MAX_INCONCLUSIVE_SATURATED);
    }

    /**
     * A case a 10,000-example run found (seed 1518087389122): identity layers into a softmax whose p_y = 1 − 3e-15, so
     * the loss is 24 roundings of 1; every entry of dense2.W read 0.83 of its claim within its own bar, and the bars,
     * added up as if independent, convicted the block at k = 1.20 ± 0.07. The measurement along the block's gradient
     * cannot decide there, so the conviction waits.
     */
    @Test
    void aSoftmaxRoundedNearOneIsNotConvictedByBarsAddedUpAcrossEntries() {
        Architecture architecture = new Architecture(2, java.util.List.of(5, 5, 1),
                java.util.List.of(org.gradproof.nn.Activation.named("identity"),
                        org.gradproof.nn.Activation.named("identity"), org.gradproof.nn.Activation.named("identity")),
                2, Head.CROSS_ENTROPY_SOFTMAX, org.gradproof.nn.Reduction.MEAN);
        NetworkCase c = new NetworkCase(architecture, 1, 4.0, 15900243L, 6L);
        GradientReport report = GradientCheck.check(c.objective());
        assertTrue(report.passed() || report.diagnosis() == Diagnosis.INCONCLUSIVE, () -> c + "\n" + report.summary());
    }

    private static void passes(NetworkCase c, Exercised inconclusive) {
        inconclusive.example();
        GradientReport report = GradientCheck.check(c.objective());
        if (c.finite() && !infiniteOneStepAway(c, report)) {
            if (report.diagnosis() == Diagnosis.INCONCLUSIVE) {
                inconclusive.hit();
                assertTrue(report.explanation().contains("To resolve:"), () -> c + "\n" + report.summary());
            } else {
                assertTrue(report.passed(), () -> c + "\n" + report.summary());
            }
        } else {
            assertEquals(Diagnosis.NON_FINITE, report.diagnosis(), () -> c + "\n" + report.summary());
        }
    }

    /**
     * Whether NON_FINITE is the truth although the loss is finite at the point: a saturated probability one screening
     * step h from it rounds to exactly 0 or 1 under a logarithm. Checked directly: the loss at x ± h of the entry the
     * report names is evaluated again.
     */
    private static boolean infiniteOneStepAway(NetworkCase c, GradientReport report) {
        if (report.diagnosis() != Diagnosis.NON_FINITE) {
            return false;
        }
        BlockFunction f = c.objective();
        for (org.gradproof.check.EntryResult e : report.failures()) {
            double[] data = f.blocks().get(e.block()).data();
            double x = data[e.index()];
            double h = Math.scalb(1.0, Math.getExponent(CheckOptions.STEP_FACTOR * Math.max(1, Math.abs(x))));
            for (double trial : new double[] {x + h, x - h}) {
                data[e.index()] = trial;
                double value = f.value();
                data[e.index()] = x;
                if (!Double.isFinite(value)) {
                    return true;
                }
            }
        }
        return false;
    }
}
