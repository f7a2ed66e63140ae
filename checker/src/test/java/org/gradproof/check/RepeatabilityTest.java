package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * value() and gradient() must repeat themselves at the same parameters: the same bits, or within the tolerated
 * jitter. A NaN that repeats is repeatable (it is a finding of its own, not randomness); a difference beyond the
 * tolerance stops the check with both values and the advice.
 */
class RepeatabilityTest {

    private static final CheckOptions EXACT = CheckOptions.defaults();
    private static final CheckOptions JITTER = CheckOptions.builder().nondeterminismTolerance(0.25).build();

    private static void requireSameValue(double first, double second, CheckOptions options) {
        Repeatability.requireSameValue(first, second, options, "twice in a row");
    }

    @Test
    void theSameValueOrTheSameNaNIsRepeatable() {
        assertDoesNotThrow(() -> requireSameValue(1.5, 1.5, EXACT));
        assertDoesNotThrow(() -> requireSameValue(Double.NaN, Double.NaN, EXACT));
        assertDoesNotThrow(() -> requireSameValue(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, EXACT));
        assertDoesNotThrow(() -> requireSameValue(0.0, -0.0, EXACT), "the same number, though not the same bits");
    }

    @Test
    void aDifferenceUpToTheToleranceIsAccepted() {
        assertDoesNotThrow(() -> requireSameValue(1, 1.25, JITTER));
        assertThrows(EntryJudge.NonDeterminism.class, () -> requireSameValue(1, Math.nextUp(1.25), JITTER));
    }

    @Test
    void aValueThatChangesIsRefusedWithBothValuesTheDifferenceAndTheAdvice() {
        EntryJudge.NonDeterminism e = assertThrows(EntryJudge.NonDeterminism.class,
                () -> Repeatability.requireSameValue(1.0, 1.5, EXACT, "before and after the check"));
        assertTrue(e.getMessage().startsWith("value() returned 1.0 and 1.5 at the same parameters (before and after "
                + "the check); the difference 0.500 exceeds the tolerated 0.00 — dropout or another random draw left "
                + "on"), e.getMessage());
        assertTrue(e.getMessage().endsWith("set nondeterminismTolerance in CheckOptions (--nondeterminism-tolerance "
                + "on the command line)."), e.getMessage());
        assertThrows(EntryJudge.NonDeterminism.class, () -> requireSameValue(1.0, Double.NaN, JITTER),
                "a NaN once and a number once is not within any tolerance");
    }

    @Test
    void aGradientThatChangesIsRefusedNamingTheEntry() {
        List<ParameterBlock> blocks = List.of(ParameterBlock.vector("b", new double[1]),
                new ParameterBlock("W", new double[4], 2, 2));
        double[][] first = {{0.5}, {1, 2, 3, 4}};
        assertDoesNotThrow(() -> Repeatability.requireSameGradient(first, new double[][] {{0.5}, {1, 2, 3, 4}},
                blocks, EXACT));
        EntryJudge.NonDeterminism e = assertThrows(EntryJudge.NonDeterminism.class, () ->
                Repeatability.requireSameGradient(first, new double[][] {{0.5}, {1, 2, 3.5, 4}}, blocks, EXACT));
        assertTrue(e.getMessage().startsWith("gradient() returned 3.0 and then 3.5 for W[1,0] at the same "
                + "parameters — dropout"), e.getMessage());
        assertDoesNotThrow(() -> Repeatability.requireSameGradient(first, new double[][] {{0.5}, {1, 2, 3.25, 4}},
                blocks, JITTER));
        assertThrows(EntryJudge.NonDeterminism.class, () -> Repeatability.requireSameGradient(first,
                new double[][] {{0.5}, {1, 2, Math.nextUp(3.25), 4}}, blocks, JITTER));
    }

    @Test
    void aGradientThatIsNaNTwiceIsRepeatableButNaNOnceIsNot() {
        List<ParameterBlock> blocks = List.of(ParameterBlock.vector("b", new double[2]));
        assertDoesNotThrow(() -> Repeatability.requireSameGradient(new double[][] {{Double.NaN, 1}},
                new double[][] {{Double.NaN, 1}}, blocks, EXACT));
        EntryJudge.NonDeterminism e = assertThrows(EntryJudge.NonDeterminism.class, () ->
                Repeatability.requireSameGradient(new double[][] {{1, 1}}, new double[][] {{1, Double.NaN}}, blocks,
                        JITTER));
        assertTrue(e.getMessage().startsWith("gradient() returned 1.0 and then NaN for b[1]"), e.getMessage());
    }

    @Test
    void aCheckOfAGradientThatChangesBetweenCallsIsNotChecked() {
        double[] w = {0.3, -0.2};
        int[] calls = {0};
        BlockFunction drifting = new Blocks(List.of(ParameterBlock.vector("w", w)), () -> w[0] * w[0] + w[1],
                () -> new double[][] {{2 * w[0] + 1e-3 * calls[0]++, 1}});
        GradientReport r = GradientCheck.check(drifting);
        assertEquals(Diagnosis.NON_DETERMINISTIC, r.diagnosis(), r::summary);
        assertTrue(r.explanation().startsWith("gradient() returned 0.6 and then 0.601 for w[0]"), r::explanation);
        assertEquals(List.of(), r.entries(), "no entry is judged against a loss that is no function");
        assertTrue(r.summary().startsWith("gradproof gradient check: NOT CHECKED"), r::summary);
    }

    @Test
    void aLossThatMovesOnceDuringTheCheckIsCaughtByTheLastValue() {
        // the first two calls agree and every later one is 1e-3 higher: each difference along an entry is unchanged,
        // only the value at the unperturbed parameters, asked for again at the end, shows the drift
        double[] w = {0.3, -0.2};
        int[] calls = {0};
        BlockFunction drifted = new Blocks(List.of(ParameterBlock.vector("w", w)),
                () -> w[0] * w[0] + w[1] + (++calls[0] > 2 ? 1e-3 : 0), () -> new double[][] {{2 * w[0], 1}});
        GradientReport r = GradientCheck.check(drifted);
        assertEquals(Diagnosis.NON_DETERMINISTIC, r.diagnosis(), r::summary);
        assertTrue(r.explanation().contains(" at the same parameters (before and after the check); the difference "
                + "0.00100 exceeds"), r::explanation);
        assertEquals(List.of(), r.entries(), "the entries measured against a moving loss are dropped");
        assertEquals(0, r.block("w").orElseThrow().checked(), r::summary);
    }

    @Test
    void aLossThatDiffersOnlyWhenAskedTwiceInARowIsCaughtAtOnce() {
        // only the second call differs: a cache filled on the first call, say; nothing later would show it
        double[] w = {0.3, -0.2};
        int[] calls = {0};
        BlockFunction cached = new Blocks(List.of(ParameterBlock.vector("w", w)),
                () -> w[0] * w[0] + w[1] + (++calls[0] == 2 ? 1e-3 : 0), () -> new double[][] {{2 * w[0], 1}});
        GradientReport r = GradientCheck.check(cached);
        assertEquals(Diagnosis.NON_DETERMINISTIC, r.diagnosis(), r::summary);
        assertTrue(r.explanation().contains(" at the same parameters (twice in a row)"), r::explanation);
    }
}
