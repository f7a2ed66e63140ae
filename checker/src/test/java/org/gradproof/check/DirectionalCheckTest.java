package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link GradientCheck#directional}: a block proven along random directions needs none of its entries judged; a wrong
 * entry is named by group testing ({@link Localisation}) in about 2·log₂ n evaluations and then judged as the
 * exhaustive check judges it; a bug spread over a block, noise, kinks and non-determinism get the exhaustive check's
 * verdict; the parameters are restored bit-exactly, also when the function throws.
 */
class DirectionalCheckTest {

    private static final int N = 1024;

    /** f(θ) = Σ cᵢ · sin θᵢ + ½ (Σ wᵢ θᵢ)²: every entry of the gradient matters, none is negligible. */
    private static final class Smooth {
        final double[] theta = new double[N];
        final double[] c = new double[N];
        final double[] w = new double[N];

        Smooth(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < N; i++) {
                theta[i] = r.nextDouble(-2, 2);
                c[i] = r.nextDouble(0.5, 2);
                w[i] = r.nextDouble(-0.05, 0.05);
            }
        }

        double value() {
            double s = 0;
            double v = 0;
            for (int i = 0; i < N; i++) {
                v += c[i] * Math.sin(theta[i]);
                s += w[i] * theta[i];
            }
            return v + 0.5 * s * s;
        }

        double[] gradient() {
            double s = 0;
            for (int i = 0; i < N; i++) {
                s += w[i] * theta[i];
            }
            double[] g = new double[N];
            for (int i = 0; i < N; i++) {
                g[i] = c[i] * Math.cos(theta[i]) + s * w[i];
            }
            return g;
        }

        Blocks function(UnaryOperator<double[]> corruption) {
            return new Blocks(List.of(ParameterBlock.vector("w", theta)), this::value,
                    () -> new double[][] {corruption.apply(gradient())});
        }
    }

    @Test
    void aRightGradientIsProvenAlongItsDirectionsWithoutJudgingItsEntries() {
        Smooth s = new Smooth(1);
        GradientReport report = GradientCheck.directional(s.function(g -> g));
        assertTrue(report.passed(), report::summary);
        assertEquals(DirectionalScreen.DIRECTIONS, report.directions().size());
        assertTrue(report.entries().isEmpty(), "no entry needs judging: " + report.entries().size());
        assertTrue(report.evaluations() < N / 4, "evaluations: " + report.evaluations());
        assertTrue(report.summary().contains("random directions"), report::summary);
    }

    @Test
    void oneWrongEntryIsNamedAndJudgedAsTheExhaustiveCheckWould() {
        Smooth s = new Smooth(2);
        int wrong = 789;
        UnaryOperator<double[]> doubled = g -> {
            g[wrong] *= 2;
            return g;
        };
        GradientReport directional = GradientCheck.directional(s.function(doubled));
        GradientReport exhaustive = GradientCheck.check(s.function(doubled));
        assertEquals(Diagnosis.MISMATCH, directional.diagnosis(), directional::summary);
        assertEquals(exhaustive.diagnosis(), directional.diagnosis());
        assertEquals(List.of("w[789]"), directional.failures().stream().map(EntryResult::label).toList());
        assertEquals(exhaustive.failures().stream().map(EntryResult::label).toList(),
                directional.failures().stream().map(EntryResult::label).toList());
        assertTrue(directional.evaluations() < exhaustive.evaluations() / 4,
                directional.evaluations() + " against " + exhaustive.evaluations());
    }

    @Test
    void severalWrongEntriesAreAllNamed() {
        Smooth s = new Smooth(3);
        int[] wrong = {7, 500, 501, 1000};
        UnaryOperator<double[]> corrupted = g -> {
            g[7] = -g[7];
            g[500] = 0;
            g[501] *= 0.5;
            g[1000] += 1;
            return g;
        };
        GradientReport report = GradientCheck.directional(s.function(corrupted));
        assertFalse(report.passed());
        assertEquals(Arrays.stream(wrong).mapToObj(i -> "w[" + i + "]").toList(),
                report.failures().stream().map(EntryResult::label).sorted((a, b) -> Integer.compare(
                        index(a), index(b))).toList(), report::summary);
    }

    @Test
    void aWholeBlockScaledIsJudgedEntryByEntryAndDiagnosedAsTheExhaustiveCheckDoes() {
        Smooth s = new Smooth(4);
        UnaryOperator<double[]> halved = g -> {
            for (int i = 0; i < g.length; i++) {
                g[i] *= 0.5;
            }
            return g;
        };
        GradientReport directional = GradientCheck.directional(s.function(halved));
        GradientReport exhaustive = GradientCheck.check(s.function(halved));
        assertEquals(Diagnosis.SCALED, exhaustive.diagnosis(), exhaustive::summary);
        assertEquals(exhaustive.diagnosis(), directional.diagnosis(), directional::summary);
        assertEquals(exhaustive.explanation(), directional.explanation());
    }

    /**
     * Group testing's cost: with a single wrong entry among n, the discrepancy is halved log₂ n times, one central
     * difference (2 evaluations) per halving, and 2 more for the threshold.
     */
    @Test
    void localisationNamesOneWrongEntryInTwoEvaluationsPerHalving() {
        for (int n : new int[] {64, 1000, N}) {
            Smooth s = new Smooth(n);
            double[] theta = Arrays.copyOf(s.theta, n);
            int wrong = n / 3;
            double[] truth = s.gradient();
            double[] claim = Arrays.copyOf(truth, n);
            claim[wrong] = -claim[wrong];
            Blocks f = new Blocks(List.of(ParameterBlock.vector("w", theta)), () -> {
                System.arraycopy(theta, 0, s.theta, 0, n);
                return s.value();
            }, () -> new double[][] {claim});
            Probe probe = new Probe(f, f.blocks());
            double[] u = new double[n];
            SplittableRandom r = new SplittableRandom(n);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                u[i] = r.nextGaussian();
                norm += u[i] * u[i];
            }
            double a = 0;
            double g = 0;
            for (int i = 0; i < n; i++) {
                u[i] /= Math.sqrt(norm);
                a += claim[i] * u[i];
                g += truth[i] * u[i];
            }
            EntryResult along = new EntryResult("w along u", 0, -1, 0, a, g, 1e-12, 1e-12, true,
                    EntryVerdict.MISMATCH, Double.NaN, Double.NaN, "", 0);
            int[] named = Localisation.wrongEntries(probe, 0, claim, u, along, 1e-15);
            assertArrayEquals(new int[] {wrong}, named, "n = " + n);
            int halvings = 32 - Integer.numberOfLeadingZeros(n - 1);
            assertTrue(probe.evaluations() <= 2L * halvings + 2, "n = " + n + ": " + probe.evaluations()
                    + " evaluations for " + halvings + " halvings");
        }
    }

    @Test
    void aDiscrepancySpreadOverTheBlockIsNotChasedEntryByEntry() {
        int n = 256;
        Smooth s = new Smooth(5);
        double[] theta = Arrays.copyOf(s.theta, n);
        Blocks f = new Blocks(List.of(ParameterBlock.vector("w", theta)), () -> {
            System.arraycopy(theta, 0, s.theta, 0, n);
            return s.value();
        }, () -> null);
        double[] truth = Arrays.copyOf(s.gradient(), n);
        double[] claim = truth.clone();
        double a = 0;
        double g = 0;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = (i % 2 == 0 ? 1 : -1) / Math.sqrt(n);
            claim[i] *= 1.5;
            a += claim[i] * u[i];
            g += truth[i] * u[i];
        }
        EntryResult along = new EntryResult("w along u", 0, -1, 0, a, g, 1e-12, 1e-12, true, EntryVerdict.MISMATCH,
                Double.NaN, Double.NaN, "", 0);
        Probe probe = new Probe(f, f.blocks());
        assertEquals(null, Localisation.wrongEntries(probe, 0, claim, u, along, 1e-15));
        assertTrue(probe.evaluations() < 4L * Localisation.MAX_NAMED, "gave up after " + probe.evaluations());
    }

    @Test
    void aNonDeterministicFunctionIsNotCheckedAlongAnyDirection() {
        Smooth s = new Smooth(6);
        double[] jitter = {0};
        Blocks f = new Blocks(List.of(ParameterBlock.vector("w", s.theta)), () -> s.value() + (jitter[0] += 1e-9),
                () -> new double[][] {s.gradient()});
        GradientReport report = GradientCheck.directional(f);
        assertEquals(Diagnosis.NON_DETERMINISTIC, report.diagnosis());
        assertTrue(report.directions().isEmpty());
    }

    @Test
    void aFunctionThatThrowsMidwayLosesNothing() {
        Smooth s = new Smooth(7);
        double[] before = s.theta.clone();
        int[] calls = {0};
        Blocks f = new Blocks(List.of(ParameterBlock.vector("w", s.theta)), () -> {
            if (++calls[0] == 40) {
                throw new IllegalStateException("out of memory on the device");
            }
            return s.value();
        }, () -> new double[][] {s.gradient()});
        assertThrows(FunctionEvaluationException.class, () -> GradientCheck.directional(f));
        for (int i = 0; i < N; i++) {
            assertEquals(Double.doubleToRawLongBits(before[i]), Double.doubleToRawLongBits(s.theta[i]), "w[" + i + "]");
        }
    }

    /** A ReLU's kink a few steps from x along one entry: the directions cross it, the entries are judged one by one. */
    @Test
    void aKinkTheDirectionsCrossGetsTheExhaustiveVerdict() {
        double[] theta = new double[64];
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextDouble(-1, 1);
        }
        theta[10] = 3e-6;
        Blocks f = new Blocks(List.of(ParameterBlock.vector("w", theta)), () -> {
            double v = 0;
            for (int i = 0; i < theta.length; i++) {
                v += Math.max(0, theta[i]) * (i + 1) + 0.1 * theta[i] * theta[i];
            }
            return v;
        }, () -> {
            double[] g = new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                g[i] = (theta[i] > 0 ? i + 1 : 0) + 0.2 * theta[i];
            }
            return new double[][] {g};
        });
        GradientReport directional = GradientCheck.directional(f);
        GradientReport exhaustive = GradientCheck.check(f);
        assertEquals(exhaustive.diagnosis(), directional.diagnosis(), directional::summary);
    }

    private static int index(String label) {
        return Integer.parseInt(label.substring(label.indexOf('[') + 1, label.indexOf(']')));
    }
}
