package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Central differences, one-sided differences and Ridders' extrapolation against closed-form derivatives. */
class FiniteDifferencesTest {

    /** A FiniteDifferences along the single entry of a one-variable function g, at x. */
    static FiniteDifferences along(DoubleUnaryOperator g, double x) {
        double[] data = {x};
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("t", data)), () -> g.applyAsDouble(data[0]),
                () -> new double[][] {{0}});
        return new FiniteDifferences(new Probe(f, f.blocks()), 0, 0, x);
    }

    /** g, x, g'(x), g'''(x). */
    static Stream<Arguments> functions() {
        return Stream.of(
                Arguments.of("exp at 1", (DoubleUnaryOperator) Math::exp, 1.0, Math.exp(1), Math.exp(1)),
                Arguments.of("sin at 0.3", (DoubleUnaryOperator) Math::sin, 0.3, Math.cos(0.3), -Math.cos(0.3)),
                Arguments.of("x^5 at 2", (DoubleUnaryOperator) t -> t * t * t * t * t, 2.0, 5 * 16.0, 60 * 4.0),
                Arguments.of("log at 3", (DoubleUnaryOperator) Math::log, 3.0, 1 / 3.0, 2 / 27.0),
                Arguments.of("atan at -0.7", (DoubleUnaryOperator) Math::atan, -0.7, 1 / 1.49,
                        (6 * 0.49 - 2) / (1.49 * 1.49 * 1.49)));
    }

    /**
     * Ridders' estimate is within 1e-10 relative, and its error estimate bounds the true error once rounding is
     * counted: the tableau's differences see truncation, not the ~ ε·|f|/step rounding of the central differences
     * feeding it (for x⁵ at 2 the estimate alone is 13× too small at a first step of 1e-3 and 19× at 0.1). The checker
     * adds that term itself (EXTRAPOLATION_GAIN · σ / step, σ ≥ noiseFactor · ε · |f|).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void riddersIsAccurateAndItsErrorEstimateIsHonestUpToRounding(String name, DoubleUnaryOperator g, double x,
                                                                  double exact, double third) {
        for (double initialStep : new double[] {1e-3, 1e-2, 0.1, 0.3}) {
            Ridders.Extrapolation e = along(g, x).ridders(initialStep);
            double error = Math.abs(e.estimate() - exact);
            double rounding = 4 * Math.ulp(1.0) * Math.abs(g.applyAsDouble(x)) / e.step();
            String context = name + ", initial step " + initialStep + ": " + e + ", exact " + exact + ", error "
                    + error;
            assertTrue(e.finite(), context);
            assertTrue(error <= 1e-10 * Math.abs(exact), context);
            assertTrue(error <= 10 * e.error() + rounding + 1e-14, "error estimate not honest: " + context);
            assertTrue(e.step() <= initialStep && e.step() > initialStep / Math.pow(1.4, CheckOptions.RIDDERS_LEVELS),
                    context);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void riddersBeatsTheBestCentralDifference(String name, DoubleUnaryOperator g, double x, double exact,
                                              double third) {
        FiniteDifferences fd = along(g, x);
        double central = Math.abs(fd.central(CheckOptions.STEP_FACTOR * Math.max(1, Math.abs(x))) - exact);
        double ridders = Math.abs(fd.ridders(0.1).estimate() - exact);
        assertTrue(ridders <= central, name + ": Ridders " + ridders + ", central " + central);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void centralDifferenceIsSecondOrder(String name, DoubleUnaryOperator g, double x, double exact, double third) {
        // error(h) = h²/6 · g'''(x) + O(h⁴); at h ~ 1e-2 truncation is ~1e-5, rounding ~1e-14
        FiniteDifferences fd = along(g, x);
        double h = 1e-2;
        double e1 = fd.central(h) - exact;
        double e2 = fd.central(h / 2) - exact;
        assertEquals(4, e1 / e2, 0.02, name);
        assertEquals(h * h / 6 * third, e1, 0.01 * Math.abs(h * h / 6 * third), name);
    }

    @Test
    void differencesDivideByTheStepReallyTaken() {
        // f(t) = t: every difference quotient is exactly 1 if it divides by (x + h) − (x − h), not by 2h
        double x = 1e6 + 0.1;
        FiniteDifferences fd = along(t -> t, x);
        for (double h : new double[] {1e-3, 6.05545445239334e-6 * x, 0.1234567, 3e-7}) {
            assertEquals(1.0, fd.central(h), 0.0, "central at h " + h);
        }
    }

    @Test
    void valueAtMovesOnlyDuringTheEvaluation() {
        double[] data = {0.25, 4};
        double[][] seen = new double[1][];
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("t", data)), () -> {
            seen[0] = data.clone();
            return data[0] * data[1];
        }, () -> new double[][] {{0, 0}});
        FiniteDifferences fd = new FiniteDifferences(new Probe(f, f.blocks()), 0, 1, data[1]);
        assertEquals(0.25 * 4.5, fd.valueAt(0.5), 0.0);
        assertEquals(4.5, seen[0][1]);
        assertEquals(0.25, seen[0][0]);
        assertEquals(4, data[1], 0.0, "restored after the evaluation");
    }

    @Test
    void riddersOfALinearFunctionIsExactWithZeroError() {
        Ridders.Extrapolation e = along(t -> 0.5 * t, 2).ridders(1e-3);
        assertEquals(0.5, e.estimate(), 0.0);
        assertEquals(0, e.error(), 0.0);
    }

    @Test
    void riddersOutsideTheDomainIsNotFinite() {
        // log at 1e-4 with a first step of 1e-3 steps below 0 on the first level
        Ridders.Extrapolation e = along(Math::log, 1e-4).ridders(1e-3);
        assertTrue(!e.finite(), e.toString());
    }
}
