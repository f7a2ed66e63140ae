package org.gradproof.properties.contract;

import org.gradproof.properties.Head;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's contract example (ReadmeExamplesTest keeps it in step), run; and proof that the kit catches a bug. */
class MyNetworkContractTest {

    // README: my-network begin
    @Test
    void myNetworkKeepsTheGradientContract() {
        GradientContract.forSubject(new MyNetwork())
                .activations("sigmoid")
                .heads(Head.MSE_IDENTITY)
                .verify();
    }
    // README: my-network end

    @Test
    void aGradientOffByAConstantFactorIsCaughtShrunkAndNamed() {
        AssertionError failure = assertThrows(AssertionError.class, () -> GradientContract
                .forSubject(new MyNetwork(2)).activations("sigmoid").heads(Head.MSE_IDENTITY).verify());
        String message = failure.getMessage();
        assertTrue(message.contains("Property falsified"), message);
        assertTrue(message.contains("SCALED"), message);
        assertTrue(message.contains("-DQT_SEED="), message);
    }
}
