package org.gradproof.check;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker uses a function's own entry evaluator for every perturbed evaluation and never writes its parameters. */
class EntryEvaluatorTest {

    /** f(w) = Σ w_i³, with an evaluator that computes f with one entry changed from the current w. */
    private static class Cubes implements BlockFunction {
        final double[] w = {0.3, -1.2, 2.0};
        final ParameterBlock block = ParameterBlock.vector("w", w);
        int values;
        int shortcuts;
        boolean evaluatorThrows;

        @Override
        public List<ParameterBlock> blocks() {
            return List.of(block);
        }

        @Override
        public double value() {
            values++;
            double s = 0;
            for (double v : w) {
                s += v * v * v;
            }
            return s;
        }

        @Override
        public double[][] gradient() {
            return new double[][] {{3 * w[0] * w[0], 3 * w[1] * w[1], 3 * w[2] * w[2]}};
        }

        @Override
        public Optional<EntryEvaluator> entryEvaluator() {
            double[] at = w.clone();
            double base = value();
            values--;
            return Optional.of((b, k, trial) -> {
                shortcuts++;
                if (evaluatorThrows) {
                    throw new IllegalStateException("cache lost");
                }
                return base - at[k] * at[k] * at[k] + trial * trial * trial;
            });
        }
    }

    @Test
    void everyPerturbedEvaluationGoesThroughTheEvaluator() {
        Cubes f = new Cubes();
        double[] before = f.w.clone();
        GradientReport r = GradientCheck.check(f);
        assertTrue(r.passed(), r::summary);
        assertEquals(3, f.values, "value() only at the unperturbed point: twice before the check, once after");
        assertEquals(r.evaluations() - 3, f.shortcuts);
        assertArrayEquals(before, f.w);
    }

    @Test
    void theEvaluatorSeesTheSameBugsAsValue() {
        Cubes f = new Cubes() {
            @Override
            public double[][] gradient() {
                double[][] g = super.gradient();
                g[0][1] *= -1;
                return g;
            }
        };
        GradientReport r = GradientCheck.check(f);
        assertEquals(Diagnosis.MISMATCH, r.diagnosis(), r::summary);
        assertEquals(List.of("w[1]"), r.failures().stream().map(EntryResult::label).toList(), r::summary);
    }

    @Test
    void aThrowingEvaluatorIsNamedAndLeavesTheParameters() {
        Cubes f = new Cubes();
        f.evaluatorThrows = true;
        double[] before = f.w.clone();
        FunctionEvaluationException e = assertThrows(FunctionEvaluationException.class, () -> GradientCheck.check(f));
        assertTrue(e.getMessage().matches("(?s).*entry evaluator threw at w\\[\\d\\] = .*cache lost.*"), e.getMessage());
        assertArrayEquals(before, f.w);
    }
}
