package org.gradproof.properties.contract;

import org.gradproof.check.CheckOptions;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm.HeadPlacement;
import org.gradproof.properties.LstmCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recurrent contract's settings (validated, immutable), its cases' layouts and its errors on wrong shapes. */
class RecurrentGradientContractTest {

    private static final RecurrentGradientContract CONTRACT = RecurrentGradientContract.forSubject(
            new MyRecurrentNetwork());

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        assertRefused("layers: need 1 ≤ min ≤ max ≤ 3, got min 0, max 2", () -> CONTRACT.layers(0, 2));
        assertRefused("layers: need 1 ≤ min ≤ max ≤ 3, got min 1, max 4", () -> CONTRACT.layers(1, 4));
        assertRefused("timeSteps: need 1 ≤ min ≤ max ≤ 12, got min 4, max 3", () -> CONTRACT.timeSteps(4, 3));
        assertRefused("batchSizes: need 1 ≤ min ≤ max ≤ 8, got min 0, max 3", () -> CONTRACT.batchSizes(0, 3));
        assertRefused("cells: need 1 ≤ min ≤ max ≤ 8, got min 0, max 2", () -> CONTRACT.cells(0, 2));
        assertRefused("inputs: need 1 ≤ min ≤ max ≤ 8, got min 2, max 9", () -> CONTRACT.inputs(2, 9));
        assertRefused("weightScales: each must be in (0, 8.0], got -1.0 in [-1.0]", () -> CONTRACT.weightScales(-1));
        assertRefused("examples: need at least 1, got 0", () -> CONTRACT.examples(0));
        assertRefused("placements: give at least one", () -> CONTRACT.placements());
        assertRefused("losses: give at least one", () -> CONTRACT.losses());
        assertRefused("losses: the recurrent contract has heads for mse and softmax_cross_entropy (on logits), got "
                + "bce", () -> CONTRACT.losses(Loss.MSE, Loss.BINARY_CROSS_ENTROPY));
        assertThrows(NullPointerException.class, () -> RecurrentGradientContract.forSubject(null));
    }

    @Test
    void everySettingReturnsANewContractAndLeavesThisOneAlone() {
        String before = CONTRACT.toString();
        RecurrentGradientContract changed = CONTRACT.layers(1, 1).cells(3, 4).inputs(2, 2).timeSteps(2, 4)
                .batchSizes(3, 3).placements(HeadPlacement.EVERY_STEP).losses(Loss.MSE).randomInitialStates(false)
                .weightScales(1, 3).checkOptions(CheckOptions.builder().seed(3).build())
                .compareLossWithReference(false).examples(7).explore().counterexamples(Path.of("elsewhere"));
        assertEquals(before, CONTRACT.toString());
        assertEquals("RecurrentGradientContract[layers 1–1, cells 3–4, inputs 2–2, timeSteps 2–4, batchSizes 3–3, "
                + "placements [EVERY_STEP], losses [mse], randomInitialStates false, weightScales [1.0, 3.0], "
                + "compareLossWithReference false, examples 7, exploring, checkOptions ["
                + CheckOptions.builder().seed(3).build() + "], checking weights, inputs and initial state]",
                changed.toString());
    }

    /** The defaults the Javadoc promises, as the failure message prints them. */
    @Test
    void theDefaultsAreAsDocumented() {
        if (System.getProperty("QT_EXAMPLES") == null) {
            assertEquals(RecurrentGradientContract.DEFAULT_EXAMPLES, CONTRACT.exampleCount());
        }
        assertTrue(CONTRACT.toString().startsWith("RecurrentGradientContract[layers 1–3, cells 2–6, inputs 1–4, "
                + "timeSteps 3–6, batchSizes 3–5, placements [LAST_STEP, EVERY_STEP], losses [mse, "
                + "softmax_cross_entropy], randomInitialStates true, weightScales [1.0], compareLossWithReference true, "
                + "examples "), CONTRACT.toString());
    }

    /** The accessors read the reference's live blocks in its order: what the Javadoc says the subject may rely on. */
    @Test
    void theCaseExposesTheReferenceBlocksLiveInTheirOrder() {
        RecurrentContractCase c = twoLayerCase(false);
        List<String> names = c.blockNames();
        assertEquals(26, names.size());
        assertEquals(List.of("lstm1.W_i", "lstm1.W_f", "lstm1.W_g", "lstm1.W_o", "lstm1.U_i"), names.subList(0, 5));
        assertEquals(List.of("lstm2.b_o", "head.W", "head.b"), names.subList(23, 26));
        assertEquals(3 * 2, c.inputWeights(0, 1).length);
        assertEquals(3 * 3, c.inputWeights(1, 1).length);
        assertEquals(2 * 3, c.headWeights().length);
        double before = c.referenceLoss();
        c.recurrentWeights(1, 3)[4] += 0.5;
        assertTrue(before != c.referenceLoss(), "U_o of lstm2 is live");
        assertRefused("gate 4 out of range: gates are 0..3 for [i, f, g, o]", () -> c.bias(0, 4));
        assertRefused("layer 2 out of range: the stack has 2 layer(s), 0..1", () -> c.inputWidth(2));
        assertRefused("targets(1): the head reads the last step only (t = 3); see headReads(t)", () -> c.targets(1));
    }

    @Test
    void gradientsOfTheWrongShapeNameTheBlockAndBothShapes() {
        RecurrentContractCase c = twoLayerCase(false);
        RecurrentGradientContract.Subject tooFew = new RecurrentGradientContract.Subject() {
            @Override
            public double loss(RecurrentContractCase c) {
                return new MyRecurrentNetwork().loss(c);
            }

            @Override
            public double[][] gradients(RecurrentContractCase c) {
                double[][] g = new MyRecurrentNetwork().gradients(c);
                g[13] = new double[4];
                return g;
            }
        };
        assertRefused("gradients: the gradient of lstm2.W_f (3x3, 9 entries row-major) has 4 entries",
                () -> RecurrentGradientContract.forSubject(tooFew).check(c));
    }

    @Test
    void aCorrectSubjectPassesAndAWrongLossIsNamedOnOneCase() {
        RecurrentContractCase c = twoLayerCase(true);
        RecurrentGradientContract.forSubject(new MyRecurrentNetwork()).check(c);
        AssertionError e = assertThrows(AssertionError.class,
                () -> RecurrentGradientContract.forSubject(new MyRecurrentNetwork(true, 3)).check(c));
        assertTrue(e.getMessage().startsWith("your loss is "), e.getMessage());
        assertTrue(e.getMessage().contains("(ratio 3.0"), e.getMessage());
    }

    /** 2 inputs, 2 layers of 3 cells, T = 4, batch 3, MSE, last-step head (or every step). */
    private static RecurrentContractCase twoLayerCase(boolean everyStep) {
        return new RecurrentContractCase(new LstmCase(2, 2, 3, 4, 3, everyStep, false, 0.5, false, 11, 12));
    }

    private static void assertRefused(String message, Executable e) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, e);
        assertEquals(message, thrown.getMessage());
    }
}
