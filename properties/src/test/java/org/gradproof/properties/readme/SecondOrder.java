package org.gradproof.properties.readme;

// README: hessian-vector begin
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.HessianVectorFunction;

final class SecondOrder {

    /** f(x) = Σ xᵢ⁴ / 4 − Σ xᵢ xᵢ₊₁: its gradient and a hand-written Hessian-vector product, checked. */
    static GradientReport checkHessianVector(double[] x, double[] v) {
        HessianVectorFunction f = new HessianVectorFunction() {
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
            public double[] hessianVector(double[] x, double[] v) { // H = diag(3x²) − (the two off-diagonals)
                double[] hv = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    hv[i] = 3 * x[i] * x[i] * v[i] - (i + 1 < x.length ? v[i + 1] : 0) - (i > 0 ? v[i - 1] : 0);
                }
                return hv;
            }
        };
        GradientReport gradient = GradientCheck.check(f, x); // the gradient first: H·v is its derivative
        return gradient.passed() ? GradientCheck.hessianVector(f, x, v) : gradient;
    }
}
// README: hessian-vector end
