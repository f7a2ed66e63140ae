package org.gradproof.properties;

import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.HessianVectorFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@link GradientCheck#hessianVector} on random smooth functions of 1–40 variables at random points and directions
 * (scales 1e-2 to 1e2): the right product is never failed, and one entry of it made wrong — negated, zeroed, doubled,
 * or the whole product doubled — is never passed. Counted ({@link Exercised}): the planted products must be judged.
 */
class HessianVectorProperties {

    /**
     * f(x) = Σ aᵢ sin(bᵢ xᵢ) + ½ (w·x)² + Σ cᵢ xᵢ⁴, g and H·v by hand; every term's scale drawn from the seed.
     */
    private record Smooth(double[] a, double[] b, double[] w, double[] c) implements HessianVectorFunction {

        static Smooth of(SplittableRandom r, int n) {
            double[][] p = new double[4][n];
            for (double[] row : p) {
                double scale = Math.pow(10, r.nextDouble(-2, 2));
                for (int i = 0; i < n; i++) {
                    row[i] = scale * r.nextDouble(-1, 1);
                }
            }
            return new Smooth(p[0], p[1], p[2], p[3]);
        }

        @Override
        public double value(double[] x) {
            double s = dot(w, x);
            double v = 0.5 * s * s;
            for (int i = 0; i < x.length; i++) {
                v += a[i] * Math.sin(b[i] * x[i]) + c[i] * Math.pow(x[i], 4);
            }
            return v;
        }

        @Override
        public double[] gradient(double[] x) {
            double s = dot(w, x);
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                g[i] = a[i] * b[i] * Math.cos(b[i] * x[i]) + s * w[i] + 4 * c[i] * x[i] * x[i] * x[i];
            }
            return g;
        }

        @Override
        public double[] hessianVector(double[] x, double[] v) {
            double wv = dot(w, v);
            double[] hv = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                hv[i] = (-a[i] * b[i] * b[i] * Math.sin(b[i] * x[i]) + 12 * c[i] * x[i] * x[i]) * v[i] + wv * w[i];
            }
            return hv;
        }

        private static double dot(double[] p, double[] q) {
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                s += p[i] * q[i];
            }
            return s;
        }
    }

    /** The right product, or one with entry {@code wrong} changed by {@code how} (0 negated, 1 zeroed, 2 doubled). */
    private record Case(long seed, int n, int wrong, int how) {

        Smooth function() {
            return Smooth.of(new SplittableRandom(seed), n);
        }

        double[] vector(long salt) {
            SplittableRandom r = new SplittableRandom(seed ^ salt);
            double scale = Math.pow(10, r.nextDouble(-1, 1));
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = scale * r.nextDouble(-1, 1);
            }
            return x;
        }

        HessianVectorFunction planted() {
            Smooth f = function();
            return new HessianVectorFunction() {
                @Override
                public double value(double[] x) {
                    return f.value(x);
                }

                @Override
                public double[] gradient(double[] x) {
                    return f.gradient(x);
                }

                @Override
                public double[] hessianVector(double[] x, double[] v) {
                    double[] hv = f.hessianVector(x, v);
                    int i = wrong % hv.length;
                    hv[i] = how == 0 ? -hv[i] : how == 1 ? 0 : 2 * hv[i];
                    return hv;
                }
            };
        }
    }

    private static final Gen<Case> CASES = longs().all().zip(integers().between(1, 40), integers().between(0, 39),
            integers().between(0, 2), Case::new);

    @Test
    void theRightProductIsNeverFailed() {
        qt().withExamples(Examples.share(0.2)).forAll(CASES).checkAssert(c -> {
            GradientReport r = GradientCheck.hessianVector(c.function(), c.vector(1), c.vector(2));
            assertFalse(r.diagnosis() != Diagnosis.CORRECT && r.diagnosis() != Diagnosis.INCONCLUSIVE,
                    () -> c + "\n" + r.summary());
        });
    }

    @Test
    void aWrongEntryIsNeverPassed() {
        Exercised judged = new Exercised("wrong products that moved an entry resolvably");
        qt().withExamples(Examples.share(0.2)).forAll(CASES).checkAssert(c -> {
            judged.example();
            double[] x = c.vector(1);
            double[] v = c.vector(2);
            double[] right = c.function().hessianVector(x, v);
            double[] wrong = c.planted().hessianVector(x, v);
            double largest = 0;
            for (double h : right) {
                largest = Math.max(largest, Math.abs(h));
            }
            int i = c.wrong() % right.length;
            if (Math.abs(right[i] - wrong[i]) <= 1e-3 * largest) {
                return; // a change negligible next to the product: no check can be asked to see it
            }
            judged.hit();
            GradientReport r = GradientCheck.hessianVector(c.planted(), x, v);
            assertNotEquals(Diagnosis.CORRECT, r.diagnosis(), () -> c + "\n" + r.summary());
        });
        judged.requireAtLeast(0.5);
    }
}
