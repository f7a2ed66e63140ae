package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link FlatStretches} on a loss seen at chosen points: f(x + t) = 1 + q · ⌊t / L + ½⌋, a loss that moves only in
 * stairs of height q every L, x mid-stair. One rounding of f at x is ε · 1 = 2.2e-16.
 */
class FlatStretchesTest {

    private static final double X = 0.25;
    private static final double ROUNDING = Math.ulp(1.0);
    private static final CheckOptions OPTIONS = CheckOptions.defaults();
    private static final EntryFinding CONVICTED = new EntryFinding(EntryVerdict.MISMATCH, -3, 1e-3, Double.NaN,
            Double.NaN, "", false, 0);
    private static final EntryFinding UNRESOLVED = new EntryFinding(EntryVerdict.UNRESOLVED, 0, 1, Double.NaN,
            Double.NaN, "wide bars", false, 0);

    /** The loss along x + t, evaluated at ±(k/8)·L for k = 1 … 16: seen flat near x and moving beyond. */
    private static FiniteDifferences seen(DoubleUnaryOperator lossAtOffset, double stairWidth) {
        double[] theta = {X};
        ParameterBlock block = ParameterBlock.vector("w", theta);
        Blocks f = new Blocks(List.of(block), () -> lossAtOffset.applyAsDouble(theta[0] - X), () -> new double[][] {{0}});
        Probe probe = new Probe(f, List.of(block));
        probe.value();
        FiniteDifferences fd = new FiniteDifferences(probe, 0, 0, X);
        for (int k = 1; k <= 16; k++) {
            fd.valueAt(k * stairWidth / 8);
            fd.valueAt(-k * stairWidth / 8);
        }
        return fd;
    }

    /** Stairs of height q every L, x mid-stair. */
    private static DoubleUnaryOperator stairs(double q, double stairWidth) {
        return t -> 1 + q * Math.floor(t / stairWidth + 0.5);
    }

    private static FlatStretches rules() {
        return rules(1);
    }

    private static FlatStretches rules(double f0) {
        return new FlatStretches(OPTIONS, f0, Math.ulp(f0), (a, n, e) -> Math.abs(a - n) <= e);
    }

    /**
     * Stairs of 1e-12 (4,500 roundings: a loss computed through cancellation) every 1e-6: a claim of 1e-7 moves f by
     * 5e-14 across the flat ±5e-7, far below a stair, so the flat stretch is no evidence against it.
     */
    @Test
    void aConvictionRestingOnAFlatStretchOfCoarseStairsIsHeldBack() {
        FiniteDifferences fd = seen(stairs(1e-12, 1e-6), 1e-6);
        EntryFinding held = rules().flatBelowItsSteps(fd, 1e-7, CONVICTED, Double.POSITIVE_INFINITY);
        assertEquals(EntryVerdict.UNRESOLVED, held.verdict());
        assertTrue(held.note().startsWith("f does not move at all within ±5.0e-07 of x, but where it moves (along this "
                + "entry or another) it moves by 1.0e-12 or more"), held.note());
        assertTrue(held.note().endsWith("the claim's slope would move it by only 5.0e-14 there"), held.note());
        assertEquals(CONVICTED.numeric(), held.numeric());
        assertEquals(CONVICTED.error(), held.error());
    }

    /** A claim of 1e-5 would move f by 5e-12 across the flat stretch, five stairs: the flat stretch refutes it. */
    @Test
    void aClaimWhoseSlopeWouldClimbAStairStaysConvicted() {
        FiniteDifferences fd = seen(stairs(1e-12, 1e-6), 1e-6);
        assertSame(CONVICTED, rules().flatBelowItsSteps(fd, 1e-5, CONVICTED, Double.POSITIVE_INFINITY));
    }

    /** Stairs of 32 roundings are rounding, not cancellation: a flat stretch between them convicts as it stands. */
    @Test
    void stairsOfAFewRoundingsHoldNothingBack() {
        FiniteDifferences fd = seen(stairs(32 * ROUNDING, 1e-6), 1e-6);
        assertSame(CONVICTED, rules().flatBelowItsSteps(fd, 1e-12, CONVICTED, Double.POSITIVE_INFINITY));
    }

    /**
     * A jump of 0.01 on a loss of 1 is beyond what cancellation explains (0.1 / 64 of the loss): a unit flipping, not a
     * quantum, so the conviction stands.
     */
    @Test
    void aJumpBeyondCancellationHoldsNothingBack() {
        FiniteDifferences fd = seen(stairs(0.01, 1e-6), 1e-6);
        assertSame(CONVICTED, rules().flatBelowItsSteps(fd, 1e-12, CONVICTED, Double.POSITIVE_INFINITY));
    }

    /**
     * What cancellation explains grows with the loss: stairs of 0.005 on a loss of 4 are within 0.1 / 64 of it
     * (0.00625), a quantum that holds the conviction back; on a loss of 1 they are a unit flipping.
     */
    @Test
    void theCoarsestQuantumScalesWithTheLoss() {
        FiniteDifferences onFour = seen(t -> 4 + 0.005 * Math.floor(t / 1e-6 + 0.5), 1e-6);
        assertEquals(EntryVerdict.UNRESOLVED,
                rules(4).flatBelowItsSteps(onFour, 1e-12, CONVICTED, Double.POSITIVE_INFINITY).verdict());
        FiniteDifferences onOne = seen(stairs(0.005, 1e-6), 1e-6);
        assertSame(CONVICTED, rules(1).flatBelowItsSteps(onOne, 1e-12, CONVICTED, Double.POSITIVE_INFINITY));
    }

    /**
     * A loss that never moves where it was seen, with no move anywhere else either, gives no quantum: nothing held
     * back. The smallest move made along another entry counts as this entry's quantum too.
     */
    @Test
    void withoutAMoveSeenThereIsNoQuantum() {
        FiniteDifferences flat = seen(t -> 1, 1e-6);
        assertSame(CONVICTED, rules().flatBelowItsSteps(flat, 1e-12, CONVICTED, Double.POSITIVE_INFINITY));
        EntryFinding held = rules().flatBelowItsSteps(flat, 1e-12, CONVICTED, 1e-12);
        assertEquals(EntryVerdict.UNRESOLVED, held.verdict(), "a quantum of 1e-12 seen along another entry");
    }

    /**
     * An unresolved claim of 0 along a loss whose stairs are 1e-12, seen flat on both sides out to w = 3.75e-7 (the
     * nearest move seen is at +5e-7): |f'| ≤ 1e-12 / 3.75e-7 = 2.7e-6, which proves 0 next to a whole gradient of 1
     * (negligible below 1e-4) but not next to one of 1e-3.
     */
    @Test
    void aFlatStretchProvesAZeroClaimNextToTheWholeGradient() {
        FiniteDifferences fd = seen(stairs(1e-12, 1e-6), 1e-6);
        double h = 1e-7;
        EntryFinding proven = rules().provenFlat(fd, h, 0, UNRESOLVED, Double.POSITIVE_INFINITY,
                new Resolution(1, 1, 1e-4));
        assertEquals(EntryVerdict.PASSED, proven.verdict());
        assertEquals(0, proven.numeric());
        assertEquals(1e-12 / 3.75e-7, proven.error(), 1e-12 / 3.75e-7 * 1e-3);
        assertTrue(proven.note().startsWith("f does not move at all within ±3.7e-07 of x: |f'| ≤ 2.7e-06"),
                proven.note());
        assertSame(UNRESOLVED, rules().provenFlat(fd, h, 0, UNRESOLVED, Double.POSITIVE_INFINITY,
                new Resolution(1e-3, 1e-3, 1e-4)), "2.7e-6 is not negligible next to 1e-3");
        assertSame(UNRESOLVED, rules().provenFlat(fd, h, 1e-5, UNRESOLVED, Double.POSITIVE_INFINITY,
                new Resolution(1, 1, 1e-4)), "a claim of 1e-5 is outside ±2.7e-6");
    }

    /** The bound needs the flat stretch on both sides out to the step h at least. */
    @Test
    void aFlatStretchNarrowerThanTheStepProvesNothing() {
        FiniteDifferences fd = seen(stairs(1e-12, 1e-6), 1e-6);
        assertSame(UNRESOLVED, rules().provenFlat(fd, 1e-6, 0, UNRESOLVED, Double.POSITIVE_INFINITY,
                new Resolution(1, 1, 1e-4)));
        FiniteDifferences oneSided = seen(t -> t < 0 ? 1 + 1e-12 * Math.floor(t / 1e-6 + 0.5) : 1 + 1e-12 * t / 1e-6,
                1e-6);
        assertSame(UNRESOLVED, rules().provenFlat(oneSided, 1e-7, 0, UNRESOLVED, Double.POSITIVE_INFINITY,
                new Resolution(1, 1, 1e-4)), "moving right away on the right: no stretch on both sides");
    }
}
