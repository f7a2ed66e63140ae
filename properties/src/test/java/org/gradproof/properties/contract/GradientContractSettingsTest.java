package org.gradproof.properties.contract;

import org.gradproof.check.CheckOptions;
import org.gradproof.nn.Reduction;
import org.gradproof.properties.Head;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dense contract's settings: each returns a new contract and leaves this one alone, and a bad one is named. */
class GradientContractSettingsTest {

    private static final GradientContract CONTRACT = GradientContract.forSubject(new MyNetwork());

    /** The defaults the Javadoc promises, as the failure message prints them. */
    @Test
    void theDefaultsAreAsDocumented() {
        assertTrue(CONTRACT.toString().startsWith("GradientContract[depths 2–4, widths 2–8, inputs 1–8, "
                + "minimumOutputs 2, activations [identity, sigmoid, tanh, relu, leaky_relu(0.1), softplus, "
                + "erf_logistic], heads [MSE_IDENTITY, MSE_SIGMOID, HALF_SUM_OF_SQUARES_TANH, SUM_OF_SQUARES_IDENTITY, "
                + "BCE_SIGMOID, BCE_ERF_LOGISTIC, SIGMOID_BCE_LOGITS, SOFTMAX_CROSS_ENTROPY_LOGITS, "
                + "CROSS_ENTROPY_SOFTMAX], reductions [MEAN, SUM], batchSizes 3–6, weightScales [1.0, 0.1, 0.5, 2.0, "
                + "4.0, 8.0], compareLossWithReference true, examples "), CONTRACT.toString());
        assertTrue(CONTRACT.toString().endsWith(", checkOptions [" + CheckOptions.defaults() + "]]"),
                CONTRACT.toString());
        if (System.getProperty("QT_EXAMPLES") == null) {
            assertEquals(GradientContract.DEFAULT_EXAMPLES, CONTRACT.exampleCount());
        }
    }

    @Test
    void everySettingReturnsANewContractAndLeavesThisOneAlone() {
        String before = CONTRACT.toString();
        GradientContract changed = CONTRACT.activations("tanh").heads(Head.SOFTMAX_CROSS_ENTROPY_LOGITS)
                .reductions(Reduction.MEAN).depths(3, 3).widths(4, 5).inputs(2, 2).minimumOutputs(3).batchSizes(4, 8)
                .weightScales(0.5, 2).checkOptions(CheckOptions.builder().relativeTolerance(1e-8).build())
                .compareLossWithReference(false).examples(7).explore().counterexamples(Path.of("elsewhere"));
        assertEquals(before, CONTRACT.toString());
        assertEquals("GradientContract[depths 3–3, widths 4–5, inputs 2–2, minimumOutputs 3, activations [tanh], heads "
                + "[SOFTMAX_CROSS_ENTROPY_LOGITS], reductions [MEAN], batchSizes 4–8, weightScales [0.5, 2.0], "
                + "compareLossWithReference false, examples 7, exploring, checkOptions ["
                + CheckOptions.builder().relativeTolerance(1e-8).build() + "]]", changed.toString());
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        assertRefused("depths: need 1 ≤ min ≤ max ≤ 4, got min 0, max 2", () -> CONTRACT.depths(0, 2));
        assertRefused("depths: need 1 ≤ min ≤ max ≤ 4, got min 2, max 5", () -> CONTRACT.depths(2, 5));
        assertRefused("widths: need 1 ≤ min ≤ max ≤ 8, got min 3, max 2", () -> CONTRACT.widths(3, 2));
        assertRefused("inputs: need 1 ≤ min ≤ max ≤ 8, got min 1, max 9", () -> CONTRACT.inputs(1, 9));
        assertRefused("batchSizes: need 1 ≤ min ≤ max ≤ 32, got min 0, max 3", () -> CONTRACT.batchSizes(0, 3));
        assertRefused("minimumOutputs: need 1 ≤ min ≤ max ≤ 8, got min 0, max 0", () -> CONTRACT.minimumOutputs(0));
        assertRefused("weightScales: each must be in (0, 16.0], got 0.0 in [1.0, 0.0]",
                () -> CONTRACT.weightScales(1, 0));
        assertRefused("weightScales: each must be in (0, 16.0], got NaN in [NaN]",
                () -> CONTRACT.weightScales(Double.NaN));
        assertRefused("weightScales: give at least one", () -> CONTRACT.weightScales());
        assertRefused("examples: need at least 1, got 0", () -> CONTRACT.examples(0));
        assertRefused("heads: give at least one", () -> CONTRACT.heads());
        assertRefused("reductions: give at least one", () -> CONTRACT.reductions());
        assertRefused("reductions: null in [MEAN, null]", () -> CONTRACT.reductions(Reduction.MEAN, null));
        assertRefused("activations: give at least one", () -> CONTRACT.activations());
        assertRefused("activations: unknown activation 'swish'; known: identity, sigmoid, tanh, relu, softplus, "
                + "erf_logistic, softmax, leaky_relu(α)", () -> CONTRACT.activations("sigmoid", "swish"));
        assertRefused("checkOptions: give the options (CheckOptions.defaults() for the defaults), got null",
                () -> CONTRACT.checkOptions(null));
        assertThrows(NullPointerException.class, () -> GradientContract.forSubject(null));
    }

    private static void assertRefused(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
