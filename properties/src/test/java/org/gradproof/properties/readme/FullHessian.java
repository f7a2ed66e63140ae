package org.gradproof.properties.readme;

// README: hessian begin
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.HessianFunction;

final class FullHessian {

    /** f(x) = Σ xᵢ⁴ / 4 − Σ xᵢ xᵢ₊₁ with its whole Hessian, for a few variables: every H[i][j] checked. */
    static GradientReport checkHessian(double[] x) {
        HessianFunction f = new HessianFunction() {
            @Override
            public double value(double[] x) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    s += Math.pow(x[i], 4) / 4 - (i + 1 < x.length ? x[i] * x[i + 1] : 0);
                }
                return s;
            }

            @Override
            public double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = x[i] * x[i] * x[i] - (i + 1 < x.length ? x[i + 1] : 0) - (i > 0 ? x[i - 1] : 0);
                }
                return g;
            }

            @Override
            public double[][] hessian(double[] x) { // 3x² on the diagonal, −1 beside it
                double[][] h = new double[x.length][x.length];
                for (int i = 0; i < x.length; i++) {
                    h[i][i] = 3 * x[i] * x[i];
                    if (i + 1 < x.length) {
                        h[i][i + 1] = h[i + 1][i] = -1;
                    }
                }
                return h;
            }
        };
        GradientReport gradient = GradientCheck.check(f, x); // the gradient first: H is its derivative
        return gradient.passed() ? GradientCheck.hessian(f, x) : gradient; // columns H[·][j], entries H[i][j]
    }
}
// README: hessian end
