package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A layer's nonlinearity, applied to a batch of pre-activations Z (rows are examples) and differentiated from Z.
 * Elementwise ones are {@link ElementwiseActivation}s; {@link Softmax} acts on whole rows.
 */
public interface Activation {

    /** The name used in descriptions, configuration and JSON, e.g. {@code sigmoid} or {@code leaky_relu(0.01)}. */
    String id();

    /** A = act(Z). Z is not modified. */
    DMatrixRMaj forward(DMatrixRMaj z);

    /**
     * dL/dZ from dL/dA, given the Z and A = act(Z) of the forward pass. None of the inputs is modified.
     */
    DMatrixRMaj backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj gradA);

    /**
     * The activation with this name: {@code identity, sigmoid, tanh, relu, softplus, erf_logistic, softmax}, or
     * {@code leaky_relu(α)} (plain {@code leaky_relu} means α = 0.01). Case-insensitive.
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    static Activation named(String name) {
        if (name == null) {
            throw new IllegalArgumentException("activation name must not be null");
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.equals(Softmax.INSTANCE.id())) {
            return Softmax.INSTANCE;
        }
        if (key.equals("leaky_relu")) {
            return new LeakyRelu(LeakyRelu.DEFAULT_SLOPE);
        }
        if (key.startsWith("leaky_relu(") && key.endsWith(")")) {
            String slope = key.substring("leaky_relu(".length(), key.length() - 1);
            try {
                return new LeakyRelu(Double.parseDouble(slope));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("activation '" + name + "': slope '" + slope + "' is not a number");
            }
        }
        for (StandardActivation a : StandardActivation.values()) {
            if (a.id().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; known: " + knownNames());
    }

    /** The names {@link #named(String)} accepts. */
    static String knownNames() {
        return Stream.concat(Arrays.stream(StandardActivation.values()).map(StandardActivation::id),
                Stream.of(Softmax.INSTANCE.id(), "leaky_relu(α)")).collect(Collectors.joining(", "));
    }
}
