package org.gradproof.properties.contract;

import org.gradproof.check.BlockStatistics;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientReport;

import java.util.Set;

/**
 * What kind of failure a case shows, in terms that survive shrinking: the checker's diagnosis and <em>where</em> the
 * wrong blocks are by position — the top layer (output layer or head), the bottom layer, every layer — and of which
 * kind (weights W, recurrent weights U, biases b), and whether input or initial-state gradients
 * are wrong; or that the loss differed from the reference's; or which exception the code threw.
 *
 * <p>A kit shrinks a failure only to cases with the same signature as the first failure it found, so that the
 * smallest case still says what the first one said: a bug in the output layer only is not shrunk to a one-layer
 * network (where the output layer is every layer, "k = 3 on every block"), and a wrong derivative is not shrunk to a
 * block of one wrong entry, which always fits some factor k: a SCALED verdict resting on one wrong entry per block is
 * its own signature ({@code singleEntries}), equal to no SCALED or MISMATCH verdict with more evidence. The layers
 * between the two ends are not part of the signature: a bug in every hidden layer of a four-layer network may shrink
 * to the one hidden layer of a two-layer network (bottom wrong, top right, as before).
 *
 * @param failure       "gradient", "loss" (differs from the reference's) or "threw" plus the exception's class
 * @param diagnosis     the checker's diagnosis (gradient failures only)
 * @param singleEntries a SCALED verdict whose wrong blocks each have a single wrong entry
 * @param top           a block of the top layer is wrong
 * @param bottom        a block of the bottom layer is wrong (the same layer as the top in a one-layer network)
 * @param every         every layer has a wrong block
 * @param kinds         the kinds of the wrong layer blocks, e.g. [W, b]
 * @param inputs        an input or initial-state block is wrong
 */
record FailureSignature(String failure, Diagnosis diagnosis, boolean singleEntries, boolean top, boolean bottom,
                        boolean every, Set<String> kinds, boolean inputs) {

    /** The signature of a failed case whose layers are {@code roles}. */
    static FailureSignature of(CaseOutcome outcome, LayerRoles roles) {
        if (outcome.thrown() != null) {
            return new FailureSignature("threw " + outcome.thrown().getClass().getName(), null, false, false, false,
                    false, Set.of(), false);
        }
        if (outcome.lossProblem() != null) {
            return new FailureSignature("loss", null, false, false, false, false, Set.of(), false);
        }
        GradientReport report = outcome.report();
        WrongLayers wrong = WrongLayers.of(report, roles);
        boolean singleEntries = report.wrongBlocks().stream()
                .allMatch(b -> report.block(b).map(BlockStatistics::mismatched).orElse(0) <= 1);
        return new FailureSignature("gradient", report.diagnosis(),
                report.diagnosis() == Diagnosis.SCALED && singleEntries, wrong.top(), wrong.bottom(), wrong.every(),
                wrong.kinds(), wrong.inputs());
    }
}
