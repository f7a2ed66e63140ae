package org.gradproof.check;

import org.gradproof.check.PlantedMlp.Bug;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hints on the reference 2-6-5-3 network (tanh, sigmoid, softmax cross-entropy averaged over a batch of 8) with one
 * bug planted in its backprop: each pattern gives its hint, naming the layer, and no other; a pattern that does not
 * hold gives none.
 */
class HintsTest {

    private static final int M = 8;

    private static final Mlp NET = Mlp.builder(2).dense(6, "tanh").dense(5, "sigmoid").dense(3, "identity")
            .loss(Loss.SOFTMAX_CROSS_ENTROPY, Reduction.MEAN).weights(Initializer.uniform(1))
            .biases(Initializer.uniform(0.5)).seed(10).build();

    private static final Batch BATCH = batch();

    private static GradientReport check(Bug bug, Integer... layers) {
        return GradientCheck.check(new PlantedMlp(NET.copy(), BATCH, bug, layers));
    }

    @Test
    void theUnplantedBackpropPassesWithoutHints() {
        GradientReport report = check(Bug.NONE);
        assertTrue(report.passed(), report.summary());
        assertEquals(List.of(), report.hints());
        assertTrue(!report.summary().contains("hint:"), report.summary());
    }

    @Test
    void theOutputLayerNotAveragedIsTheLayerThatMissesTheMean() {
        GradientReport report = check(Bug.NOT_AVERAGED, 2);
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report.summary());
        assertEquals(List.of("only dense3 is off, by k = 8 = the batch size m, and the other layers are right: does "
                + "dense3 miss the 1/8 of the mean that the other layers' gradients get (summed over the examples, "
                + "not averaged)?"), report.hints());
        assertTrue(report.summary().contains("\n  hint:      only dense3 is off, by k = 8"), report.summary());
    }

    @Test
    void aHiddenLayerNotAveragedIsNamedToo() {
        GradientReport report = check(Bug.NOT_AVERAGED, 0);
        assertEquals(List.of("dense1.W", "dense1.b"), report.wrongBlocks(), report.summary());
        assertEquals(1, report.hints().size(), report.summary());
        assertTrue(report.hints().get(0).startsWith("only dense1 is off, by k = 8 = the batch size m"),
                report.hints().toString());
    }

    @Test
    void everyLayerNotAveragedGetsNoLayerHint() {
        GradientReport report = check(Bug.NOT_AVERAGED, 0, 1, 2);
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report.summary());
        assertEquals(6, report.wrongBlocks().size(), report.summary());
        assertEquals(List.of(), report.hints());
    }

    @Test
    void aWrongDerivativeInTheFirstLayerPointsAtItsActivationDerivative() {
        GradientReport report = check(Bug.DERIVATIVE_OF_A, 0);
        assertEquals(Diagnosis.MISMATCH, report.diagnosis(), report.summary());
        assertEquals(List.of("dense1.W", "dense1.b"), report.wrongBlocks());
        assertEquals(List.of("dense1 is wrong and every layer above it is right: is it dense1's activation derivative "
                + "(φ′ given the wrong argument? φ′(z) needs z, a formula in a such as 1 − a² needs a = φ(z)), or the "
                + "delta passed into it from dense2?"), report.hints());
    }

    @Test
    void aWrongDerivativeInTheMiddleLayerIsInheritedBelowAndNamedWhereItEnters() {
        GradientReport report = check(Bug.DERIVATIVE_OF_A, 1);
        assertEquals(List.of("dense1.W", "dense1.b", "dense2.W", "dense2.b"), report.wrongBlocks(), report.summary());
        assertEquals(List.of("dense2 is wrong and every layer above it is right (the layers below inherit its error): "
                + "is it dense2's activation derivative (φ′ given the wrong argument? φ′(z) needs z, a formula in a such "
                + "as 1 − a² needs a = φ(z)), or the delta passed into it from dense3?"), report.hints());
    }

    @Test
    void hiddenBiasesAssignedPerExampleAskWhetherTheyAreSummedOverTheBatch() {
        GradientReport report = check(Bug.BIAS_ASSIGNED, 0, 1);
        assertEquals(Diagnosis.MISMATCH, report.diagnosis(), report.summary());
        assertEquals(List.of("dense1.b", "dense2.b"), report.wrongBlocks());
        assertEquals(List.of("only bias gradients are wrong (dense1.b, dense2.b) and the weights are right, so the "
                + "deltas are: is each bias gradient its delta summed over the batch — every example's added in (not "
                + "assigned), along the examples and not the units?"), report.hints());
    }

    @Test
    void aBiasScaledByTheBatchSizeIsASumWithoutTheMean() {
        BlockFunction bug = scaled(new PlantedMlp(NET.copy(), BATCH, Bug.NONE), 3, M);
        GradientReport report = GradientCheck.check(bug);
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report.summary());
        assertEquals(List.of("only bias gradients are wrong (dense2.b) and the weights are right, so the deltas are: "
                + "is the bias gradient summed over the batch without the 1/8 that the weights' gradients get (k = 8 "
                + "= the batch size m)?"), report.hints());
    }

    @Test
    void aBiasWithItsSignFlippedIsNotAskedAboutTheBatchSum() {
        GradientReport report = GradientCheck.check(scaled(new PlantedMlp(NET.copy(), BATCH, Bug.NONE), 3, -1));
        assertEquals(Diagnosis.SIGN_FLIP, report.diagnosis(), report.summary());
        assertEquals(List.of("dense2.b"), report.wrongBlocks());
        assertEquals(List.of(), report.hints());
    }

    @Test
    void oneLayersWeightsAloneWrongPointAtTheInputTheyAreMultipliedBy() {
        BlockFunction bug = scaled(new PlantedMlp(NET.copy(), BATCH, Bug.NONE), 2, 1.5);
        GradientReport report = GradientCheck.check(bug);
        assertEquals(List.of("dense2.W"), report.wrongBlocks(), report.summary());
        assertEquals(List.of("dense2's weights are wrong but its bias is right, so the delta at dense2 is right: is dW "
                + "formed with the wrong input (another layer's activation, or a product in the wrong order)?"),
                report.hints());
    }

    @Test
    void aLayerWrongBetweenRightLayersIsItsOwnGradientNotItsDelta() {
        BlockFunction bug = scaled(scaled(new PlantedMlp(NET.copy(), BATCH, Bug.NONE), 2, 1.5), 3, 1.5);
        GradientReport report = GradientCheck.check(bug);
        assertEquals(List.of("dense2.W", "dense2.b"), report.wrongBlocks(), report.summary());
        assertEquals(List.of("only dense2 is wrong: the layers above and below it are right, so the delta it passes "
                + "down is right: is dense2's own gradient formed wrongly from it (dW = δ·aᵀ with the layer's own input "
                + "a, db = δ summed over the examples)?"), report.hints());
    }

    @Test
    void wrongLayersThatAreNotOneErrorFlowingDownGetNoHint() {
        // the first and the output layer wrong, the middle one right: no one place the error enters
        BlockFunction bug = scaled(scaled(new PlantedMlp(NET.copy(), BATCH, Bug.NONE), 0, 1.5), 4, 1.5);
        GradientReport report = GradientCheck.check(bug);
        assertEquals(List.of("dense1.W", "dense3.W"), report.wrongBlocks(), report.summary());
        assertEquals(List.of(), report.hints());
    }

    @Test
    void namesThatSayNoLayersGiveNoLayerHint() {
        PlantedMlp planted = new PlantedMlp(NET.copy(), BATCH, Bug.DERIVATIVE_OF_A, 0);
        List<ParameterBlock> renamed = planted.blocks().stream()
                .map(b -> new ParameterBlock("p" + b.name().hashCode(), b.data(), b.shape())).toList();
        BlockFunction anonymous = new BlockFunction() {
            @Override
            public List<ParameterBlock> blocks() {
                return renamed;
            }

            @Override
            public double value() {
                return planted.value();
            }

            @Override
            public double[][] gradient() {
                return planted.gradient();
            }
        };
        GradientReport report = GradientCheck.check(anonymous);
        assertEquals(Diagnosis.MISMATCH, report.diagnosis(), report.summary());
        assertEquals(List.of(), report.hints());
    }

    /** The function with block {@code block}'s claimed gradient multiplied by k. */
    private static BlockFunction scaled(BlockFunction base, int block, double k) {
        return new BlockFunction() {
            @Override
            public List<ParameterBlock> blocks() {
                return base.blocks();
            }

            @Override
            public double value() {
                return base.value();
            }

            @Override
            public double[][] gradient() {
                double[][] g = base.gradient();
                for (int i = 0; i < g[block].length; i++) {
                    g[block][i] *= k;
                }
                return g;
            }

            @Override
            public List<KnownFactor> knownFactors() {
                return base.knownFactors();
            }
        };
    }

    private static Batch batch() {
        SplittableRandom random = new SplittableRandom(10);
        double[][] x = new double[M][2];
        double[][] y = new double[M][3];
        for (int n = 0; n < M; n++) {
            x[n][0] = random.nextDouble(-1, 1);
            x[n][1] = random.nextDouble(-1, 1);
            y[n][random.nextInt(3)] = 1;
        }
        return Batch.of(x, y);
    }
}
