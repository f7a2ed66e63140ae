package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link GradientCheck#hessian}: a claimed full Hessian checked column by column (H·eⱼ against the gradient's
 * derivative along eⱼ, entries H[i][j]) and for symmetry. Right Hessians of quadratic forms, Σ xᵢ⁴ and a product of
 * sines pass with every entry judged; one wrong entry is named and its asymmetric pair noted; the Jacobian of a
 * "gradient" that is no gradient (an asymmetric A·x) passes the column check and is failed as ASYMMETRIC; rounding-level
 * asymmetry passes; shapes and sizes are refused naming both; x is left bit-identical.
 */
class HessianCheckTest {

    /** A value, its gradient and a claimed Hessian, each given as a lambda. */
    private record Fn2(java.util.function.ToDoubleFunction<double[]> f, UnaryOperator<double[]> g,
                       java.util.function.Function<double[], double[][]> h) implements HessianFunction {

        @Override
        public double value(double[] x) {
            return f.applyAsDouble(x);
        }

        @Override
        public double[] gradient(double[] x) {
            return g.apply(x);
        }

        @Override
        public double[][] hessian(double[] x) {
            return h.apply(x);
        }

        /** The same function claiming {@code change} applied to its Hessian. */
        Fn2 claiming(UnaryOperator<double[][]> change) {
            return new Fn2(f, g, x -> change.apply(h.apply(x)));
        }
    }

    /** ½ xᵀAx + bᵀx with a random symmetric A: g = Ax + b, H = A. */
    private static Fn2 quadraticForm(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[n][n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextDouble(-1, 1);
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = r.nextDouble(-2, 2);
            }
        }
        return new Fn2(x -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += b[i] * x[i];
                for (int j = 0; j < n; j++) {
                    s += 0.5 * x[i] * a[i][j] * x[j];
                }
            }
            return s;
        }, x -> {
            double[] g = b.clone();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    g[i] += a[i][j] * x[j];
                }
            }
            return g;
        }, x -> copy(a));
    }

    /** Σ xᵢ⁴: g = 4x³, H = diag(12 x²). */
    private static Fn2 quartic() {
        return new Fn2(x -> {
            double s = 0;
            for (double v : x) {
                s += v * v * v * v;
            }
            return s;
        }, x -> {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                g[i] = 4 * x[i] * x[i] * x[i];
            }
            return g;
        }, x -> {
            double[][] h = new double[x.length][x.length];
            for (int i = 0; i < x.length; i++) {
                h[i][i] = 12 * x[i] * x[i];
            }
            return h;
        });
    }

    /** Π sin xᵢ: gᵢ = cos xᵢ Π_{k≠i} sin x_k, H[i][i] = −f, H[i][j] = cos xᵢ cos xⱼ Π_{k≠i,j} sin x_k. */
    private static Fn2 sineProduct() {
        return new Fn2(x -> productOfSines(x, -1, -1), x -> {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                g[i] = Math.cos(x[i]) * productOfSines(x, i, -1);
            }
            return g;
        }, x -> {
            int n = x.length;
            double[][] h = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    h[i][j] = i == j ? -productOfSines(x, -1, -1)
                            : Math.cos(x[i]) * Math.cos(x[j]) * productOfSines(x, i, j);
                }
            }
            return h;
        });
    }

    private static double productOfSines(double[] x, int skip, int skipToo) {
        double p = 1;
        for (int k = 0; k < x.length; k++) {
            p *= k == skip || k == skipToo ? 1 : Math.sin(x[k]);
        }
        return p;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private static double[] point(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1.5, 1.5);
        }
        return x;
    }

    @Test
    void rightHessiansPassEveryEntryLabelledAndLeaveXAsItWas() {
        for (Fn2 f : List.of(quadraticForm(5, 1), quartic(), sineProduct())) {
            double[] x = point(5, 2);
            double[] x0 = x.clone();
            GradientReport report = GradientCheck.hessian(f, x);
            assertTrue(report.passed(), report::summary);
            assertEquals(25, report.entries().size());
            assertEquals(List.of("H[·][0]", "H[·][1]", "H[·][2]", "H[·][3]", "H[·][4]"),
                    report.blocks().stream().map(BlockStatistics::name).toList());
            assertTrue(report.entry("H[3][1]").isPresent(), report::summary);
            assertArrayEquals(x0, x);
        }
    }

    /** H[1][3] claimed wrong alone: the column check names exactly it, and the report notes its pair H[3][1]. */
    @Test
    void oneWrongEntryIsNamedAndItsAsymmetricPairNoted() {
        Fn2 f = sineProduct().claiming(h -> {
            h[1][3] += 0.5;
            return h;
        });
        GradientReport report = GradientCheck.hessian(f, point(5, 3));
        assertFalse(report.passed(), report::summary);
        assertEquals(List.of("H[1][3]"), report.failures().stream().map(EntryResult::label).toList(),
                report::summary);
        assertEquals(List.of("H[·][3]"), report.wrongBlocks());
        assertTrue(report.explanation().contains("The claim is also not symmetric: H[1][3] = "), report::explanation);
        assertTrue(report.explanation().contains("but H[3][1] = "), report::explanation);
    }

    /** A symmetric pair wrong together is no asymmetry: both sides named by the column check, no symmetry note. */
    @Test
    void aSymmetricPairWrongTogetherIsNamedOnBothSides() {
        Fn2 f = quadraticForm(4, 5).claiming(h -> {
            h[0][2] = -h[0][2];
            h[2][0] = -h[2][0];
            return h;
        });
        GradientReport report = GradientCheck.hessian(f, point(4, 6));
        assertEquals(List.of("H[2][0]", "H[0][2]"), report.failures().stream().map(EntryResult::label).toList(),
                report::summary);
        assertFalse(report.explanation().contains("not symmetric"), report::explanation);
    }

    /**
     * g(x) = A·x with A not symmetric is the gradient of no function; its Jacobian A claimed as the Hessian agrees
     * with g's derivatives entry by entry, and only symmetry can fail it: ASYMMETRIC, naming the pair.
     */
    @Test
    void theJacobianOfAGradientOfNoFunctionIsFailedAsAsymmetric() {
        double[][] a = {{2, 1, 0}, {-1, 3, 0.5}, {0, 0.5, 1}};
        Fn2 f = new Fn2(x -> 0.5 * (2 * x[0] * x[0] + 3 * x[1] * x[1] + x[2] * x[2]) + 0.5 * x[1] * x[2], x -> {
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    g[i] += a[i][j] * x[j];
                }
            }
            return g;
        }, x -> copy(a));
        GradientReport report = GradientCheck.hessian(f, point(3, 7));
        assertEquals(Diagnosis.ASYMMETRIC, report.diagnosis(), report::summary);
        assertTrue(report.failures().isEmpty(), report::summary);
        assertEquals(List.of("H[·][0]", "H[·][1]"), report.wrongBlocks());
        assertTrue(report.explanation().startsWith("the claimed Hessian is not symmetric, as the Hessian of a "
                + "twice-differentiable function is: H[0][1] = 1.00000000 but H[1][0] = -1.00000000 (apart by 2.00; their tolerances allow "),
                report::explanation);
        assertTrue(report.summary().startsWith("gradproof gradient check: FAILED — ASYMMETRIC"), report::summary);
    }

    /** A claim asymmetric by rounding (a relative 1e-12, far inside the tolerances) is no asymmetry. */
    @Test
    void roundingLevelAsymmetryPasses() {
        Fn2 f = sineProduct().claiming(h -> {
            h[0][4] *= 1 + 1e-12;
            return h;
        });
        GradientReport report = GradientCheck.hessian(f, point(5, 8));
        assertTrue(report.passed(), report::summary);
        assertTrue(HessianSymmetry.asymmetricPairs(report.entries(), 5).isEmpty());
    }

    @Test
    void aDoubledHessianIsScaledByTwo() {
        Fn2 f = quadraticForm(4, 9).claiming(h -> {
            for (double[] row : h) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= 2;
                }
            }
            return h;
        });
        GradientReport report = GradientCheck.hessian(f, point(4, 10));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report::summary);
        assertEquals(2, report.fittedScale(), 1e-6);
    }

    @Test
    void tooManyVariablesAreRefusedSayingWhatToDo() {
        int n = HessianColumns.MAX_VARIABLES + 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.hessian(quartic(), new double[n]));
        assertEquals("x has 129 entries: the full Hessian has 129 x 129 = 16641 entries, more than a full check "
                + "takes on (n up to 128); check products H·v along a few random v with GradientCheck.hessianVector "
                + "instead (each costs n entries, and a wrong H has a wrong H·v for almost every v)", e.getMessage());
    }

    @Test
    void wrongShapesAreRefusedNamingBoth() {
        double[] x = point(3, 11);
        assertEquals("hessian(x) returned null; expected 3 x 3 for x of length 3", refused(quartic().claiming(h -> null), x));
        assertEquals("hessian(x) returned 2 x 2; expected 3 x 3 for x of length 3 (2 rows)",
                refused(quartic().claiming(h -> new double[2][2]), x));
        assertEquals("hessian(x) returned 3 rows of 3, 2, 3 entries; expected 3 x 3 for x of length 3 (row 1 has 2 "
                + "entries)", refused(quartic().claiming(h -> new double[][] {h[0], new double[2], h[2]}), x));
        assertEquals("hessian(x) returned 3 rows of 3, null, 3 entries; expected 3 x 3 for x of length 3 (row 1 has "
                + "no array)", refused(quartic().claiming(h -> new double[][] {h[0], null, h[2]}), x));
        assertEquals("hessian(x) returned 3 x 4; expected 3 x 3 for x of length 3 (row 0 has 4 entries)",
                refused(quartic().claiming(h -> new double[3][4]), x));
        assertEquals("f must not be null", assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.hessian(null, x)).getMessage());
        assertEquals("x must not be null", assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.hessian(quartic(), null)).getMessage());
        assertEquals("x[1] is NaN: x must be finite", assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.hessian(quartic(), new double[] {0, Double.NaN})).getMessage());
    }

    private static String refused(HessianFunction f, double[] x) {
        double[] x0 = x.clone();
        String message = assertThrows(IllegalArgumentException.class, () -> GradientCheck.hessian(f, x)).getMessage();
        assertArrayEquals(x0, x);
        return message;
    }
}
