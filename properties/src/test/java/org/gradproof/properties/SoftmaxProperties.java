package org.gradproof.properties;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.check.DifferentiableFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Gradients;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.Softmax;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** The softmax and its cross-entropy: the identities the hand-written backprop relies on. */
class SoftmaxProperties {

    private static final double EPS = Math.ulp(1.0);

    /** Logit vectors of 1–8 classes with moderate values. */
    private static Gen<double[]> logits(double range) {
        return lists().of(doubles().between(-range, range)).ofSizeBetween(1, 8)
                .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray())
                .describedAs(Arrays::toString);
    }

    @Test
    void probabilitiesArePositiveAndSumToOne() {
        qt().forAll(logits(50)).checkAssert(z -> {
            double[] p = Softmax.of(z);
            assertTrue(Arrays.stream(p).allMatch(v -> v >= 0 && v <= 1), Arrays.toString(p));
            assertEquals(1, Arrays.stream(p).sum(), 4 * z.length * EPS);
        });
    }

    @Test
    void addingAConstantToEveryLogitChangesNothing() {
        qt().forAll(logits(50), doubles().between(-100, 100)).checkAssert((z, c) -> {
            double[] shifted = Arrays.stream(z).map(v -> v + c).toArray();
            double[] p = Softmax.of(z);
            double[] q = Softmax.of(shifted);
            for (int j = 0; j < p.length; j++) {
                // z + c is rounded to ulp(150) ≈ 3e-14, which moves p_j by at most that much relative.
                assertEquals(p[j], q[j], 1e-12 * p[j] + 1e-300, () -> Arrays.toString(z) + " + " + c);
            }
        });
    }

    @Test
    void extremeLogitsStayFinite() {
        Gen<double[]> extreme = lists().of(Generate.pick(List.of(-1000.0, 1000.0, 0.0, 999.5, -999.5)))
                .ofSizeBetween(1, 8).map(l -> l.stream().mapToDouble(Double::doubleValue).toArray())
                .describedAs(Arrays::toString);
        qt().forAll(extreme).checkAssert(z -> {
            double[] p = Softmax.of(z);
            assertTrue(Arrays.stream(p).allMatch(Double::isFinite), Arrays.toString(p));
            assertEquals(1, Arrays.stream(p).sum(), 4 * z.length * EPS);
        });
    }

    /** Row i of diag(p) − ppᵀ is the gradient of p_i: the checker must accept it for every i. */
    @Test
    void jacobianIsDiagPMinusPPTransposed() {
        qt().forAll(logits(10), integers().between(0, 7)).checkAssert((z, row) -> {
            int i = row % z.length;
            double[] p = Softmax.of(z);
            DMatrixRMaj jacobian = Softmax.jacobian(p);
            for (int r = 0; r < p.length; r++) {
                for (int c = 0; c < p.length; c++) {
                    assertEquals((r == c ? p[r] : 0) - p[r] * p[c], jacobian.get(r, c), 0);
                }
            }
            DifferentiableFunction component = new DifferentiableFunction() {
                @Override
                public double value(double[] x) {
                    return Softmax.of(x)[i];
                }

                @Override
                public double[] gradient(double[] x) {
                    DMatrixRMaj j = Softmax.jacobian(Softmax.of(x));
                    double[] g = new double[x.length];
                    for (int c = 0; c < x.length; c++) {
                        g[c] = j.get(i, c);
                    }
                    return g;
                }
            };
            GradientReport report = GradientCheck.check(component, z.clone());
            assertTrue(report.passed(), report::summary);
        });
    }

    /** ∂L/∂z = p·Σy − y sums to 0 over the classes when the targets sum to 1. */
    @Test
    void logitGradientOfCrossEntropySumsToZero() {
        qt().forAll(logits(30), integers().between(0, 7)).checkAssert((z, hot) -> {
            double[] y = new double[z.length];
            y[hot % z.length] = 1;
            DMatrixRMaj logits = new DMatrixRMaj(1, z.length, true, z);
            DMatrixRMaj targets = new DMatrixRMaj(1, y.length, true, y);
            DMatrixRMaj g = Loss.SOFTMAX_CROSS_ENTROPY.gradient(logits, targets, Reduction.SUM);
            double sum = Arrays.stream(g.data, 0, z.length).sum();
            double scale = Arrays.stream(g.data, 0, z.length).map(Math::abs).sum();
            assertEquals(0, sum, 4 * z.length * EPS * Math.max(1, scale));
        });
    }

    /**
     * The fused route (identity output, softmax cross-entropy on logits, gradient p − y) and the explicit route
     * (softmax layer, cross-entropy on probabilities, Jacobian diag(p) − ppᵀ) are the same function of the same
     * weights: equal losses and equal gradients.
     */
    @Test
    void fusedAndExplicitSoftmaxCrossEntropyAgree() {
        Gen<Architecture> fused = NetworkGenerators.architectures(NetworkGenerators.HIDDEN_ACTIVATIONS,
                List.of(Head.SOFTMAX_CROSS_ENTROPY_LOGITS));
        // Weight scales up to 2: beyond, the explicit route's p − p² loses all digits of the smaller gradients.
        qt().forAll(NetworkGenerators.networkCases(fused, Generate.pick(List.of(1.0, 0.1, 0.5, 2.0))))
                .checkAssert(c -> {
            Architecture a = c.architecture();
            Architecture explicit = new Architecture(a.inputs(), a.hiddenWidths(), a.hiddenActivations(), a.outputs(),
                    Head.CROSS_ENTROPY_SOFTMAX, a.reduction());
            Mlp fusedNet = c.network();
            Mlp explicitNet = explicit.build(c.weightScale(), c.weightSeed());
            Batch batch = c.batch();
            Gradients f = fusedNet.gradients(batch);
            Gradients e = explicitNet.gradients(batch);
            assertEquals(f.loss(), e.loss(), 1e-12 * Math.max(1, Math.abs(f.loss())), c::toString);
            double[] gf = f.flat();
            double[] ge = e.flat();
            double scale = Arrays.stream(gf).map(Math::abs).max().orElse(0);
            // The explicit route forms p(1 − p) as p − p², which loses digits as p nears 1 (an absolute error of
            // about ε per unit of dL/dz); the fused one does not.
            for (int i = 0; i < gf.length; i++) {
                assertEquals(gf[i], ge[i], 1e-8 * scale + 1e-13, c + " entry " + i);
            }
        });
    }
}
