package org.gradproof.properties;

import org.gradproof.check.CheckOptions;
import org.gradproof.check.DifferentiableFunction;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Functions with closed-form gradients for the checker properties, and the screening step the checker takes. */
final class TestFunctions {

    private TestFunctions() {
    }

    static DifferentiableFunction of(ToDoubleFunction<double[]> value, Function<double[], double[]> gradient) {
        return new DifferentiableFunction() {
            @Override
            public double value(double[] x) {
                return value.applyAsDouble(x);
            }

            @Override
            public double[] gradient(double[] x) {
                return gradient.apply(x);
            }
        };
    }

    /** The checker's screening step at x: cbrt(ε)·max(1, |x|) rounded down to a power of two. */
    static double step(double x) {
        return Math.scalb(1.0, Math.getExponent(CheckOptions.STEP_FACTOR * Math.max(1, Math.abs(x))));
    }

    /** Σ c_i sin(x_i) + ½ x_i² + x_0 x_last: smooth, with gradients of size 1–10. */
    static double smooth(double[] x, double[] c) {
        double s = x[0] * x[x.length - 1];
        for (int i = 0; i < x.length; i++) {
            s += c[i] * Math.sin(x[i]) + 0.5 * x[i] * x[i];
        }
        return s;
    }

    static double[] smoothGradient(double[] x, double[] c) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = c[i] * Math.cos(x[i]) + x[i];
        }
        g[0] += x[x.length - 1];
        g[x.length - 1] += x[0];
        return g;
    }

    /** A pseudo-random number in [−1, 1] fixed by the bits of x: deterministic noise. */
    static double hashNoise(double[] x) {
        long h = 0x2545F4914F6CDD1DL;
        for (double v : x) {
            h ^= Double.doubleToRawLongBits(v);
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return (h >>> 11) * 0x1.0p-53 * 2 - 1;
    }
}
