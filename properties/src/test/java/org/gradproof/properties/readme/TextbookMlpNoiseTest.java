package org.gradproof.properties.readme;

import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientReport;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.StandardActivation;
import org.gradproof.properties.Architecture;
import org.gradproof.properties.Head;
import org.gradproof.properties.NetworkCase;
import org.gradproof.properties.contract.ContractCase;
import org.gradproof.properties.contract.GradientContract;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The textbook log Σ e^z − z_y on confident predictions (loss ~1e-6 with weights up to ±4) rounds at the size of the
 * logits, a million times ε·|f|. Reported through noiseScale, the checker's noise floor takes it in and the correct
 * gradient passes; unreported, the checker measures the noise itself: never a false alarm — it passes, or says the
 * loss is too imprecise to judge (INCONCLUSIVE), which the kit counts instead of failing.
 */
class TextbookMlpNoiseTest {

    private static final NetworkCase CONFIDENT = new NetworkCase(new Architecture(1, List.of(1, 4),
            List.of(StandardActivation.TANH, StandardActivation.TANH), 2, Head.SOFTMAX_CROSS_ENTROPY_LOGITS,
            Reduction.MEAN), 3, 4.0, 612, 2);

    @Test
    void aSubjectThatReportsItsRoundingPassesAndOneThatDoesNotIsNeverFailed() {
        ContractCase c = ContractCase.of(CONFIDENT.network(), CONFIDENT.batch());
        TextbookMlpSubject reported = new TextbookMlpSubject();
        assertTrue(reported.noiseScale(c) > 1e3 * c.referenceLoss(), "the logits dwarf the loss here");
        GradientReport passed = GradientContract.forSubject(reported).check(c);
        assertTrue(passed.passed(), passed.summary());
        GradientContract.Subject unreported = new GradientContract.Subject() {
            @Override
            public double loss(ContractCase k) {
                return reported.loss(k);
            }

            @Override
            public double[][] gradients(ContractCase k) {
                return reported.gradients(k);
            }
        };
        GradientReport measured = GradientContract.forSubject(unreported).check(c);
        assertTrue(measured.passed() || measured.diagnosis() == Diagnosis.INCONCLUSIVE, measured.summary());
    }
}
