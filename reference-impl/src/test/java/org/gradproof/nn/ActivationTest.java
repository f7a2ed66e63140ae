package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every elementwise activation: value, derivative from z, saturation, naming. */
class ActivationTest {

    static List<ElementwiseActivation> all() {
        List<ElementwiseActivation> list = new ArrayList<>(List.of(StandardActivation.values()));
        list.add(new LeakyRelu(0.1));
        return list;
    }

    @ParameterizedTest
    @MethodSource("all")
    void derivativeMatchesACentralDifferenceAwayFromKinks(ElementwiseActivation a) {
        for (double z = -4.3; z <= 4.3; z += 0.37) {
            double h = 1e-5;
            double numeric = (a.value(z + h) - a.value(z - h)) / (2 * h);
            assertEquals(numeric, a.derivative(z), 1e-8 * Math.max(1, Math.abs(numeric)), a.id() + " at " + z);
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void nothingOverflowsAtPlusOrMinusAThousand(ElementwiseActivation a) {
        for (double z : new double[] {-1000, 1000, -1e300, 1e300}) {
            assertTrue(Double.isFinite(a.value(z)), a.id() + " value at " + z);
            assertTrue(Double.isFinite(a.derivative(z)), a.id() + " derivative at " + z);
        }
    }

    @Test
    void closedFormsAndLimits() {
        assertEquals(1 / (1 + Math.exp(-0.7)), StandardActivation.SIGMOID.value(0.7), 1e-16);
        assertEquals(0, StandardActivation.SIGMOID.value(-1000));
        assertEquals(1, StandardActivation.SIGMOID.value(1000));
        assertEquals(0, StandardActivation.SIGMOID.derivative(1000));
        assertEquals(Math.exp(-40), StandardActivation.SIGMOID.value(-40), 1e-16 * Math.exp(-40) * 4);
        double c = Math.cosh(0.3);
        assertEquals(1 / (c * c), StandardActivation.TANH.derivative(0.3), 1e-15);
        assertEquals(1000, StandardActivation.SOFTPLUS.value(1000));
        assertTrue(StandardActivation.SOFTPLUS.value(-1000) >= 0);
        assertEquals(Math.log1p(Math.exp(0.5)), StandardActivation.SOFTPLUS.value(0.5), 1e-15);
        assertEquals(Math.exp(-0.25) / Math.sqrt(Math.PI), StandardActivation.ERF_LOGISTIC.derivative(0.5), 1e-16);
        // The erf tail is kept: ½(1 + erf(−6)) is about 1e-17, not 0.
        double tail = StandardActivation.ERF_LOGISTIC.value(-6);
        assertTrue(tail > 0 && tail < 1e-16, "½ erfc(6) = " + tail);
    }

    @Test
    void reluAndLeakyReluAtTheKinkFollowPyTorch() {
        assertEquals(0, StandardActivation.RELU.derivative(0));
        assertEquals(1, StandardActivation.RELU.derivative(1e-300));
        assertEquals(0.1, new LeakyRelu(0.1).derivative(0));
        assertEquals(-0.2, new LeakyRelu(0.1).value(-2), 1e-16);
    }

    @Test
    void namesParseCaseInsensitively() {
        assertSame(StandardActivation.SIGMOID, Activation.named("Sigmoid"));
        assertSame(StandardActivation.ERF_LOGISTIC, Activation.named(" erf_logistic "));
        assertSame(Softmax.INSTANCE, Activation.named("SOFTMAX"));
        assertEquals(new LeakyRelu(0.2), Activation.named("leaky_relu(0.2)"));
        assertEquals(new LeakyRelu(LeakyRelu.DEFAULT_SLOPE), Activation.named("leaky_relu"));
        for (ElementwiseActivation a : all()) {
            assertEquals(a, Activation.named(a.id()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmod", "gelu", ""})
    void anUnknownNameIsRejectedWithTheKnownOnes(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.named(name));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("sigmoid") && e.getMessage().contains("leaky_relu"), e.getMessage());
    }

    @Test
    void badLeakySlopesAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(1.5)).getMessage()
                .contains("1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Activation.named("leaky_relu(x)"))
                .getMessage().contains("'x' is not a number"));
    }

    @Test
    void elementwiseBackwardIsUpstreamTimesDerivative() {
        DMatrixRMaj z = new DMatrixRMaj(2, 2, true, -1, 0.5, 2, -3);
        DMatrixRMaj up = new DMatrixRMaj(2, 2, true, 0.3, -2, 1, 4);
        DMatrixRMaj dz = StandardActivation.TANH.backward(z, StandardActivation.TANH.forward(z), up);
        for (int i = 0; i < 4; i++) {
            assertEquals(up.data[i] * (1 - Math.pow(Math.tanh(z.data[i]), 2)), dz.data[i], 1e-15);
        }
    }

    @Test
    void tanhDerivativeKeepsItsDigitsInTheTails() {
        // 1 − tanh²z is exactly 0 from |z| ≈ 19 on; the true value 4e^{−2|z|}(1 + …) is still a normal number
        for (double z : new double[] {20, -25, 300}) {
            double expected = 4 * Math.exp(-2 * Math.abs(z));
            assertEquals(expected, StandardActivation.TANH.derivative(z), 1e-14 * expected, "z = " + z);
        }
        assertEquals(0.0, StandardActivation.TANH.derivative(1000));
    }
}
