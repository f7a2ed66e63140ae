package org.gradproof.properties;

import org.gradproof.check.Diagnosis;
import org.gradproof.check.EntryResult;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.VectorValuedFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@link GradientCheck#jacobian} on random dense layers y = tanh(W x + b) (1–8 inputs and outputs, weights and inputs
 * at scales 0.1 to 3): the right backward pass is never failed, and one wrong Jacobian entry — a row's entry negated,
 * zeroed or doubled in the backward pass — is never passed, and named when it fails. Counted ({@link Exercised}).
 */
class JacobianProperties {

    /** tanh(W x + b); its backward pass Wᵀ (u ⊙ (1 − y²)), with entry (row, col) of J changed by {@code how}. */
    private record Layer(long seed, int outputs, int inputs, int row, int col, int how)
            implements VectorValuedFunction {

        double[] w() {
            SplittableRandom r = new SplittableRandom(seed);
            double scale = Math.pow(10, r.nextDouble(-1, 0.5));
            double[] w = new double[outputs * inputs + outputs];
            for (int i = 0; i < w.length; i++) {
                w[i] = scale * r.nextGaussian();
            }
            return w;
        }

        double[] x() {
            SplittableRandom r = new SplittableRandom(~seed);
            double[] x = new double[inputs];
            for (int j = 0; j < inputs; j++) {
                x[j] = r.nextGaussian();
            }
            return x;
        }

        @Override
        public int outputs() {
            return outputs;
        }

        @Override
        public double[] value(double[] x) {
            double[] w = w();
            double[] y = new double[outputs];
            for (int i = 0; i < outputs; i++) {
                double z = w[outputs * inputs + i];
                for (int j = 0; j < inputs; j++) {
                    z += w[i * inputs + j] * x[j];
                }
                y[i] = Math.tanh(z);
            }
            return y;
        }

        /** The right Jacobian entry (i, j), changed at (row, col) when how ≥ 0. */
        double entry(double[] x, int i, int j, boolean planted) {
            double[] y = value(x);
            double right = w()[i * inputs + j] * (1 - y[i] * y[i]);
            if (!planted || i != row % outputs || j != col % inputs) {
                return right;
            }
            return how == 0 ? -right : how == 1 ? 0 : 2 * right;
        }

        @Override
        public double[] vectorJacobian(double[] x, double[] u) {
            double[] g = new double[inputs];
            for (int j = 0; j < inputs; j++) {
                for (int i = 0; i < outputs; i++) {
                    g[j] += u[i] * entry(x, i, j, how >= 0);
                }
            }
            return g;
        }

        Layer right() {
            return new Layer(seed, outputs, inputs, row, col, -1);
        }
    }

    private static final Gen<Layer> LAYERS = longs().all().zip(integers().between(1, 8), integers().between(1, 8),
            integers().between(0, 7), integers().between(0, 7), (s, m, n, i, j) -> new Layer(s, m, n, i, j, 0))
            .zip(integers().between(0, 2), (l, how) -> new Layer(l.seed(), l.outputs(), l.inputs(), l.row(), l.col(),
                    how));

    @Test
    void theRightBackwardPassIsNeverFailed() {
        qt().withExamples(Examples.share(0.2)).forAll(LAYERS).checkAssert(l -> {
            GradientReport r = GradientCheck.jacobian(l.right(), l.x());
            assertTrue(r.diagnosis() == Diagnosis.CORRECT || r.diagnosis() == Diagnosis.INCONCLUSIVE,
                    () -> l + "\n" + r.summary());
        });
    }

    @Test
    void aWrongJacobianEntryIsNeverPassedAndIsNamed() {
        Exercised planted = new Exercised("wrong entries that move the Jacobian resolvably");
        qt().withExamples(Examples.share(0.2)).forAll(LAYERS).checkAssert(l -> {
            planted.example();
            double[] x = l.x();
            int i = l.row() % l.outputs();
            int j = l.col() % l.inputs();
            double right = l.entry(x, i, j, false);
            double largest = 0;
            for (int a = 0; a < l.outputs(); a++) {
                for (int b = 0; b < l.inputs(); b++) {
                    largest = Math.max(largest, Math.abs(l.entry(x, a, b, false)));
                }
            }
            if (Math.abs(right - l.entry(x, i, j, true)) <= 1e-2 * largest) {
                return; // a saturated unit or a tiny weight: the change is negligible next to the row
            }
            planted.hit();
            GradientReport r = GradientCheck.jacobian(l, x);
            assertNotEquals(Diagnosis.CORRECT, r.diagnosis(), () -> l + "\n" + r.summary());
            if (r.diagnosis() != Diagnosis.INCONCLUSIVE) {
                String label = "J[out " + i + "][" + j + "]";
                assertTrue(r.failures().stream().map(EntryResult::label).anyMatch(label::equals),
                        () -> l + ": " + label + " not named\n" + r.summary());
            }
        });
        planted.requireAtLeast(0.5);
    }
}
