package org.gradproof.properties.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's recurrent contract example, compiled and run; and proof that the kit catches, shrinks and names bugs
 * in such a network.
 */
class MyRecurrentNetworkContractTest {

    // README: my-recurrent-network begin
    @Test
    void myRecurrentNetworkKeepsTheGradientContract() {
        RecurrentGradientContract.forSubject(new MyRecurrentNetwork()).verify();
    }
    // README: my-recurrent-network end

    /**
     * dL/dh_t not carried back from step t + 1 is exact for T = 1 only. With T from 1, QuickTheories' first, smallest
     * case (T = 1) passes and the failures come from larger random ones: the kit catches one and shrinks it to one
     * layer, T = 2 and the smallest batch, and the message has the checker's diagnosis, its note on time and the seed.
     * (Up to 2 layers and T = 4: every shrinking step checks a failing case, re-measuring each wrong entry.)
     */
    @Test
    void aHiddenStateCarryDroppedInBackpropIsCaughtShrunkAndNamed() {
        AssertionError failure = assertThrows(AssertionError.class, () -> RecurrentGradientContract
                .forSubject(new MyRecurrentNetwork(false, 1)).layers(1, 2).timeSteps(1, 4).verify());
        String message = failure.getMessage();
        assertTrue(message.contains("Property falsified"), message);
        assertFalse(message.contains("Property falsified after 1 example"), "the smallest case must pass: " + message);
        assertTrue(message.contains("FAILED — MISMATCH"), message);
        assertTrue(message.contains("what is carried back through time (the recurrent state's gradient from the next "
                + "step) is suspect"), message);
        assertTrue(message.split("\n")[1].startsWith("  replay:   -DQT_SEED="), message);
        String smallest = ContractFailures.line(message, "case");
        assertTrue(smallest.startsWith("recurrent case[1 input, 1 layer x 2 cells, T = 2, batch 3,"), smallest);
        assertTrue(smallest.contains("T = 2,"), smallest);
        assertTrue(smallest.contains("batch 3,"), smallest);
    }

    /**
     * The smallest case is written as an LSTM model and a sequence batch (with its initial state) and rebuilt from them
     * bit for bit: the check fails the same way again, with the same loss.
     */
    @Test
    void theSmallestCaseIsWrittenAsJsonAndRebuildsTheSameFailure() throws IOException {
        RecurrentGradientContract contract = RecurrentGradientContract.forSubject(new MyRecurrentNetwork(false, 1))
                .layers(1, 2).timeSteps(2, 3);
        String message = assertThrows(AssertionError.class, contract::verify).getMessage();
        assertTrue(message.startsWith("RecurrentGradientContract FAILED for MyRecurrentNetwork: MISMATCH"), message);
        assertTrue(ContractFailures.line(message, "in Java").startsWith("contract.check(RecurrentContractCase"
                + ".fromJson(Path.of(\""), message);
        RecurrentContractCase rebuilt = RecurrentContractCase.fromJson(ContractFailures.model(message),
                ContractFailures.batch(message));
        String again = assertThrows(AssertionError.class, () -> contract.check(rebuilt)).getMessage();
        for (String label : List.of("loss", "verdict", "entries", "fitted k")) {
            assertEquals(ContractFailures.line(message, label), ContractFailures.line(again, label), label);
        }
        assertTrue(again.contains("By time step: the input gradients are wrong for t ≤ "), "the case read from "
                + "JSON tags its input steps, so the report still localises the dropped carry in time: " + again);
    }

    /** The same dropped carry passes at T = 1, where nothing is carried: the failure above is the carry, nothing else. */
    @Test
    void theDroppedCarryIsExactForOneStep() {
        RecurrentGradientContract.forSubject(new MyRecurrentNetwork(false, 1)).timeSteps(1, 1).examples(20).verify();
    }

    /** A loss doubled while its gradients are not: SCALED with k = 1/2 (reference comparison off, else it says first). */
    @Test
    void aLossOffByAConstantFactorMakesTheGradientsScaled() {
        AssertionError failure = assertThrows(AssertionError.class, () -> RecurrentGradientContract
                .forSubject(new MyRecurrentNetwork(true, 2)).compareLossWithReference(false).verify());
        String message = failure.getMessage();
        assertTrue(message.contains("FAILED — SCALED"), message);
        assertTrue(message.contains("k = 0.500000"), message);
        assertTrue(message.contains("-DQT_SEED="), message);
    }

    /** The same doubled loss with the reference comparison on: the loss is named wrong before any gradient. */
    @Test
    void aLossOffByAConstantFactorDiffersFromTheReference() {
        AssertionError failure = assertThrows(AssertionError.class, () -> RecurrentGradientContract
                .forSubject(new MyRecurrentNetwork(true, 2)).verify());
        assertTrue(failure.getMessage().contains("(ratio 2.0)"), failure.getMessage());
    }
}
