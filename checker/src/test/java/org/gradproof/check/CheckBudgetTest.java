package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets, interrupts and progress: a check that stops early says so and never passes; one that runs says how far. */
class CheckBudgetTest {

    private static final int N = 40;

    /** Σ (i + 1)·sin(x_i) + x_i², with its exact gradient. */
    private static final DifferentiableFunction SMOOTH = Fn.of(x -> {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (i + 1) * Math.sin(x[i]) + x[i] * x[i];
        }
        return s;
    }, x -> {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = (i + 1) * Math.cos(x[i]) + 2 * x[i];
        }
        return g;
    });

    private static double[] point() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 0.3 + 0.05 * i;
        }
        return x;
    }

    @Test
    void anEvaluationBudgetStopsTheCheckAndTheVerdictIsInconclusive() {
        // a right entry of a smooth f passes its screening in four evaluations: twenty fewer leave entries unreached
        long budget = GradientCheck.check(SMOOTH, point()).evaluations() - 20;
        double[] x = point();
        GradientReport r = GradientCheck.check(SMOOTH, x, CheckOptions.builder().maxEvaluations(budget).build());
        assertEquals(Diagnosis.INCONCLUSIVE, r.diagnosis(), r::summary);
        assertTrue(r.entriesNotChecked() > 0 && r.entries().size() < N, r::summary);
        assertEquals(N, r.entries().size() + r.entriesNotChecked(), r::summary);
        assertTrue(r.explanation().contains("stopped at its budget of " + budget + " evaluations after "
                + r.entries().size() + " of " + N + " entries"), r::summary);
        assertTrue(r.summary().contains("not reached: the check stopped early"), r::summary);
        assertTrue(r.summary().contains("at most " + budget + " evaluations"), "the settings line names the budget");
        assertArrayEquals(point(), x, "parameters restored");
    }

    @Test
    void aFailureFoundBeforeTheBudgetRunsOutStands() {
        DifferentiableFunction flipped = Fn.scaled(SMOOTH, -1);
        // what checking the right gradient costs: each wrong entry is re-measured, so this runs out early
        long budget = GradientCheck.check(SMOOTH, point()).evaluations();
        GradientReport r = GradientCheck.check(flipped, point(), CheckOptions.builder().maxEvaluations(budget).build());
        assertEquals(Diagnosis.SIGN_FLIP, r.diagnosis(), r::summary);
        assertTrue(r.entriesNotChecked() > 0, r::summary);
        assertTrue(r.explanation().contains("The check stopped at its budget"), r::summary);
    }

    @Test
    void aTimeBudgetStopsTheCheckBetweenEntries() {
        // any work at all takes longer than a nanosecond: the budget is spent before the first entry
        GradientReport r = GradientCheck.check(SMOOTH, point(),
                CheckOptions.builder().maxDuration(Duration.ofNanos(1)).build());
        assertEquals(Diagnosis.INCONCLUSIVE, r.diagnosis(), r::summary);
        assertEquals(0, r.entries().size());
        assertEquals(N, r.entriesNotChecked());
        assertTrue(r.explanation().contains("its time budget of"), r::summary);
    }

    @Test
    void anInterruptStopsTheCheckRestoresTheParametersAndStaysSet() {
        double[] x = point();
        CheckOptions interruptAfterFive = CheckOptions.builder().progress(p -> {
            if (p.entriesChecked() == 5) {
                Thread.currentThread().interrupt();
            }
        }).build();
        GradientReport r;
        try {
            r = GradientCheck.check(SMOOTH, x, interruptAfterFive);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for the caller");
        } finally {
            Thread.interrupted();
        }
        GradientReport report = r;
        assertEquals(Diagnosis.INCONCLUSIVE, report.diagnosis(), report::summary);
        assertEquals(5, report.entries().size());
        assertTrue(report.explanation().contains("an interrupt of its thread after 5 of 40 entries"), report::summary);
        assertArrayEquals(point(), x, "parameters restored");
    }

    @Test
    void progressIsReportedAfterEveryEntry() {
        List<CheckProgress> seen = new ArrayList<>();
        GradientReport r = GradientCheck.check(SMOOTH, point(), CheckOptions.builder().progress(seen::add).build());
        assertTrue(r.passed(), r::summary);
        assertEquals(0, r.entriesNotChecked());
        assertEquals(N, seen.size());
        for (int i = 0; i < N; i++) {
            CheckProgress p = seen.get(i);
            assertEquals(i + 1, p.entriesChecked());
            assertEquals(N, p.entriesTotal());
            assertTrue(i == 0 || p.evaluations() >= seen.get(i - 1).evaluations());
            assertTrue(p.evaluations() <= r.evaluations());
        }
        assertEquals(Duration.ZERO, seen.get(N - 1).estimatedRemaining().orElseThrow());
    }

    @Test
    void theEstimateOfTheTimeLeftIsTheAverageEntrysTimesTheEntriesLeft() {
        CheckProgress quarter = new CheckProgress(10, 40, 123, Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(6), quarter.estimatedRemaining().orElseThrow());
        assertFalse(new CheckProgress(0, 40, 5, Duration.ofMillis(3)).estimatedRemaining().isPresent());
        assertThrows(IllegalArgumentException.class, () -> new CheckProgress(41, 40, 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new CheckProgress(-1, 40, 0, Duration.ZERO));
    }

    @Test
    void budgetsAreValidatedAndPrintedOnlyWhenSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckOptions.builder().maxEvaluations(0));
        assertTrue(e.getMessage().contains("maxEvaluations must be at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckOptions.builder().maxDuration(Duration.ZERO));
        assertTrue(e.getMessage().contains("maxDuration must be positive"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CheckOptions.builder().maxDuration(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> CheckOptions.builder().maxDuration(null));
        e = assertThrows(IllegalArgumentException.class, () -> CheckOptions.builder().progress(null));
        assertTrue(e.getMessage().contains("progress"), e.getMessage());

        assertFalse(CheckOptions.defaults().toString().contains("at most"), CheckOptions.defaults().toString());
        CheckOptions budget = CheckOptions.builder().maxEvaluations(5000).maxDuration(Duration.ofSeconds(90)).build();
        assertTrue(budget.toString().endsWith("seed 0, at most 5000 evaluations, at most 1 min 30 s"),
                budget.toString());
        assertEquals(budget.toString(), budget.toBuilder().build().toString(), "toBuilder keeps the budget");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals("250 ms", CheckProgress.describe(Duration.ofMillis(250)));
        assertEquals("1 ms", CheckProgress.describe(Duration.ofNanos(1)));
        assertEquals("2 s", CheckProgress.describe(Duration.ofSeconds(2)));
        assertEquals("1.5 s", CheckProgress.describe(Duration.ofMillis(1500)));
        assertEquals("3 min 20 s", CheckProgress.describe(Duration.ofSeconds(200)));
        assertEquals("2 min", CheckProgress.describe(Duration.ofMinutes(2)));
    }
}
