package org.gradproof.check;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Localising a sequence model's wrong input gradients in time, from the blocks' time-step tags. */
class TimeStepsTest {

    private static final List<ParameterBlock> BLOCKS = List.of(ParameterBlock.vector("gru1.W_z", new double[2]),
            step("x0", 0), step("x1", 1), step("x2", 2), step("x3", 3));

    private static ParameterBlock step(String name, int t) {
        return ParameterBlock.vector(name, new double[2]).atTimeStep(t);
    }

    @Test
    void laterStepsOnly() {
        assertEquals("By time step: the input gradients are wrong for t ≥ 2 only.",
                TimeSteps.note(BLOCKS, List.of("x2", "x3")));
    }

    @Test
    void earlierStepsOnlyPointAtWhatIsCarriedBack() {
        String note = TimeSteps.note(BLOCKS, List.of("gru1.W_z", "x0", "x1"));
        assertEquals("By time step: the input gradients are wrong for t ≤ 1 only, right at the later steps: what is "
                + "carried back through time (the recurrent state's gradient from the next step) is suspect.", note);
    }

    @Test
    void scatteredStepsAreListed() {
        assertTrue(TimeSteps.note(BLOCKS, List.of("x1", "x3")).contains("wrong at t = 1, 3 only"));
    }

    @Test
    void nothingToSayWhenAllOrNoStepsAreWrongOrThereAreNoSteps() {
        assertEquals("", TimeSteps.note(BLOCKS, List.of("gru1.W_z")));
        assertEquals("", TimeSteps.note(BLOCKS, List.of("x0", "x1", "x2", "x3")));
        assertEquals("", TimeSteps.note(List.of(ParameterBlock.vector("x", new double[1])), List.of("x")));
    }

    /** The name is not parsed: blocks merely named like time steps, without a tag, get no note. */
    @Test
    void blocksNamedLikeStepsButUntaggedAreNotTimeSteps() {
        List<ParameterBlock> named = List.of(ParameterBlock.vector("x[t=0]", new double[2]),
                ParameterBlock.vector("x[t=1]", new double[2]), ParameterBlock.vector("x[t=2]", new double[2]));
        assertEquals("", TimeSteps.note(named, List.of("x[t=1]", "x[t=2]")));
    }

    @Test
    void theTagIsValidatedAndKeepsTheLiveStorage() {
        double[] data = new double[6];
        ParameterBlock block = new ParameterBlock("x", data, 2, 3);
        ParameterBlock tagged = block.atTimeStep(4);
        assertEquals(OptionalInt.empty(), block.timeStep());
        assertEquals(OptionalInt.of(4), tagged.timeStep());
        assertSame(data, tagged.data());
        assertEquals("x", tagged.name());
        assertEquals("2x3", tagged.shapeText());
        assertEquals("block x: time step must be 0 or more, got -1",
                assertThrows(IllegalArgumentException.class, () -> block.atTimeStep(-1)).getMessage());
        assertEquals("block x: already at time step 4, cannot tag it again with 5",
                assertThrows(IllegalArgumentException.class, () -> tagged.atTimeStep(5)).getMessage());
    }
}
