package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckOptions#threads()}: entries judged on several threads, each with the function's own copy, give the report
 * one thread gives, bit for bit; the copy is verified before use; a copy that throws, a budget and an interrupt behave
 * as on one thread; the function's own parameters are never touched from another thread.
 */
class ParallelEntriesTest {

    /** f(θ) = Σ cᵢ sin θᵢ + ½ (Σ wᵢ θᵢ)² + a ReLU kink, with a claimed gradient that may be wrong in one entry. */
    private static class Copyable implements BlockFunction {
        final double[] theta;
        final int wrong;
        final Set<Thread> threads;
        final int failAtCall;
        /** A pause in every evaluation of this instance (not its copies), so that the copies surely get entries. */
        long pauseMillis;
        int calls;

        Copyable(double[] theta, int wrong, Set<Thread> threads, int failAtCall) {
            this.theta = theta;
            this.wrong = wrong;
            this.threads = threads;
            this.failAtCall = failAtCall;
        }

        static Copyable of(int n, int wrong) {
            double[] theta = new double[n];
            SplittableRandom r = new SplittableRandom(n);
            for (int i = 0; i < n; i++) {
                theta[i] = r.nextDouble(-2, 2);
            }
            return new Copyable(theta, wrong, ConcurrentHashMap.newKeySet(), -1);
        }

        @Override
        public List<ParameterBlock> blocks() {
            return List.of(ParameterBlock.vector("w", theta));
        }

        @Override
        public double value() {
            threads.add(Thread.currentThread());
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (++calls == failAtCall) {
                throw new IllegalStateException("the copy's device is gone");
            }
            double s = 0;
            double v = Math.max(0, theta[0]);
            for (int i = 0; i < theta.length; i++) {
                v += (1 + i % 3) * Math.sin(theta[i]);
                s += theta[i] / (i + 1);
            }
            return v + 0.5 * s * s;
        }

        @Override
        public double[][] gradient() {
            double s = 0;
            for (int i = 0; i < theta.length; i++) {
                s += theta[i] / (i + 1);
            }
            double[] g = new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                g[i] = (1 + i % 3) * Math.cos(theta[i]) + s / (i + 1);
            }
            g[0] += theta[0] > 0 ? 1 : 0;
            if (wrong >= 0) {
                g[wrong] *= -1;
            }
            return new double[][] {g};
        }

        @Override
        public Optional<BlockFunction> threadCopy() {
            return Optional.of(new Copyable(theta.clone(), wrong, threads, failAtCall < 0 ? -1 : 5));
        }
    }

    private static CheckOptions threads(int n) {
        return CheckOptions.builder().threads(n).build();
    }

    @Test
    void severalThreadsGiveTheReportOneThreadGives() {
        for (int wrong : new int[] {-1, 77}) {
            Copyable f = Copyable.of(300, wrong);
            GradientReport one = GradientCheck.check(f, threads(1));
            Copyable g = Copyable.of(300, wrong);
            g.pauseMillis = 1;
            GradientReport three = GradientCheck.check(g, threads(3));
            assertEquals(one.summary(), three.summary());
            assertEquals(one.evaluations(), three.evaluations());
            assertEquals(one.entries(), three.entries());
            assertTrue(g.threads.size() > 1, "the entries were judged on " + g.threads.size() + " thread(s)");
            assertEquals(1, f.threads.size());
        }
    }

    @Test
    void aFunctionWithoutCopiesIsCheckedOnOneThread() {
        double[] theta = new double[200];
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        Blocks f = new Blocks(List.of(ParameterBlock.vector("w", theta)), () -> {
            seen.add(Thread.currentThread());
            double v = 0;
            for (double t : theta) {
                v += Math.sin(t);
            }
            return v;
        }, () -> {
            double[] g = new double[theta.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.cos(theta[i]);
            }
            return new double[][] {g};
        });
        assertTrue(GradientCheck.check(f, threads(4)).passed());
        assertEquals(Set.of(Thread.currentThread()), seen);
    }

    @Test
    void aCopyThatSharesTheFunctionsArrayIsRefused() {
        Copyable f = new Copyable(Copyable.of(100, -1).theta, -1, ConcurrentHashMap.newKeySet(), -1) {
            @Override
            public Optional<BlockFunction> threadCopy() {
                return Optional.of(new Copyable(theta, -1, threads, -1));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradientCheck.check(f, threads(2)));
        assertTrue(e.getMessage().contains("arrays of its own") && e.getMessage().contains("block w"), e::getMessage);
    }

    @Test
    void aCopyThatThrowsStopsTheCheckAndLosesNothing() {
        Copyable base = Copyable.of(200, -1);
        Copyable f = new Copyable(base.theta, -1, ConcurrentHashMap.newKeySet(), 1_000_000);
        f.pauseMillis = 1;
        double[] before = f.theta.clone();
        FunctionEvaluationException e = assertThrows(FunctionEvaluationException.class,
                () -> GradientCheck.check(f, threads(2)));
        assertTrue(e.getMessage().contains("the copy's device is gone"), e::getMessage);
        for (int i = 0; i < before.length; i++) {
            assertEquals(Double.doubleToRawLongBits(before[i]), Double.doubleToRawLongBits(f.theta[i]));
        }
    }

    @Test
    void aBudgetStopsEveryThreadWithAnInconclusiveReport() {
        Copyable f = Copyable.of(400, -1);
        GradientReport report = GradientCheck.check(f, CheckOptions.builder().threads(3).maxEvaluations(900).build());
        assertEquals(Diagnosis.INCONCLUSIVE, report.diagnosis(), report::summary);
        assertTrue(report.entriesNotChecked() > 0);
        assertFalse(report.passed());
    }

    @Test
    void anInterruptStopsEveryThreadAndStaysSet() {
        Copyable f = Copyable.of(400, -1);
        Thread.currentThread().interrupt();
        try {
            GradientReport report = GradientCheck.check(f, threads(3));
            assertEquals(Diagnosis.INCONCLUSIVE, report.diagnosis(), report::summary);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
