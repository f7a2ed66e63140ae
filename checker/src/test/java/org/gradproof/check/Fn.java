package org.gradproof.check;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/** Small helpers that build {@link DifferentiableFunction}s for the tests, and wrap them with deliberate bugs. */
final class Fn {

    private Fn() {
    }

    /** A function from a value and a closed-form gradient. */
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

    /** The same value, with the claimed gradient passed through {@code bug}. */
    static DifferentiableFunction withGradient(DifferentiableFunction f, UnaryOperator<double[]> bug) {
        return of(f::value, x -> bug.apply(f.gradient(x).clone()));
    }

    /** The claimed gradient times k. */
    static DifferentiableFunction scaled(DifferentiableFunction f, double k) {
        return withGradient(f, g -> {
            for (int i = 0; i < g.length; i++) {
                g[i] *= k;
            }
            return g;
        });
    }

    /** The claimed gradient with entry i multiplied by (1 + relative). */
    static DifferentiableFunction perturbed(DifferentiableFunction f, int i, double relative) {
        return withGradient(f, g -> {
            g[i] *= 1 + relative;
            return g;
        });
    }
}
