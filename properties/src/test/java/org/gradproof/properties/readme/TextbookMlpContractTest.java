package org.gradproof.properties.readme;

// README: contract begin
import org.gradproof.nn.Reduction;
import org.gradproof.properties.Head;
import org.gradproof.properties.contract.GradientContract;
import org.junit.jupiter.api.Test;

class TextbookMlpContractTest {

    @Test
    void textbookMlpKeepsTheGradientContract() {
        GradientContract.forSubject(new TextbookMlpSubject())
                .activations("tanh", "sigmoid")                 // what your network supports
                .heads(Head.SOFTMAX_CROSS_ENTROPY_LOGITS)       // linear output, softmax cross-entropy on the logits
                .reductions(Reduction.MEAN)                     // averaged over the batch
                .verify();
    }
}
// README: contract end
