package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A loss computed in float whose every difference quotient is limited by its rounding (2.4e-7 on a loss of 3.18, so
 * a quotient at a step of 4e-4 is good to ±3e-4 and one at 2e-5 to ±0.006), with a kink 4e-4 from x beyond which the
 * slope turns by 0.03. The small steps are too noisy to resolve the slope −0.025, the wide ones see the kink, and
 * the least-squares fits (`LocalFit`) that do resolve it were judged only with the wide ladder, whose one-sided
 * estimates across the kink left the right claim unresolved ("a kink near x, not pinned to it"; a float32 ReLU net of
 * the sweep, seed 11 case 137, its claim −0.02497 known only to ±0.013). A kink only the wide steps see says nothing
 * about x, so the fits within the ordinary steps' reach are judged with those steps, as the ladder's own estimates
 * are.
 */
class FitsBesideAWideKinkTest {

    private static final double X0 = 0.0552429;

    private static DifferentiableFunction floatLossWithAKinkBeside(double claim) {
        return Fn.of(y -> (float) (3.1838 - 0.025 * (y[0] - X0) + 0.02 * (y[0] - X0) * (y[0] - X0)
                        + 0.03 * Math.max(0, y[0] - X0 - 4e-4) + y[1] * y[1]),
                y -> new double[] {claim, 2 * y[1]});
    }

    @Test
    void theRightSlopeIsResolvedByFitsWithinTheOrdinarySteps() {
        GradientReport report = GradientCheck.check(floatLossWithAKinkBeside(-0.025), new double[] {X0, 0.7});
        EntryResult entry = report.entry("x[0]").orElseThrow();
        assertEquals(EntryVerdict.PASSED, entry.verdict(), report::summary);
        assertTrue(entry.measurementError() < 0.25 * 0.025 / 4, report::summary);
        assertTrue(report.passed(), report::summary);
    }

    @Test
    void wrongSlopesAreNotPassed() {
        for (double wrong : new double[] {0.025, 0.005, 0, -0.05}) {
            GradientReport report = GradientCheck.check(floatLossWithAKinkBeside(wrong), new double[] {X0, 0.7});
            assertFalse(report.passed(), () -> "claim " + wrong + "\n" + report.summary());
        }
    }
}
