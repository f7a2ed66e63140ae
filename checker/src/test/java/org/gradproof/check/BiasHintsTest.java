package org.gradproof.check;

import static org.gradproof.check.PlantedLayers.times;
import static org.gradproof.check.PlantedLayers.uneven;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bias hint: when only bias blocks are wrong and the weights are right, the deltas are right, so the report asks
 * how the bias gradient is summed over the batch — with the factor it is off by when that is a known size, and not at
 * all when it is off by a sign or by a factor nothing explains.
 */
class BiasHintsTest {

    private static final BlockFunction.KnownFactor BATCH = new BlockFunction.KnownFactor("the batch size m", 8);

    private static final PlantedLayers NET = PlantedLayers.of(PlantedLayers.layers("dense", 3), List.of(), BATCH);

    private static final String SUMMED = "is each bias gradient its delta summed over the batch — every example's "
            + "added in (not assigned), along the examples and not the units?";

    private static List<String> hints(BlockFunction f, Diagnosis expected) {
        GradientReport report = GradientCheck.check(f);
        assertEquals(expected, report.diagnosis(), report::summary);
        return report.hints();
    }

    @Test
    void biasesWrongInNoSinglePatternAskWhetherEachIsSummedOverTheBatch() {
        // planted top first: the hint lists the blocks in the model's order
        assertEquals(List.of("only bias gradients are wrong (dense1.b, dense3.b) and the weights are right, so the "
                + "deltas are: " + SUMMED), hints(NET.with("dense3.b", uneven()).with("dense1.b", uneven()),
                Diagnosis.MISMATCH));
    }

    @Test
    void aBiasTimesTheBatchSizeIsSummedWithoutTheMean() {
        assertEquals(List.of("only bias gradients are wrong (dense2.b) and the weights are right, so the deltas are: "
                + "is the bias gradient summed over the batch without the 1/8 that the weights' gradients get (k = 8 "
                + "= the batch size m)?"), hints(NET.with("dense2.b", times(8)), Diagnosis.SCALED));
    }

    @Test
    void aBiasOverTheBatchSizeIsDividedOnceTooOften() {
        assertEquals(List.of("only bias gradients are wrong (dense2.b) and the weights are right, so the deltas are: "
                + "is the bias gradient divided by 8 once more than the weights' (k = 1/8, 8 = the batch size m)?"),
                hints(NET.with("dense2.b", times(1.0 / 8)), Diagnosis.SCALED));
    }

    @Test
    void twoSizesOfTheSameValueAreBothNamed() {
        PlantedLayers net = PlantedLayers.of(PlantedLayers.layers("dense", 2), List.of(), BATCH,
                new BlockFunction.KnownFactor("the sequence length T", 8), BATCH);
        assertEquals(List.of("only bias gradients are wrong (dense1.b) and the weights are right, so the deltas are: "
                + "is the bias gradient summed over the batch without the 1/8 that the weights' gradients get (k = 8 "
                + "= the batch size m or the sequence length T)?"),
                hints(net.with("dense1.b", times(8)), Diagnosis.SCALED));
    }

    @Test
    void aBiasWithItsSignFlippedOrOffByAnUnknownFactorGetsNoBatchQuestion() {
        assertEquals(List.of(), hints(NET.with("dense2.b", times(-1)), Diagnosis.SIGN_FLIP));
        assertEquals(List.of(), hints(NET.with("dense2.b", times(3)), Diagnosis.SCALED));
        assertEquals(List.of(), hints(NET.with("dense2.b", times(-8)), Diagnosis.SCALED));
        // two biases each off by its own known factor: no one k to name
        assertEquals(List.of(), hints(NET.with("dense1.b", times(8)).with("dense2.b", times(1.0 / 8)),
                Diagnosis.SCALED));
    }

    @Test
    void aFactorWithACauseOfItsOwnIsNotTakenForTheBatchSum() {
        // a known factor with a cause is explained by that cause (in the explanation), not by the batch sum
        PlantedLayers net = PlantedLayers.of(PlantedLayers.layers("dense", 2), List.of(),
                new BlockFunction.KnownFactor("the loss value", 8, "the gradient is multiplied by the loss"));
        assertEquals(List.of(), hints(net.with("dense1.b", times(8)), Diagnosis.SCALED));
    }

    @Test
    void aBiasBesideAWrongWeightBlockIsNoBiasOnlyError() {
        List<String> hints = hints(NET.with("dense2.b", times(8)).with("dense3.W", times(8)), Diagnosis.SCALED);
        assertEquals(List.of(), hints);
    }

    @Test
    void withoutLayersTheBlockNamesSayWhichBlocksAreBiases() {
        PlantedLayers unordered = PlantedLayers.of(new ModelLayers(List.of(
                new ModelLayers.Layer("hidden", List.of("hidden.W"), List.of("hidden.b")),
                new ModelLayers.Layer("output", List.of("output.W"), List.of("output.b")))), List.of(), BATCH)
                .namedOnly();
        assertEquals(List.of("only bias gradients are wrong (hidden.b) and the weights are right, so the deltas are: "
                + SUMMED), hints(unordered.with("hidden.b", uneven()), Diagnosis.MISMATCH));
    }

    @Test
    void declaredLayersSayWhichBlocksAreBiasesWhateverTheirNames() {
        // "shift" and "gain" say nothing by name; the declared layers make shift a bias and gain the weights
        PlantedLayers net = PlantedLayers.of(new ModelLayers(List.of(
                new ModelLayers.Layer("norm", List.of("gain"), List.of("shift")))), List.of());
        assertEquals(List.of("only bias gradients are wrong (shift) and the weights are right, so the deltas are: "
                + SUMMED), hints(net.with("shift", uneven()), Diagnosis.MISMATCH));
        // and a block named like a bias that the layers list as weights is taken for weights
        PlantedLayers declared = PlantedLayers.of(new ModelLayers(List.of(
                new ModelLayers.Layer("odd", List.of("odd.b"), List.of("odd.c")),
                new ModelLayers.Layer("top", List.of("top.W"), List.of("top.b")))), List.of());
        assertEquals(List.of("odd's weights are wrong but its bias is right, so the delta at odd is right: is dW "
                + "formed with the wrong input (another layer's activation, or a product in the wrong order)?"),
                hints(declared.with("odd.b", uneven()), Diagnosis.MISMATCH));
    }

    @Test
    void biasesWrongWhereNoWeightsAreKnownToBeRightGetNoBiasHint() {
        // only bias blocks at all: nothing shows that the deltas are right
        PlantedLayers biases = PlantedLayers.of(new ModelLayers(List.of(
                new ModelLayers.Layer("a", List.of(), List.of("a.b")),
                new ModelLayers.Layer("c", List.of(), List.of("c.b")))), List.of(), BATCH).namedOnly();
        assertEquals(List.of(), hints(biases.with("a.b", uneven()), Diagnosis.MISMATCH));
        // the same layers declared: still no bias hint (a right bias is no right weight); the layer is placed instead
        PlantedLayers declared = PlantedLayers.of(new ModelLayers(List.of(
                new ModelLayers.Layer("a", List.of(), List.of("a.b")),
                new ModelLayers.Layer("c", List.of(), List.of("c.b")))), List.of(), BATCH);
        List<String> hints = hints(declared.with("a.b", uneven()), Diagnosis.MISMATCH);
        assertEquals(1, hints.size(), hints::toString);
        assertEquals(true, hints.get(0).startsWith("a is wrong and every layer above it is right"), hints::toString);
    }
}
