package org.gradproof.examples.encog;

import org.gradproof.check.BlockStatistics;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What gradproof finds on Encog 3.4's backprop: the findings of the module README, per configuration. */
class EncogGateTest {

    static Stream<Object[]> cases() {
        return GateCases.all().stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void theCheckerFindsWhatTheReadmeSays(GateCases.Config config, GateCase c) {
        GradientReport r = GradientCheck.check(c.objective());
        String why = c + "\n" + r.summary();
        List<String> all = r.blocks().stream().map(BlockStatistics::name).toList();
        List<String> output = List.of(EncogLayout.weightName(c.connections() - 1),
                EncogLayout.biasName(c.connections() - 1));
        List<String> belowOutput = new ArrayList<>(all);
        belowOutput.removeAll(output);
        switch (config.finding()) {
            case CORRECT -> assertEquals(Diagnosis.CORRECT, r.diagnosis(), why);
            case WRONG_BELOW_OUTPUT -> {
                assertEquals(Diagnosis.MISMATCH, r.diagnosis(), why);
                assertEquals(belowOutput, r.wrongBlocks(), why);
            }
            case HALVED_PER_LAYER -> {
                assertEquals(Diagnosis.SCALED, r.diagnosis(), why);
                assertEquals(all, r.wrongBlocks(), why);
                for (BlockStatistics b : r.blocks()) {
                    int below = c.connections() - 1 - Integer.parseInt(b.name().substring(5, 6));
                    assertEquals(Math.pow(0.5, below + 1), b.fittedScale(), 1e-9, b.name() + "\n" + why);
                }
            }
            case WRONG_EVERYWHERE -> {
                assertEquals(Diagnosis.MISMATCH, r.diagnosis(), why);
                assertEquals(all, r.wrongBlocks(), why);
            }
        }
    }

    /** Headline numbers of the flat spot: the hidden connection is ~1.46× too steep, yet nearly parallel. */
    @Test
    void flatSpotHeadlineNumbers() {
        GradientReport r = GradientCheck.check(GateCases.of("Sigmoid", "Sigmoid", true, 1, 3, 4, 3).objective());
        BlockStatistics w = r.block("layer0->1.W").orElseThrow();
        BlockStatistics b = r.block("layer0->1.b").orElseThrow();
        assertEquals(1.4618, w.fittedScale(), 1e-4, r.summary());
        assertEquals(0.99645, w.cosine(), 1e-5, r.summary());
        assertEquals(1.4767, b.fittedScale(), 1e-4, r.summary());
        assertEquals(12, w.mismatched(), r.summary());
        assertEquals(1.0, r.block("layer1->2.W").orElseThrow().fittedScale(), 1e-9, r.summary());
    }

    /** Headline numbers of the wrong layer's derivative: sigmoid hidden under a linear output, ~5× too large. */
    @Test
    void layerAboveHeadlineNumbers() {
        GradientReport r = GradientCheck.check(GateCases.of("Sigmoid", "Linear", false, 1, 3, 4, 3).objective());
        BlockStatistics w = r.block("layer0->1.W").orElseThrow();
        assertEquals(5.2116, w.fittedScale(), 1e-4, r.summary());
        assertEquals(0.97632, w.cosine(), 1e-5, r.summary());
        assertTrue(r.summary().contains("layer0->1.W, layer0->1.b only"), r.summary());
    }

    /** SIN on a 3-4-4-3 network: the report names 1/8, 1/4, 1/2 from the input up. */
    @Test
    void sinHeadline() {
        GradientReport r = GradientCheck.check(GateCases.of("SIN", "SIN", true, 1, 3, 4, 4, 3).objective());
        assertTrue(r.explanation().contains("k = 0.125000 on layer0->1.W, layer0->1.b; k = 0.250000 on layer1->2.W, "
                + "layer1->2.b; k = 0.500000 on layer2->3.W, layer2->3.b"), r.summary());
    }
}
