package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** What a {@link Probe} learns from the values it sees: their precision, and the smallest move of f from f(x). */
class ProbeTest {

    /** A probe of g along the single entry of a block at x. */
    private static Probe probe(DoubleUnaryOperator g, double x) {
        double[] data = {x};
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("t", data)), () -> g.applyAsDouble(data[0]),
                () -> new double[][] {{0}});
        return new Probe(f, f.blocks());
    }

    @Test
    void theSmallestMoveIsTheSmallestNonzeroChangeFromTheFirstUnperturbedValue() {
        Probe probe = probe(t -> t * t, 1);
        assertEquals(Double.POSITIVE_INFINITY, probe.smallestMove());
        assertEquals(1, probe.value(), 0.0);
        probe.valueWith(0, 0, 1);
        assertEquals(Double.POSITIVE_INFINITY, probe.smallestMove(), "no move at x itself");
        probe.valueWith(0, 0, 2);
        assertEquals(3, probe.smallestMove(), 0.0);
        probe.valueWith(0, 0, -1.5);
        assertEquals(1.25, probe.smallestMove(), 0.0);
        probe.valueWith(0, 0, 0);
        assertEquals(1, probe.smallestMove(), 0.0, "a move down counts by its size");
        probe.valueWith(0, 0, 3);
        assertEquals(1, probe.smallestMove(), 0.0);
        assertEquals(6, probe.evaluations());
    }

    /** f(x) is the reference as first evaluated, not as evaluated last. */
    @Test
    void theReferenceIsTheFirstUnperturbedValue() {
        double[] data = {1};
        int[] calls = {0};
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("t", data)),
                () -> data[0] + (calls[0]++ == 1 ? 0.5 : 0), () -> new double[][] {{0}});
        Probe probe = new Probe(f, f.blocks());
        assertEquals(1, probe.value(), 0.0);
        assertEquals(1.5, probe.value(), 0.0);
        probe.valueWith(0, 0, 1.25);
        assertEquals(0.25, probe.smallestMove(), 0.0);
    }

    /** Values through the function's own entry evaluator count the same way. */
    @Test
    void anEntryEvaluatorsValuesAreSeenToo() {
        double[] data = {1};
        List<ParameterBlock> blocks = List.of(ParameterBlock.vector("t", data));
        BlockFunction f = new BlockFunction() {
            @Override
            public List<ParameterBlock> blocks() {
                return blocks;
            }

            @Override
            public double value() {
                return data[0] * data[0];
            }

            @Override
            public double[][] gradient() {
                return new double[][] {{2 * data[0]}};
            }

            @Override
            public Optional<EntryEvaluator> entryEvaluator() {
                return Optional.of((b, k, trial) -> trial * trial);
            }
        };
        Probe probe = new Probe(f, f.blocks());
        probe.value();
        assertEquals(1.5625, probe.valueWith(0, 0, 1.25), 0.0);
        assertEquals(0.5625, probe.smallestMove(), 0.0);
        assertEquals(2, probe.evaluations());
    }

    /**
     * Float evidence: sixteen distinct float values (fifteen are not enough: round numbers are floats in any
     * precision), or one float that fills twenty significant bits; never once a value is not a float.
     */
    @Test
    void valuesAreFloatsOnSixteenDistinctOnesOrOneThatFillsTwentyBits() {
        Probe round = probe(t -> t, 0.5);
        round.value();
        for (int i = 1; i < Probe.FLOAT_EVIDENCE - 1; i++) {
            round.valueWith(0, 0, 0.5 + i);
        }
        round.valueWith(0, 0, 0.5 + 1);
        assertFalse(round.valuesAreFloats(), "15 distinct values, one of them twice");
        round.valueWith(0, 0, 0.5 + Probe.FLOAT_EVIDENCE);
        assertTrue(round.valuesAreFloats(), "16 distinct values");
        round.valueWith(0, 0, 0.1);
        assertFalse(round.valuesAreFloats(), "0.1 is no float");

        float twentyBits = 1 + 0x1p-19f;
        assertEquals(Probe.FULL_FLOAT_BITS, Probe.significantBits(twentyBits));
        Probe full = probe(t -> t, twentyBits);
        full.value();
        assertTrue(full.valuesAreFloats());
        float nineteenBits = 1 + 0x1p-18f;
        Probe short19 = probe(t -> t, nineteenBits);
        short19.value();
        assertFalse(short19.valuesAreFloats());
    }

    @Test
    void valuesThatAreNotFiniteAreNoEvidenceEitherWay() {
        Probe probe = probe(t -> t > 2 ? Double.NaN : t == 2 ? Double.POSITIVE_INFINITY : t, 1 + 0x1p-19f);
        probe.value();
        probe.valueWith(0, 0, 3);
        probe.valueWith(0, 0, 2);
        assertTrue(probe.valuesAreFloats());
        Probe zero = probe(t -> t, 0);
        zero.value();
        assertFalse(zero.valuesAreFloats(), "0 fills no bits");
    }

    @Test
    void significantBitsCountUpToTheLastOne() {
        assertEquals(1, Probe.significantBits(1));
        assertEquals(2, Probe.significantBits(1.5));
        assertEquals(2, Probe.significantBits(-0.75));
        assertEquals(24, Probe.significantBits(Math.nextUp(1f)));
        assertEquals(53, Probe.significantBits(Math.nextDown(2.0)));
    }
}
