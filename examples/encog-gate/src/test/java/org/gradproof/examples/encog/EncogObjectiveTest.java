package org.gradproof.examples.encog;

import org.encog.engine.network.activation.ActivationCompetitive;
import org.encog.engine.network.activation.ActivationSigmoid;
import org.encog.ml.data.basic.BasicMLDataSet;
import org.encog.neural.networks.BasicNetwork;
import org.encog.neural.networks.layers.BasicLayer;
import org.encog.neural.pattern.ElmanPattern;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.ParameterBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter: layout, value, the caller's network left alone, and clear rejections. */
class EncogObjectiveTest {

    private final GateCase c = GateCases.of("Sigmoid", "Linear", true, 1, 3, 4, 4, 3);

    @Test
    void blockEntriesAreEncogsGetWeight() {
        BasicNetwork net = c.network();
        EncogObjective f = EncogObjective.builder(net, c.inputs(), c.ideals()).build();
        List<ParameterBlock> blocks = f.blocks();
        assertEquals(List.of("layer0->1.W", "layer0->1.b", "layer1->2.W", "layer1->2.b", "layer2->3.W",
                "layer2->3.b"), blocks.stream().map(ParameterBlock::name).toList());
        int k = 0;
        for (int l = 0; l + 1 < net.getLayerCount(); l++) {
            ParameterBlock w = blocks.get(k++);
            ParameterBlock b = blocks.get(k++);
            int to = net.getLayerNeuronCount(l + 1);
            int from = net.getLayerNeuronCount(l);
            assertArrayEquals(new int[] {to, from}, w.shape());
            for (int i = 0; i < to; i++) {
                for (int j = 0; j < from; j++) {
                    assertEquals(net.getWeight(l, j, i), w.data()[i * from + j], 0.0, w.label(i * from + j));
                }
                assertEquals(net.getWeight(l, from, i), b.data()[i], 0.0, b.label(i));
            }
        }
    }

    @Test
    void layoutWritesBackWhatItRead() {
        BasicNetwork net = c.network();
        double[] weights = net.getFlat().getWeights();
        EncogLayout layout = EncogLayout.of(net.getFlat());
        double[] written = new double[weights.length];
        layout.write(layout.blocksOf(weights), written);
        assertArrayEquals(weights, written, 0.0);
    }

    @Test
    void valueIsEncogsOwnMse() {
        BasicNetwork net = c.network();
        EncogObjective f = EncogObjective.builder(net, c.inputs(), c.ideals()).build();
        assertEquals(net.calculateError(new BasicMLDataSet(c.inputs(), c.ideals())), f.value(), 0.0);
    }

    @Test
    void theCallersNetworkAndDataAreNeverChanged() {
        BasicNetwork net = c.network();
        double[][] x = c.inputs();
        double[][] y = c.ideals();
        double[] weights = net.getFlat().getWeights().clone();
        double[] output = net.compute(new org.encog.ml.data.basic.BasicMLData(x[0])).getData().clone();
        EncogObjective f = EncogObjective.builder(net, x, y).build();
        f.blocks().get(0).data()[0] += 1.0; // the objective's own copy
        f.value();
        f.gradient();
        GradientCheck.check(f);
        assertArrayEquals(weights, net.getFlat().getWeights(), 0.0, "the caller's weights");
        assertArrayEquals(output, net.compute(new org.encog.ml.data.basic.BasicMLData(x[0])).getData(), 0.0);
        assertArrayEquals(c.inputs(), x, "the caller's inputs");
        assertArrayEquals(c.ideals(), y, "the caller's ideals");
    }

    @Test
    void rejectsUnsupportedNetworksNamingWhatAndWhy() {
        BasicNetwork unfinished = new BasicNetwork();
        unfinished.addLayer(new BasicLayer(null, true, 3));
        unfinished.addLayer(new BasicLayer(new ActivationSigmoid(), false, 3));
        rejected(() -> EncogObjective.builder(unfinished, c.inputs(), c.ideals()), "finalizeStructure");

        ElmanPattern elman = new ElmanPattern();
        elman.setInputNeurons(3);
        elman.addHiddenLayer(4);
        elman.setOutputNeurons(3);
        elman.setActivationFunction(new ActivationSigmoid());
        rejected(() -> EncogObjective.builder((BasicNetwork) elman.generate(), c.inputs(), c.ideals()),
                "context neurons");

        BasicNetwork dropout = new BasicNetwork();
        dropout.addLayer(new BasicLayer(null, true, 3));
        dropout.addLayer(new BasicLayer(new ActivationSigmoid(), true, 4, 0.5));
        dropout.addLayer(new BasicLayer(new ActivationSigmoid(), false, 3));
        dropout.getStructure().finalizeStructure(true);
        rejected(() -> EncogObjective.builder(dropout, c.inputs(), c.ideals()), "dropout");

        BasicNetwork competitive = EncogNets.feedForward(1, new ActivationSigmoid(), new ActivationCompetitive(),
                3, 4, 3);
        rejected(() -> EncogObjective.builder(competitive, c.inputs(), c.ideals()), "no derivative");

        BasicNetwork bias = c.network();
        bias.getFlat().getBiasActivation()[2] = 0.5;
        rejected(() -> EncogObjective.builder(bias, c.inputs(), c.ideals()), "bias activation 0.5");
    }

    @Test
    void rejectsDataThatDoesNotFit() {
        BasicNetwork net = c.network();
        rejected(() -> EncogObjective.builder(net, new double[0][], new double[0][]), "empty");
        rejected(() -> EncogObjective.builder(net, c.inputs(), new double[4][3]), "5 input rows but 4 ideal rows");
        rejected(() -> EncogObjective.builder(net, new double[5][2], c.ideals()), "input row 0 has 2 values");
        double[][] nan = c.ideals();
        nan[1][2] = Double.NaN;
        rejected(() -> EncogObjective.builder(net, c.inputs(), nan), "ideal[1][2] is NaN");
        rejected(() -> EncogObjective.builder(net, c.inputs(), c.ideals()).convention(null), "one of MSE_GRADIENT");
    }

    private static void rejected(Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message should contain '" + expected + "': " + e.getMessage());
    }
}
