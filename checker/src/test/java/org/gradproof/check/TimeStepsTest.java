package org.gradproof.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Localising a recurrent model's wrong input gradients in time. */
class TimeStepsTest {

    private static final List<ParameterBlock> BLOCKS = List.of(ParameterBlock.vector("lstm1.W_i", new double[2]),
            ParameterBlock.vector("x[t=0]", new double[2]), ParameterBlock.vector("x[t=1]", new double[2]),
            ParameterBlock.vector("x[t=2]", new double[2]), ParameterBlock.vector("x[t=3]", new double[2]));

    @Test
    void laterStepsOnly() {
        assertTrue(TimeSteps.note(BLOCKS, List.of("x[t=2]", "x[t=3]")).contains("wrong for t ≥ 2 only"));
    }

    @Test
    void earlierStepsOnlyPointAtTheCarry() {
        String note = TimeSteps.note(BLOCKS, List.of("lstm1.W_i", "x[t=0]", "x[t=1]"));
        assertTrue(note.contains("wrong for t ≤ 1 only") && note.contains("carried back through time"), note);
    }

    @Test
    void scatteredStepsAreListed() {
        assertTrue(TimeSteps.note(BLOCKS, List.of("x[t=1]", "x[t=3]")).contains("wrong at t = 1, 3 only"));
    }

    @Test
    void nothingToSayWhenAllOrNoStepsAreWrongOrThereAreNoSteps() {
        assertEquals("", TimeSteps.note(BLOCKS, List.of("lstm1.W_i")));
        assertEquals("", TimeSteps.note(BLOCKS, List.of("x[t=0]", "x[t=1]", "x[t=2]", "x[t=3]")));
        assertEquals("", TimeSteps.note(List.of(ParameterBlock.vector("x", new double[1])), List.of("x")));
    }
}
