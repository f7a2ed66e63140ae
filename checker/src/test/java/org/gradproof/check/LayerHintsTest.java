package org.gradproof.check;

import static org.gradproof.check.PlantedLayers.times;
import static org.gradproof.check.PlantedLayers.transposed;
import static org.gradproof.check.PlantedLayers.uneven;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Layer hints on a function that declares three layers dense1 (bottom) … dense3 (top), with bugs planted in chosen
 * blocks: each placement of the wrong blocks gives its hint, naming the layer where the error enters, and a placement
 * that no single cause explains gives none. No network is needed: the hints read only which blocks are wrong and how.
 */
class LayerHintsTest {

    private static final BlockFunction.KnownFactor BATCH = new BlockFunction.KnownFactor("the batch size m", 8);

    private static final PlantedLayers NET = PlantedLayers.of(PlantedLayers.layers("dense", 3), List.of(), BATCH);

    private static GradientReport check(BlockFunction f) {
        return GradientCheck.check(f);
    }

    private static String activationHint(String layer, boolean inherited, String above) {
        return layer + " is wrong and every layer above it is right"
                + (inherited ? " (the layers below inherit its error)" : "") + ": is it " + layer + "'s activation "
                + "derivative (φ′ given the wrong argument? φ′(z) needs z, a formula in a such as 1 − a² needs "
                + "a = φ(z)), or the delta passed into it from " + above + "?";
    }

    @Test
    void aRightGradientHasNoHints() {
        GradientReport report = check(NET);
        assertTrue(report.passed(), report::summary);
        assertEquals(List.of(), report.hints());
        assertTrue(!report.summary().contains("hint:"), report::summary);
    }

    @Test
    void theTopLayerTimesTheBatchSizeMissesTheMean() {
        GradientReport report = check(NET.with("dense3.W", times(8)).with("dense3.b", times(8)));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(List.of("only dense3 is off, by k = 8 = the batch size m, and the other layers are right: does "
                + "dense3 miss the 1/8 of the mean that the other layers' gradients get (summed over the examples, "
                + "not averaged)?"), report.hints());
        assertTrue(report.summary().contains("\n  hint:      only dense3 is off, by k = 8"), report::summary);
    }

    @Test
    void theBottomLayerOverTheBatchSizeIsAveragedTwice() {
        GradientReport report = check(NET.with("dense1.W", times(1.0 / 8)).with("dense1.b", times(1.0 / 8)));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(List.of("only dense1 is off, by k = 1/8 (8 = the batch size m), and the other layers are right: "
                + "does dense1 divide by 8 once more than the other layers (averaged twice)?"), report.hints());
    }

    @Test
    void aScaleOnPartOfALayerNamesTheBlocksNotTheLayer() {
        GradientReport report = check(NET.with("dense2.W", times(8)));
        assertEquals(List.of("dense2.W"), report.wrongBlocks(), report::summary);
        assertEquals(List.of("only dense2.W is off, by k = 8 = the batch size m, and the other layers are right: "
                + "does dense2.W miss the 1/8 of the mean that the other layers' gradients get (summed over the "
                + "examples, not averaged)?"), report.hints());
    }

    @Test
    void twoLayersTimesTheBatchSizeAreNotOneLayerMissingTheMean() {
        GradientReport report = check(NET.with("dense2.W", times(8)).with("dense2.b", times(8))
                .with("dense3.W", times(8)).with("dense3.b", times(8)));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(List.of(), report.hints());
    }

    @Test
    void everyLayerTimesTheBatchSizeGetsNoLayerHint() {
        PlantedLayers all = NET;
        for (String block : List.of("dense1.W", "dense1.b", "dense2.W", "dense2.b", "dense3.W", "dense3.b")) {
            all = all.with(block, times(8));
        }
        GradientReport report = check(all);
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(List.of(), report.hints());
    }

    @Test
    void aLayerOffByAFactorThatIsNotKnownIsPlacedInsteadOfExplained() {
        // 3 is no known factor, and 8.008 is not 8: no "miss the 1/8 of the mean"; the placement hint is given instead
        String placement = "only dense2 is wrong: the layers above and below it are right, so the delta it passes "
                + "down is right: is dense2's own gradient formed wrongly from it (dW = δ·aᵀ with the layer's own "
                + "input a, db = δ summed over the examples)?";
        for (double k : new double[] {3, 8 * (1 + 1e-3), 1 / (8 * (1 + 1e-3))}) {
            GradientReport report = check(NET.with("dense2.W", times(k)).with("dense2.b", times(k)));
            assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
            assertEquals(List.of(placement), report.hints(), "k = " + k);
        }
    }

    @Test
    void aLayerWithItsSignFlippedIsPlacedNotExplainedByAFactor() {
        GradientReport report = check(NET.with("dense3.W", times(-1)).with("dense3.b", times(-1)));
        assertEquals(Diagnosis.SIGN_FLIP, report.diagnosis(), report::summary);
        assertEquals(List.of("only dense3 is wrong: the layers below it are right, so the delta it passes down is "
                + "right: is dense3's own gradient formed wrongly from it (dW = δ·aᵀ with the layer's own input a, "
                + "db = δ summed over the examples)?"), report.hints());
    }

    @Test
    void aLayerTimesMinusTheBatchSizeIsNotSaidToMissTheMean() {
        GradientReport report = check(NET.with("dense3.W", times(-8)).with("dense3.b", times(-8)));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(1, report.hints().size(), report::summary);
        assertTrue(report.hints().get(0).startsWith("only dense3 is wrong: the layers below it are right"),
                report.hints()::toString);
    }

    @Test
    void theBottomLayerWrongAloneIsItsActivationDerivativeOrTheDeltaFromAbove() {
        GradientReport report = check(NET.with("dense1.W", uneven()).with("dense1.b", uneven()));
        assertEquals(Diagnosis.MISMATCH, report.diagnosis(), report::summary);
        assertEquals(List.of(activationHint("dense1", false, "dense2")), report.hints());
    }

    @Test
    void aMiddleLayerWrongWithEverythingBelowItIsWhereTheErrorEnters() {
        GradientReport report = check(NET.with("dense1.W", uneven()).with("dense1.b", uneven())
                .with("dense2.W", uneven()).with("dense2.b", uneven()));
        assertEquals(List.of("dense1.W", "dense1.b", "dense2.W", "dense2.b"), report.wrongBlocks(), report::summary);
        assertEquals(List.of(activationHint("dense2", true, "dense3")), report.hints());
    }

    @Test
    void aMiddleLayerWrongBetweenRightLayersFormsItsOwnGradientWrongly() {
        GradientReport report = check(NET.with("dense2.W", uneven()).with("dense2.b", uneven()));
        assertEquals(List.of("only dense2 is wrong: the layers above and below it are right, so the delta it passes "
                + "down is right: is dense2's own gradient formed wrongly from it (dW = δ·aᵀ with the layer's own "
                + "input a, db = δ summed over the examples)?"), report.hints());
    }

    @Test
    void theTopLayerWrongAloneHasOnlyLayersBelowIt() {
        GradientReport report = check(NET.with("dense3.W", uneven()).with("dense3.b", uneven()));
        assertEquals(List.of("only dense3 is wrong: the layers below it are right, so the delta it passes down is "
                + "right: is dense3's own gradient formed wrongly from it (dW = δ·aᵀ with the layer's own input a, "
                + "db = δ summed over the examples)?"), report.hints());
    }

    @Test
    void aLayersWeightsWrongWithItsBiasRightPointAtTheInputOfDw() {
        for (String layer : List.of("dense1", "dense3")) {
            GradientReport report = check(NET.with(layer + ".W", uneven()));
            assertEquals(List.of(layer + ".W"), report.wrongBlocks(), report::summary);
            assertEquals(List.of(layer + "'s weights are wrong but its bias is right, so the delta at " + layer
                    + " is right: is dW formed with the wrong input (another layer's activation, or a product in the "
                    + "wrong order)?"), report.hints());
        }
    }

    @Test
    void aLayerWithoutBiasWhoseWeightsAreWrongIsPlacedAsAWholeLayer() {
        ModelLayers noBias = new ModelLayers(List.of(new ModelLayers.Layer("embed", List.of("embed.W"), List.of()),
                new ModelLayers.Layer("dense", List.of("dense.W"), List.of("dense.b"))));
        GradientReport report = check(PlantedLayers.of(noBias, List.of()).with("embed.W", uneven()));
        assertEquals(List.of(activationHint("embed", false, "dense")), report.hints());
    }

    @Test
    void aTopLayerWrongOnlyInItsBiasBesideAWrongLayerBelowGetsNoHint() {
        // dense1 wholly wrong and only dense2's bias: the error does not enter at one layer and flow down
        GradientReport report = check(NET.with("dense1.W", uneven()).with("dense1.b", uneven())
                .with("dense2.b", uneven()));
        assertEquals(Diagnosis.MISMATCH, report.diagnosis(), report::summary);
        assertEquals(List.of(), report.hints());
    }

    @Test
    void wrongLayersWithARightLayerBetweenThemGetNoHint() {
        GradientReport report = check(NET.with("dense1.W", uneven()).with("dense1.b", uneven())
                .with("dense3.W", uneven()).with("dense3.b", uneven()));
        assertEquals(List.of("dense1.W", "dense1.b", "dense3.W", "dense3.b"), report.wrongBlocks(), report::summary);
        assertEquals(List.of(), report.hints());
    }

    @Test
    void everyLayerWrongGetsNoHint() {
        PlantedLayers all = NET;
        for (String block : List.of("dense1.W", "dense1.b", "dense2.W", "dense2.b", "dense3.W", "dense3.b")) {
            all = all.with(block, uneven());
        }
        GradientReport report = check(all);
        assertEquals(Diagnosis.MISMATCH, report.diagnosis(), report::summary);
        assertEquals(List.of(), report.hints());
    }

    @Test
    void aWrongBlockInNoLayerKeepsTheLayerHintsSilent() {
        PlantedLayers withInputs = PlantedLayers.of(PlantedLayers.layers("dense", 3), List.of("inputs"));
        GradientReport report = check(withInputs.with("inputs", uneven()).with("dense1.W", uneven())
                .with("dense1.b", uneven()));
        assertEquals(List.of("dense1.W", "dense1.b", "inputs"), report.wrongBlocks(), report::summary);
        assertEquals(List.of(), report.hints());
    }

    @Test
    void aOneLayerModelOffByTheBatchSizeHasNoOtherLayerToCompareWith() {
        PlantedLayers single = PlantedLayers.of(PlantedLayers.layers("dense", 1), List.of(), BATCH);
        GradientReport report = check(single.with("dense1.W", times(8)));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(List.of(), report.hints());
    }

    @Test
    void aTransposedOrAMissingGradientIsSaidByTheDiagnosisNotByAHint() {
        GradientReport turned = check(NET.with("dense2.W", transposed()));
        assertEquals(Diagnosis.TRANSPOSED, turned.diagnosis(), turned::summary);
        assertEquals(List.of(), turned.hints());
        GradientReport cut = check(NET.with("dense2.W", times(0)));
        assertEquals(Diagnosis.MISSING_GRADIENT, cut.diagnosis(), cut::summary);
        assertEquals(List.of(), cut.hints());
    }

    @Test
    void layersReadFromNumberedNamesAreNamedByTheirNumber() {
        PlantedLayers numbered = PlantedLayers.of(new ModelLayers(List.of(
                new ModelLayers.Layer("first", List.of("W1"), List.of("b1")),
                new ModelLayers.Layer("second", List.of("W2"), List.of("b2")))), List.of(), BATCH).namedOnly();
        GradientReport report = check(numbered.with("W2", times(8)).with("b2", times(8)));
        assertEquals(1, report.hints().size(), report::summary);
        assertTrue(report.hints().get(0).startsWith("only layer 2 is off, by k = 8 = the batch size m"),
                report.hints()::toString);
    }

    @Test
    void namesThatSayNoOrderAndNoDeclaredLayersGiveNoLayerHint() {
        PlantedLayers unordered = PlantedLayers.of(new ModelLayers(List.of(
                new ModelLayers.Layer("hidden", List.of("hidden.W"), List.of("hidden.b")),
                new ModelLayers.Layer("output", List.of("output.W"), List.of("output.b")))), List.of(), BATCH)
                .namedOnly();
        GradientReport report = check(unordered.with("output.W", times(8)).with("output.b", times(8)));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(List.of(), report.hints());
    }
}
