package org.gradproof.check;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScratchTrust {
    static double[] X = {0.3, -1.2, 2.5, 0.7, 1.1, -0.4};

    static double smooth(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += (i + 1) * Math.sin(x[i]) + 0.5 * x[i] * x[i];
        return s;
    }
    static double[] grad(double[] x, double k) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) g[i] = k * ((i + 1) * Math.cos(x[i]) + x[i]);
        return g;
    }
    static void show(String name, GradientReport r) {
        System.out.println("=== " + name + ": " + r.diagnosis() + " passed=" + r.passed() + " evals=" + r.evaluations());
    }

    @Test
    void run() {
        Random rnd = new Random(1);
        for (double k : new double[] {1, -1, 2, 0}) {
            final double kk = k;
            show("random noise 1e-3 k=" + k, GradientCheck.check(Fn.of(x -> smooth(x) + 1e-3 * rnd.nextGaussian(), x -> grad(x, kk)), X.clone()));
            for (double q : new double[] {1e-4, 1e-2}) {
                GradientReport r = GradientCheck.check(Fn.of(x -> Math.rint(smooth(x) / q) * q, x -> grad(x, kk)), X.clone());
                show("rounded " + q + " k=" + k, r);
                if (k == 1) System.out.println(r.summary());
            }
            GradientReport r = GradientCheck.check(Fn.of(x -> smooth(x) + 1e-3 * NoiseTest.hashNoise(x), x -> grad(x, kk)), X.clone());
            show("hash noise 1e-3 k=" + k, r);
            if (k == 1) System.out.println(r.summary());
        }
        // kink case 3
        double c = 7.083 * Math.scalb(1.0, -18);
        GradientReport r = GradientCheck.check(Fn.of(x -> 0.12 * Math.max(0, x[0] - c) + x[1] * x[1], x -> new double[] {0.3, 2 * x[1]}), new double[] {0, 0.7});
        show("kink case 3 claim 0.3", r);
        System.out.println(r.summary());
        // case 4 sweep: relu net near kink: f = 0.71833 * max(0, x0 + d) + x1^2, x0 = 0, correct claim
        int fa = 0, inc = 0, n = 0;
        for (double d = 5e-8; d < 4e-6; d *= 1.01) {
            final double dd = d;
            GradientReport rr = GradientCheck.check(Fn.of(x -> 0.71833 * Math.max(0, x[0] + dd) + x[1] * x[1], x -> new double[] {0.71833, 2 * x[1]}), new double[] {0, 0.7});
            n++;
            if (rr.diagnosis() == Diagnosis.INCONCLUSIVE) inc++;
            else if (!rr.passed()) { fa++; if (fa < 3) System.out.println(rr.summary()); }
            GradientReport rd = GradientCheck.check(Fn.of(x -> -0.71833 * Math.max(0, x[0] - dd) + x[1] * x[1], x -> new double[] {0, 2 * x[1]}), new double[] {0, 0.7});
            n++;
            if (rd.diagnosis() == Diagnosis.INCONCLUSIVE) inc++;
            else if (!rd.passed()) { fa++; if (fa < 3) System.out.println(rd.summary()); }
        }
        System.out.println("near-kink sweep: " + n + " cases, false alarms " + fa + ", inconclusive " + inc);
    }
}
