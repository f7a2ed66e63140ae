package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link GradientCheck#hessianVector}: a claimed H(x)·v is judged entry by entry against the gradient's derivative
 * along v, with the gradient check's rules and diagnoses — right products pass, a dropped second-order term, a
 * Gauss–Newton product passed off as the Hessian's and a doubled product fail and name their entries, a coarse
 * gradient never passes a wrong product, and x and v are left bit-identical.
 */
class HessianVectorCheckTest {

    private static final int N = 12;

    /**
     * f(x) = Σ cᵢ sin xᵢ + ½ (w·x)² + Σ xᵢ⁴ / 12;  g = c∘cos x + (w·x) w + x³/3;
     * H·v = −c∘sin x∘v + (w·v) w + x²∘v. The claim drops whichever terms {@code kept} leaves out.
     */
    private record Quartic(double[] c, double[] w, boolean sinTerm, boolean outerTerm, double factor)
            implements HessianVectorFunction {

        static Quartic of(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] c = new double[N];
            double[] w = new double[N];
            for (int i = 0; i < N; i++) {
                c[i] = r.nextDouble(0.5, 2);
                w[i] = r.nextDouble(-1, 1);
            }
            return new Quartic(c, w, true, true, 1);
        }

        @Override
        public double value(double[] x) {
            double s = dot(w, x);
            double v = 0.5 * s * s;
            for (int i = 0; i < N; i++) {
                v += c[i] * Math.sin(x[i]) + Math.pow(x[i], 4) / 12;
            }
            return v;
        }

        @Override
        public double[] gradient(double[] x) {
            double s = dot(w, x);
            double[] g = new double[N];
            for (int i = 0; i < N; i++) {
                g[i] = c[i] * Math.cos(x[i]) + s * w[i] + x[i] * x[i] * x[i] / 3;
            }
            return g;
        }

        @Override
        public double[] hessianVector(double[] x, double[] v) {
            double wv = dot(w, v);
            double[] hv = new double[N];
            for (int i = 0; i < N; i++) {
                hv[i] = factor * ((sinTerm ? -c[i] * Math.sin(x[i]) * v[i] : 0) + (outerTerm ? wv * w[i] : 0)
                        + x[i] * x[i] * v[i]);
            }
            return hv;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }
    }

    private static double[] random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[N];
        for (int i = 0; i < N; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        return a;
    }

    @Test
    void aRightProductPassesAndLeavesXAndVAsTheyWere() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] x = random(seed);
            double[] v = random(seed + 100);
            double[] x0 = x.clone();
            double[] v0 = v.clone();
            GradientReport report = GradientCheck.hessianVector(Quartic.of(seed), x, v);
            assertTrue(report.passed(), report::summary);
            assertEquals(List.of("Hv"), report.blocks().stream().map(BlockStatistics::name).toList());
            assertEquals(N, report.entries().size());
            assertArrayEquals(x0, x);
            assertArrayEquals(v0, v);
        }
    }

    /** A dropped second-order term (the σ″-like sin″ term of each coordinate) fails on the entries it changes. */
    @Test
    void aDroppedDiagonalTermIsWrongOnEveryEntry() {
        Quartic base = Quartic.of(7);
        Quartic dropped = new Quartic(base.c(), base.w(), false, true, 1);
        GradientReport report = GradientCheck.hessianVector(dropped, random(7), random(107));
        assertFalse(report.passed());
        assertEquals(N, report.failures().size(), report::summary);
        assertTrue(report.failures().get(0).label().startsWith("Hv["), report::summary);
    }

    /** The outer-product (Gauss–Newton-like) part alone passed off as the Hessian's product. */
    @Test
    void aPartialProductPassedOffAsTheHessiansFails() {
        Quartic base = Quartic.of(8);
        Quartic partial = new Quartic(base.c(), base.w(), true, false, 1);
        GradientReport report = GradientCheck.hessianVector(partial, random(8), random(108));
        assertFalse(report.passed(), report::summary);
    }

    @Test
    void aDoubledProductIsDiagnosedAsScaledByTwo() {
        Quartic base = Quartic.of(9);
        Quartic doubled = new Quartic(base.c(), base.w(), true, true, 2);
        GradientReport report = GradientCheck.hessianVector(doubled, random(9), random(109));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(2, report.fittedScale(), 1e-6);
    }

    /** A gradient computed coarsely (rounded to 1e-6) cannot prove a product; a wrong one is never passed. */
    @Test
    void aCoarseGradientNeverPassesAWrongProduct() {
        Quartic base = Quartic.of(10);
        HessianVectorFunction coarse = new HessianVectorFunction() {
            @Override
            public double value(double[] x) {
                return base.value(x);
            }

            @Override
            public double[] gradient(double[] x) {
                double[] g = base.gradient(x);
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.rint(g[i] * 1e6) / 1e6;
                }
                return g;
            }

            @Override
            public double[] hessianVector(double[] x, double[] v) {
                double[] hv = base.hessianVector(x, v);
                hv[3] = -hv[3];
                return hv;
            }
        };
        GradientReport report = GradientCheck.hessianVector(coarse, random(10), random(110));
        assertFalse(report.passed(), report::summary);
    }

    /** The function's named blocks split the report: only the block whose entries are wrong is named. */
    @Test
    void declaredBlocksSplitTheProductAndTheWrongBlockIsNamed() {
        Quartic base = Quartic.of(11);
        HessianVectorFunction named = new HessianVectorFunction() {
            @Override
            public double value(double[] x) {
                return base.value(x);
            }

            @Override
            public double[] gradient(double[] x) {
                return base.gradient(x);
            }

            @Override
            public double[] hessianVector(double[] x, double[] v) {
                double[] hv = base.hessianVector(x, v);
                for (int i = 6; i < N; i++) {
                    hv[i] = -hv[i];
                }
                return hv;
            }

            @Override
            public List<BlockShape> blockShapes() {
                return List.of(new BlockShape("layer1.W", 2, 3), new BlockShape("layer1.b", 6));
            }
        };
        GradientReport report = GradientCheck.hessianVector(named, random(11), random(111));
        assertEquals(List.of("Hv[layer1.W]", "Hv[layer1.b]"),
                report.blocks().stream().map(BlockStatistics::name).toList());
        assertEquals(List.of("Hv[layer1.b]"), report.wrongBlocks(), report::summary);
        assertEquals(Diagnosis.SIGN_FLIP, report.diagnosis(), report::summary);
        assertTrue(report.entry("Hv[layer1.W][1,2]").isPresent(), report::summary);
        assertTrue(report.hints().isEmpty(), () -> "gradient hints in a product's report: " + report.hints());
    }

    @Test
    void declaredBlocksThatDoNotCoverXAreRefused() {
        HessianVectorFunction short1 = new HessianVectorFunction() {
            @Override
            public double value(double[] x) {
                return 0;
            }

            @Override
            public double[] gradient(double[] x) {
                return new double[x.length];
            }

            @Override
            public double[] hessianVector(double[] x, double[] v) {
                return new double[x.length];
            }

            @Override
            public List<BlockShape> blockShapes() {
                return List.of(new BlockShape("W", 2, 3), new BlockShape("b", 2));
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.hessianVector(short1, random(1), random(2)));
        assertEquals("blockShapes() [W 2x3, b 2] hold 8 entries but x has 12: they must add up to x.length",
                e.getMessage());
    }

    @Test
    void aDirectionOfTheWrongLengthIsRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.hessianVector(Quartic.of(1), random(1), new double[3]));
        assertEquals("v must have the length of x: x has 12 entries, v has 3", e.getMessage());
    }
}
