package org.gradproof.check;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Smooth functions with closed-form gradients, each with a generator of points where it is interesting, used by the
 * no-false-alarm and sensitivity tests.
 *
 * @param name           what the function is, for messages
 * @param f              the function with its correct gradient
 * @param point          a random point
 * @param scaleTolerance how far from 1 the fitted scale of the correct gradient may be (rounding of f over h)
 */
record SmoothFunctions(String name, DifferentiableFunction f, Function<Random, double[]> point,
                       double scaleTolerance) {

    @Override
    public String toString() {
        return name;
    }

    static List<SmoothFunctions> all() {
        return List.of(quadratic(), rosenbrock(), expLogTrig(), productOfTen(), largeX(), tinyX(), lossNearZero(),
                lossNear1e8WithUnitGradient(), lossNear1e8WithLargeGradient());
    }

    /** ½ xᵀAx + bᵀx with a fixed, non-diagonal symmetric A: gradient Ax + b. */
    static SmoothFunctions quadratic() {
        int n = 6;
        Random r = new Random(11);
        double[][] a = new double[n][n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextGaussian();
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = r.nextGaussian();
            }
        }
        DifferentiableFunction f = Fn.of(x -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += b[i] * x[i];
                for (int j = 0; j < n; j++) {
                    s += 0.5 * x[i] * a[i][j] * x[j];
                }
            }
            return s;
        }, x -> {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = b[i];
                for (int j = 0; j < n; j++) {
                    g[i] += a[i][j] * x[j];
                }
            }
            return g;
        });
        return new SmoothFunctions("quadratic ½xᵀAx+bᵀx", f, uniform(n, -3, 3), 1e-8);
    }

    /** Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)². */
    static SmoothFunctions rosenbrock() {
        int n = 5;
        DifferentiableFunction f = Fn.of(x -> {
            double s = 0;
            for (int i = 0; i + 1 < n; i++) {
                double u = x[i + 1] - x[i] * x[i];
                s += 100 * u * u + (1 - x[i]) * (1 - x[i]);
            }
            return s;
        }, x -> {
            double[] g = new double[n];
            for (int i = 0; i + 1 < n; i++) {
                double u = x[i + 1] - x[i] * x[i];
                g[i] += -400 * x[i] * u - 2 * (1 - x[i]);
                g[i + 1] += 200 * u;
            }
            return g;
        });
        return new SmoothFunctions("rosenbrock", f, uniform(n, -2, 2), 1e-8);
    }

    /** exp(x0)·sin(x1) + log(1 + x2²) + cos(x0·x2) + x1·tanh(x2). */
    static SmoothFunctions expLogTrig() {
        DifferentiableFunction f = Fn.of(
                x -> Math.exp(x[0]) * Math.sin(x[1]) + Math.log(1 + x[2] * x[2]) + Math.cos(x[0] * x[2])
                        + x[1] * Math.tanh(x[2]),
                x -> {
                    double t = Math.tanh(x[2]);
                    return new double[] {
                            Math.exp(x[0]) * Math.sin(x[1]) - x[2] * Math.sin(x[0] * x[2]),
                            Math.exp(x[0]) * Math.cos(x[1]) + t,
                            2 * x[2] / (1 + x[2] * x[2]) - x[0] * Math.sin(x[0] * x[2]) + x[1] * (1 - t * t)};
                });
        return new SmoothFunctions("exp/log/trig mix", f, uniform(3, -2, 2), 1e-8);
    }

    /** x0·x1·…·x9; ∂/∂x_i is the product of the others (computed without division). */
    static SmoothFunctions productOfTen() {
        int n = 10;
        DifferentiableFunction f = Fn.of(x -> {
            double p = 1;
            for (double v : x) {
                p *= v;
            }
            return p;
        }, x -> {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                double p = 1;
                for (int j = 0; j < n; j++) {
                    p *= j == i ? 1 : x[j];
                }
                g[i] = p;
            }
            return g;
        });
        return new SmoothFunctions("product of 10 variables", f, r -> {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (0.5 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
            }
            return x;
        }, 1e-8);
    }

    /** Σ c_i x_i²/2 + 1e6·sin(x_i/1e6 + i) at |x| ~ 1e6: f ~ 1e12, gradient c_i x_i + cos(x_i/1e6 + i) ~ 1e6. */
    static SmoothFunctions largeX() {
        double[] c = {1, 0.5, 2, 1.5};
        DifferentiableFunction f = Fn.of(x -> {
            double s = 0;
            for (int i = 0; i < c.length; i++) {
                s += c[i] * x[i] * x[i] / 2 + 1e6 * Math.sin(x[i] / 1e6 + i);
            }
            return s;
        }, x -> {
            double[] g = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                g[i] = c[i] * x[i] + Math.cos(x[i] / 1e6 + i);
            }
            return g;
        });
        return new SmoothFunctions("large |x| ~ 1e6", f, r -> {
            double[] x = new double[c.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (1 + 2 * r.nextDouble()) * 1e6 * (r.nextBoolean() ? 1 : -1);
            }
            return x;
        }, 1e-8);
    }

    /** Σ exp(2 x_i) + 5 x_i x_{i+1 mod n} at |x| ~ 1e-8. */
    static SmoothFunctions tinyX() {
        int n = 4;
        DifferentiableFunction f = Fn.of(x -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.exp(2 * x[i]) + 5 * x[i] * x[(i + 1) % n];
            }
            return s;
        }, x -> {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = 2 * Math.exp(2 * x[i]) + 5 * x[(i + 1) % n] + 5 * x[(i + n - 1) % n];
            }
            return g;
        });
        return new SmoothFunctions("tiny |x| ~ 1e-8", f, uniform(n, -3e-8, 3e-8), 1e-8);
    }

    /** Σ w_i (x_i − t_i)² at x = t + 1e-4·u: loss ~ 1e-8, gradient ~ 1e-4. */
    static SmoothFunctions lossNearZero() {
        double[] w = {1, 3, 0.5, 2, 1.25};
        double[] t = {0.3, -1.2, 2.5, 0.0, -0.7};
        DifferentiableFunction f = Fn.of(x -> {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s += w[i] * (x[i] - t[i]) * (x[i] - t[i]);
            }
            return s;
        }, x -> {
            double[] g = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                g[i] = 2 * w[i] * (x[i] - t[i]);
            }
            return g;
        });
        return new SmoothFunctions("loss ~ 1e-8 near a minimum", f, r -> {
            double[] x = new double[w.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = t[i] + 1e-4 * (2 * r.nextDouble() - 1);
            }
            return x;
        }, 1e-8);
    }

    /**
     * 1e8 + Σ (i+1)·sin(x_i): loss 1e8, gradient ~ 1. Rounding of f is ~1e-8, over h ~ 6e-6 that is ~ 1e-3 of the
     * gradient, so the fitted scale is only good to about that.
     */
    static SmoothFunctions lossNear1e8WithUnitGradient() {
        int n = 4;
        DifferentiableFunction f = Fn.of(x -> {
            double s = 1e8;
            for (int i = 0; i < n; i++) {
                s += (i + 1) * Math.sin(x[i]);
            }
            return s;
        }, x -> {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = (i + 1) * Math.cos(x[i]);
            }
            return g;
        });
        return new SmoothFunctions("loss ~ 1e8, gradient ~ 1", f, uniform(n, -3, 3), 5e-3);
    }

    /** 1e8·(1 + Σ x_i²/2 + x0·x1): loss ~ 1e8, gradient ~ 1e8. */
    static SmoothFunctions lossNear1e8WithLargeGradient() {
        int n = 3;
        DifferentiableFunction f = Fn.of(x -> 1e8 * (1 + (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) / 2 + x[0] * x[1]),
                x -> new double[] {1e8 * (x[0] + x[1]), 1e8 * (x[1] + x[0]), 1e8 * x[2]});
        return new SmoothFunctions("loss ~ 1e8, gradient ~ 1e8", f, uniform(n, -1, 1), 1e-8);
    }

    static Function<Random, double[]> uniform(int n, double lo, double hi) {
        return r -> {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = lo + (hi - lo) * r.nextDouble();
            }
            return x;
        };
    }
}
