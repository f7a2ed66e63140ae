package org.gradproof.nn;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.BlockFunction.KnownFactor;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one model abstraction, held to the same contract for every kind: a dense stack and a stacked LSTM go through
 * one generic method, which knows nothing of either.
 */
class ModelTest {

    /**
     * What every {@link Model} promises: the objective starts with the live parameter blocks in the documented order,
     * its value is the loss, its gradient starts with the backprop's blocks, each readable by name, its known factors
     * are the model's, and the reference passes the check.
     */
    private static <D> void keepsTheModelContract(Model<D> model, D data, List<String> expectedFirstBlocks) {
        BlockFunction f = model.objective(data);
        List<ParameterBlock> parameters = model.parameterBlocks();
        assertEquals(expectedFirstBlocks, model.blockNames().subList(0, expectedFirstBlocks.size()));
        for (int b = 0; b < parameters.size(); b++) {
            assertSame(parameters.get(b).data(), f.blocks().get(b).data(), "live block " + parameters.get(b).name());
        }
        assertEquals(model.loss(data), f.value(), 0.0);
        BlockGradients g = model.gradients(data);
        assertEquals(model.loss(data), g.loss(), 0.0);
        assertEquals(model.blockNames(), g.names());
        double[][] claimed = f.gradient();
        for (int b = 0; b < parameters.size(); b++) {
            String name = parameters.get(b).name();
            assertArrayEquals(claimed[b], g.block(name), 0.0, name);
            assertArrayEquals(g.blocks()[b], g.block(name), 0.0, name);
        }
        assertEquals(model.knownFactors(data), f.knownFactors());
        assertTrue(f.description().startsWith(model.describe()), f.description());
        GradientReport r = GradientCheck.check(f);
        assertTrue(r.passed(), r::summary);
    }

    @Test
    void aDenseStackKeepsTheModelContract() {
        Mlp net = Mlp.builder(3).dense(4, "tanh").dense(2, "identity").loss(Loss.MSE, Reduction.MEAN)
                .weights(Initializer.uniform(1)).seed(3).build();
        Batch batch = MlpTest.batch(5, 3, 2, 4);
        keepsTheModelContract(net, batch, List.of("dense1.W", "dense1.b", "dense2.W", "dense2.b"));
        assertEquals(List.of(new KnownFactor("the batch size m", 5),
                new KnownFactor("the number of output units", 2)),
                net.knownFactors(batch));
    }

    @Test
    void aStackedLstmKeepsTheModelContract() {
        Lstm net = Lstm.builder(2).layers(2, 3).everyStepHead(2, "identity").loss(Loss.MSE, Reduction.MEAN)
                .forgetGateBias(1).seed(5).build();
        SequenceBatch batch = SequenceBatch.everyStep(LstmTest.sequence(3, 2, 2, 6), LstmTest.sequence(3, 2, 2, 7));
        Sequences data = new Sequences(batch, LstmState.of(LstmTest.state(2, 2, 3, 8), 2, 2, 3));
        keepsTheModelContract(net, data, List.of("lstm1.W_i", "lstm1.W_f", "lstm1.W_g", "lstm1.W_o", "lstm1.U_i"));
        assertEquals(List.of("the batch size m", "the number of time steps T", "T·m, the rows of the every-step loss",
                "the number of output units"), net.knownFactors(data).stream()
                .map(KnownFactor::name).toList());
        List<Integer> steps = net.objective(data).blocks().stream().filter(b -> b.timeStep().isPresent())
                .map(b -> b.timeStep().getAsInt()).toList();
        assertEquals(List.of(0, 1, 2), steps, "the input steps are tagged with their time step");
    }

    @Test
    void gradientsAreKeyedByBlockName() {
        Mlp net = Mlp.builder(2).dense(1, "sigmoid").loss(Loss.BINARY_CROSS_ENTROPY, Reduction.MEAN).seed(1).build();
        BlockGradients g = net.gradients(MlpTest.batch(3, 2, 1, 2));
        assertEquals("no parameter block 'dense2.W'; blocks are [dense1.W, dense1.b]",
                assertThrows(IllegalArgumentException.class, () -> g.block("dense2.W")).getMessage());
        assertThrows(NullPointerException.class, () -> new Sequences(null, LstmState.zeros(1, 1, 1)));
    }
}
