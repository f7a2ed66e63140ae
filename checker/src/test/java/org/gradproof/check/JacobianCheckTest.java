package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link GradientCheck#jacobian}: a layer's backward pass (its vector–Jacobian product) checked entry by entry as
 * J[out i][in j] — a softmax's right Jacobian passes, the elementwise softmax derivative p(1 − p) of the catalogue's
 * softmax bugs fails on exactly the off-diagonal entries, a transposed linear map fails, and x is left as it was.
 */
class JacobianCheckTest {

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Softmax, with its backward pass right (Jᵀu = p ⊙ (u − p·u)) or elementwise (p ⊙ (1 − p) ⊙ u). */
    private static VectorValuedFunction softmaxLayer(int n, boolean elementwise) {
        return new VectorValuedFunction() {
            @Override
            public int outputs() {
                return n;
            }

            @Override
            public double[] value(double[] x) {
                return softmax(x);
            }

            @Override
            public double[] vectorJacobian(double[] x, double[] u) {
                double[] p = softmax(x);
                double pu = 0;
                for (int i = 0; i < n; i++) {
                    pu += p[i] * u[i];
                }
                double[] g = new double[n];
                for (int i = 0; i < n; i++) {
                    g[i] = elementwise ? p[i] * (1 - p[i]) * u[i] : p[i] * (u[i] - pu);
                }
                return g;
            }
        };
    }

    private static final double[] X = {0.3, -1.2, 0.8, 0.1};

    @Test
    void aSoftmaxsJacobianPassesRowByRow() {
        double[] x = X.clone();
        GradientReport report = GradientCheck.jacobian(softmaxLayer(4, false), x);
        assertTrue(report.passed(), report::summary);
        assertEquals(List.of("J[out 0]", "J[out 1]", "J[out 2]", "J[out 3]"),
                report.blocks().stream().map(BlockStatistics::name).toList());
        assertEquals(16, report.entries().size());
        assertArrayEquals(X, x);
    }

    @Test
    void theElementwiseSoftmaxDerivativeFailsOnExactlyTheOffDiagonalEntries() {
        GradientReport report = GradientCheck.jacobian(softmaxLayer(4, true), X.clone());
        assertFalse(report.passed(), report::summary);
        assertEquals(12, report.failures().size(), report::summary);
        for (EntryResult e : report.failures()) {
            int row = e.block();
            assertTrue(e.index() != row, e.label() + " is on the diagonal");
            assertEquals("J[out " + row + "][" + e.index() + "]", e.label());
        }
    }

    @Test
    void aTransposedLinearMapFails() {
        double[][] a = {{1, 2, 0}, {-1, 0.5, 3}};
        VectorValuedFunction transposed = new VectorValuedFunction() {
            @Override
            public int outputs() {
                return 2;
            }

            @Override
            public double[] value(double[] x) {
                return new double[] {a[0][0] * x[0] + a[0][1] * x[1] + a[0][2] * x[2],
                        a[1][0] * x[0] + a[1][1] * x[1] + a[1][2] * x[2]};
            }

            /** A·u padded, instead of Aᵀ·u: the classic transposed backward of a non-square weight. */
            @Override
            public double[] vectorJacobian(double[] x, double[] u) {
                double[] g = new double[3];
                for (int j = 0; j < 3; j++) {
                    g[j] = j < 2 ? a[j][0] * u[0] + a[j][1] * u[1] : 0;
                }
                return g;
            }
        };
        GradientReport report = GradientCheck.jacobian(transposed, new double[] {0.5, -0.5, 2});
        assertFalse(report.passed(), report::summary);
    }

    @Test
    void aJacobianTooLargeForAFullCheckIsRefusedSayingWhatToDoInstead() {
        VectorValuedFunction big = softmaxLayer(2000, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.jacobian(big, new double[2000]));
        assertTrue(e.getMessage().contains("2000 x 2000 = 4000000 entries") && e.getMessage().contains("u·F(x)"),
                e::getMessage);
    }
}
