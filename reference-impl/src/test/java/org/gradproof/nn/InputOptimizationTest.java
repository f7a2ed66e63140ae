package org.gradproof.nn;

import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;
import org.gradproof.train.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 000's Theano question done right: train a 2-3-1 sigmoid net on the 2-bit task (only [0, 1] → 1), freeze the
 * weights, and run gradient descent on the input x towards output 1, with the bias kept inside the network (not
 * broadcast onto x) and x projected into [0, 1] after every step. It must arrive at [0, 1].
 */
class InputOptimizationTest {

    static final double[][] INPUTS = {{0, 1}, {1, 0}, {1, 1}, {0, 0}};
    static final double[][] TARGETS = {{1}, {0}, {0}, {0}};

    static Mlp trained() {
        Mlp net = Mlp.builder(2).dense(3, "sigmoid").dense(1, "sigmoid").loss(Loss.SUM_OF_SQUARES, Reduction.SUM)
                .weights(Initializer.positiveUniform(1)).biases(Initializer.positiveUniform(1)).seed(3).build();
        Optimizer sgd = Optimizer.sgd(0.1);
        for (int epoch = 0; epoch < 5000; epoch++) {
            for (int k = 0; k < INPUTS.length; k++) { // per-example updates, as the seed's Theano function
                Batch one = Batch.of(new double[][] {INPUTS[k]}, new double[][] {TARGETS[k]});
                sgd.step(net.parameterBlocks(), net.gradients(one).blocks());
            }
        }
        return net;
    }

    @Test
    void theInputThatMaximisesTheTrainedNetIsZeroOne() {
        Mlp net = trained();
        assertTrue(net.predict(Batch.of(new double[][] {{0, 1}}, new double[][] {{1}}).inputs()).get(0, 0) > 0.9,
                "the net has learned the 2-bit task");
        SplittableRandom random = new SplittableRandom(4);
        double[][] start = {{random.nextDouble(), random.nextDouble()}};
        var objective = net.inputObjective(Batch.of(start, new double[][] {{1}}));
        GradientReport check = GradientCheck.check(objective);
        assertTrue(check.passed(), check::summary);

        ParameterBlock x = objective.blocks().get(0);
        for (int step = 0; step < 10000; step++) {
            double[] g = objective.gradient()[0];
            for (int j = 0; j < 2; j++) {
                x.data()[j] = Math.min(1, Math.max(0, x.data()[j] - 0.1 * g[j])); // projected onto [0, 1]
            }
        }
        assertEquals(0, x.data()[0], 1e-3);
        assertEquals(1, x.data()[1], 1e-3);
        assertEquals(List.of("inputs"), objective.blocks().stream().map(ParameterBlock::name).toList());
    }
}
