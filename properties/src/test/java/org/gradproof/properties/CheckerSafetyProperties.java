package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.CheckOptions;
import org.gradproof.check.FunctionEvaluationException;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.gradproof.properties.NetworkGenerators.seeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/** A check never loses the caller's data and says the same thing twice. */
class CheckerSafetyProperties {

    @Test
    void parametersAreBitIdenticalAfterACheck() {
        qt().forAll(networkCases()).checkAssert(c -> {
            BlockFunction f = c.objective();
            long[][] before = bits(f.blocks());
            GradientCheck.check(f);
            assertArrayEquals(before, bits(f.blocks()), c::toString);
        });
    }

    /** The function throws on its k-th evaluation: the check reports which, and every parameter is restored. */
    @Test
    void parametersAreBitIdenticalWhenTheFunctionThrowsAtTheKthCall() {
        qt().forAll(networkCases(), integers().between(1, 400)).checkAssert((c, k) -> {
            BlockFunction f = c.objective();
            long[][] before = bits(f.blocks());
            ThrowingAt throwing = new ThrowingAt(f, k);
            // counted through the same wrapper: the network's own entry evaluator rounds differently, and can take
            // the checker down a path with another number of evaluations
            long evaluations = GradientCheck.check(new ThrowingAt(c.objective(), Integer.MAX_VALUE)).evaluations();
            if (k <= evaluations) {
                FunctionEvaluationException e = assertThrows(FunctionEvaluationException.class,
                        () -> GradientCheck.check(throwing));
                assertEquals(ThrowingAt.Planted.class, e.getCause().getClass());
            } else {
                GradientCheck.check(throwing);
            }
            assertArrayEquals(before, bits(f.blocks()), c::toString);
        });
    }

    @Test
    void theSameSeedGivesTheSameReportText() {
        qt().forAll(networkCases(), seeds()).checkAssert((c, seed) -> {
            CheckOptions options = CheckOptions.builder().seed(seed).maxEntriesPerBlock(5).build();
            GradientReport first = GradientCheck.check(c.objective(), options);
            GradientReport second = GradientCheck.check(c.objective(), options);
            assertEquals(first.summary(), second.summary(), c::toString);
        });
    }

    private static long[][] bits(List<ParameterBlock> blocks) {
        return blocks.stream().map(b -> {
            double[] d = b.data();
            long[] bits = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                bits[i] = Double.doubleToRawLongBits(d[i]);
            }
            return bits;
        }).toArray(long[][]::new);
    }

    /** Delegates to a function and throws on its k-th call of value(). */
    private static final class ThrowingAt implements BlockFunction {
        private final BlockFunction delegate;
        private final int failingCall;
        private int calls;

        ThrowingAt(BlockFunction delegate, int failingCall) {
            this.delegate = delegate;
            this.failingCall = failingCall;
        }

        static final class Planted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Planted(int call) {
                super("planted failure at call " + call);
            }
        }

        @Override
        public List<ParameterBlock> blocks() {
            return delegate.blocks();
        }

        @Override
        public double value() {
            if (++calls == failingCall) {
                throw new Planted(calls);
            }
            return delegate.value();
        }

        @Override
        public double[][] gradient() {
            return delegate.gradient();
        }

        @Override
        public double noiseScale() {
            return delegate.noiseScale();
        }
    }
}
