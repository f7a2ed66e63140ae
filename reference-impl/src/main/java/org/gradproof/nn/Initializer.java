package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;

/** Fills a parameter matrix from a seeded random source, given the layer's fan-in and fan-out. */
public interface Initializer {

    /** Overwrites every entry of {@code values}. */
    void fill(DMatrixRMaj values, int fanIn, int fanOut, SplittableRandom random);

    /** A short description, e.g. {@code uniform(±0.5)}. */
    String id();

    /** U(−a, a). */
    static Initializer uniform(double a) {
        requirePositive("uniform range", a);
        return of("uniform(±" + a + ")", (v, in, out, r) -> fill(v, () -> r.nextDouble(-a, a)));
    }

    /** U(0, a): all positive, like numpy's {@code np.random.rand(...) * a}. */
    static Initializer positiveUniform(double a) {
        requirePositive("positive uniform range", a);
        return of("uniform[0, " + a + ")", (v, in, out, r) -> fill(v, () -> r.nextDouble(0, a)));
    }

    /** Glorot (Xavier) uniform: U(−g, g) with g = gain · √(6 / (fanIn + fanOut)). Keras' default has gain 1. */
    static Initializer glorotUniform(double gain) {
        requirePositive("glorot gain", gain);
        return of(gain == 1 ? "glorot" : "glorot(×" + gain + ")", (v, in, out, r) -> {
            double g = gain * Math.sqrt(6.0 / (in + out));
            fill(v, () -> r.nextDouble(-g, g));
        });
    }

    /** He (Kaiming) normal: N(0, 2 / fanIn). */
    static Initializer heNormal() {
        return of("he", (v, in, out, r) -> {
            double sd = Math.sqrt(2.0 / in);
            fill(v, () -> sd * r.nextGaussian());
        });
    }

    /** All zeros (the usual bias initialisation). */
    static Initializer zeros() {
        return of("zeros", (v, in, out, r) -> fill(v, () -> 0.0));
    }

    /** All equal to {@code c}. */
    static Initializer constant(double c) {
        return of("constant(" + c + ")", (v, in, out, r) -> fill(v, () -> c));
    }

    private static Initializer of(String id, Filler filler) {
        return new Initializer() {
            @Override
            public void fill(DMatrixRMaj values, int fanIn, int fanOut, SplittableRandom random) {
                filler.fill(values, fanIn, fanOut, random);
            }

            @Override
            public String id() {
                return id;
            }

            @Override
            public String toString() {
                return id;
            }
        };
    }

    private static void fill(DMatrixRMaj values, java.util.function.DoubleSupplier next) {
        for (int i = 0; i < values.getNumElements(); i++) {
            values.data[i] = next.getAsDouble();
        }
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
    }

    /** The lambda shape behind the factories. */
    @FunctionalInterface
    interface Filler {
        void fill(DMatrixRMaj values, int fanIn, int fanOut, SplittableRandom random);
    }
}
