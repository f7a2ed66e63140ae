package org.gradproof.check;

/**
 * Assertions for tests in any framework (JUnit, TestNG, plain {@code assert}): each checks a gradient and, when it is
 * wrong, throws an {@link AssertionError} whose message is the checker's full report — diagnosis, blocks, worst
 * entries, settings and seed.
 *
 * <pre>{@code
 * @Test void myBackpropIsRight() {
 *     GradientAssertions.assertGradientsCorrect(myNet.objective(batch));
 * }
 * }</pre>
 */
public final class GradientAssertions {

    private GradientAssertions() {
    }

    /** Asserts that {@code f.gradient(x)} is right at x (default options); returns the report. x is left intact. */
    public static GradientReport assertGradientsCorrect(DifferentiableFunction f, double[] x) {
        return passed(GradientCheck.check(f, x));
    }

    /** As {@link #assertGradientsCorrect(DifferentiableFunction, double[])} with options. */
    public static GradientReport assertGradientsCorrect(DifferentiableFunction f, double[] x, CheckOptions options) {
        return passed(GradientCheck.check(f, x, options));
    }

    /** Asserts that a model's gradient over its named blocks is right (default options); returns the report. */
    public static GradientReport assertGradientsCorrect(BlockFunction f) {
        return passed(GradientCheck.check(f));
    }

    /** As {@link #assertGradientsCorrect(BlockFunction)} with options. */
    public static GradientReport assertGradientsCorrect(BlockFunction f, CheckOptions options) {
        return passed(GradientCheck.check(f, options));
    }

    /**
     * Asserts that the check fails with {@code expected}: for tests that plant a bug on purpose and want it named.
     * Returns the report.
     */
    public static GradientReport assertDiagnosis(Diagnosis expected, BlockFunction f) {
        GradientReport report = GradientCheck.check(f);
        if (report.diagnosis() != expected) {
            throw new AssertionError("expected the checker to say " + expected + " but it said " + report.diagnosis()
                    + "\n" + report.summary());
        }
        return report;
    }

    private static GradientReport passed(GradientReport report) {
        if (!report.passed()) {
            throw new AssertionError(report.summary());
        }
        return report;
    }
}
