package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text of a report, line by line, rendered from reports assembled here (entries, blocks and finding given, no
 * measurement made): the headline for each verdict, the counts, the notes, the tables and the closing advice.
 */
class ReportTextTest {

    private static final CheckOptions OPTIONS = CheckOptions.builder().seed(77).build();

    static EntryResult entry(String label, double analytic, double numeric, EntryVerdict verdict) {
        return new EntryResult(label, 0, 0, 0.5, analytic, numeric, 1e-9, 1e-6, false, verdict, Double.NaN,
                Double.NaN, "", 0);
    }

    static EntryResult remeasured(String label, double analytic, double numeric, EntryVerdict verdict) {
        return new EntryResult(label, 0, 0, 0.5, analytic, numeric, 1e-9, 1e-6, true, verdict, Double.NaN,
                Double.NaN, "", 0);
    }

    static EntryResult kink(String label, double left, double right, double analytic) {
        return new EntryResult(label, 0, 0, 0, analytic, analytic, 1e-9, 1e-6, true, EntryVerdict.KINK, left, right,
                "one-sided derivatives " + left + " and " + right, 0);
    }

    static GradientReport report(Diagnosis diagnosis, List<EntryResult> entries, List<BlockStatistics> blocks,
                                 List<String> hints, CheckOptions options, double relativeTolerance) {
        return new GradientReport("three numbers", options, relativeTolerance, 0.123456789012345, 4321, blocks,
                entries, 0, false, new DiagnosisFinder.Finding(diagnosis, "the evidence, in words", List.of()), hints,
                List.of());
    }

    static GradientReport report(Diagnosis diagnosis, List<EntryResult> entries) {
        return report(diagnosis, entries, List.of(), List.of(), OPTIONS, OPTIONS.relativeTolerance());
    }

    private static List<String> lines(GradientReport r) {
        return r.summary().lines().toList();
    }

    private static String lineStarting(GradientReport r, String start) {
        return r.summary().lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting \"" + start + "\":\n" + r.summary()));
    }

    @Test
    void theHeadlineSaysPassedFailedInconclusiveOrNotChecked() {
        List<EntryResult> one = List.of(entry("x[0]", 1, 1, EntryVerdict.PASSED));
        assertEquals("gradproof gradient check: PASSED", lines(report(Diagnosis.CORRECT, one)).get(0));
        assertEquals("gradproof gradient check: FAILED — SCALED (the gradient is off by a constant factor)",
                lines(report(Diagnosis.SCALED, one)).get(0));
        assertEquals("gradproof gradient check: FAILED — TRANSPOSED (a square block's gradient is transposed)",
                lines(report(Diagnosis.TRANSPOSED, one)).get(0));
        assertEquals("gradproof gradient check: INCONCLUSIVE — the numbers cannot decide whether the gradient is "
                + "right", lines(report(Diagnosis.INCONCLUSIVE, one)).get(0));
        assertEquals("gradproof gradient check: NOT CHECKED — NON_DETERMINISTIC (the loss is not a function of the "
                + "parameters alone (it changed between identical calls))",
                lines(report(Diagnosis.NON_DETERMINISTIC, List.of())).get(0));
    }

    @Test
    void theHeaderLinesGiveWhatWasCheckedTheLossTheVerdictAndEachHint() {
        GradientReport r = report(Diagnosis.MISMATCH, List.of(entry("x[0]", 1, 2, EntryVerdict.MISMATCH)), List.of(),
                List.of("first question?", "second question?"), OPTIONS, OPTIONS.relativeTolerance());
        List<String> lines = lines(r);
        assertEquals("  checked:   three numbers", lines.get(1));
        assertEquals("  loss:      0.1234567890", lines.get(2));
        assertEquals("  verdict:   the evidence, in words", lines.get(3));
        assertEquals("  hint:      first question?", lines.get(4));
        assertEquals("  hint:      second question?", lines.get(5));
        assertTrue(lines.get(6).startsWith("  entries:"), r::summary);
    }

    @Test
    void theEntriesLineCountsEachVerdictTheReMeasuredEntriesAndTheEvaluations() {
        List<EntryResult> entries = List.of(
                remeasured("x[0]", 1, 2, EntryVerdict.MISMATCH), remeasured("x[1]", 1, 3, EntryVerdict.MISMATCH),
                remeasured("x[2]", Double.NaN, 3, EntryVerdict.NON_FINITE), kink("x[3]", 0, 1, 0.5),
                entry("x[4]", 1, 1, EntryVerdict.UNRESOLVED), entry("x[5]", 1, 1, EntryVerdict.UNRESOLVED),
                entry("x[6]", 1, 1, EntryVerdict.PASSED));
        assertEquals("  entries:   7 checked, 3 wrong, 1 at kinks, 2 unresolved; 4 re-measured; 4321 evaluations",
                lineStarting(report(Diagnosis.MISMATCH, entries), "  entries:"));
    }

    @Test
    void theFittedScaleIsPrintedToSixDecimalsOrNotAvailable() {
        GradientReport scaled = report(Diagnosis.SCALED, List.of(entry("x[0]", 2.5, 1, EntryVerdict.MISMATCH),
                entry("x[1]", -5, -2, EntryVerdict.MISMATCH)));
        assertEquals("  fitted k:  2.500000 (least squares, analytic ≈ k · numeric over all entries)",
                lineStarting(scaled, "  fitted k:"));
        GradientReport flat = report(Diagnosis.MISSING_GRADIENT, List.of(entry("x[0]", 1, 0, EntryVerdict.MISMATCH)));
        assertTrue(lineStarting(flat, "  fitted k:").startsWith("  fitted k:  n/a ("), flat::summary);
    }

    @Test
    void theSettingsLineIsTheOptionsOwnText() {
        CheckOptions options = CheckOptions.builder().seed(5).noiseFactor(16).maxEntriesPerBlock(3).build();
        GradientReport r = report(Diagnosis.CORRECT, List.of(entry("x[0]", 1, 1, EntryVerdict.PASSED)), List.of(),
                List.of(), options, options.relativeTolerance());
        assertEquals("  settings:  " + options, lineStarting(r, "  settings:"));
    }

    @Test
    void aRaisedToleranceIsNotedOnlyWhenItIsMoreThanOnePercentAboveTheSetting() {
        List<EntryResult> one = List.of(entry("x[0]", 1, 1, EntryVerdict.PASSED));
        double set = OPTIONS.relativeTolerance();
        for (double applied : new double[] {set, 1.01 * set}) {
            GradientReport r = report(Diagnosis.CORRECT, one, List.of(), List.of(), OPTIONS, applied);
            assertFalse(r.summary().contains("note:"), r::summary);
        }
        GradientReport raised = report(Diagnosis.CORRECT, one, List.of(), List.of(), OPTIONS, 3.25e-4);
        String note = lineStarting(raised, "  note:");
        assertTrue(note.startsWith("  note:      relative tolerance raised to 3.25e-04: the loss is computed through "
                + "cancellation"), note);
    }

    @Test
    void theBlockTableGivesEachBlocksCountsAndFitInAlignedColumns() {
        for (String name : List.of("b", "a.rather.long.block.name")) {
            BlockStatistics first = new BlockStatistics("dense.W", "3x4", 12, 2, 1, 3, 1.5e-3, 2, 4e-7, 0.75, 1, 1);
            BlockStatistics second = new BlockStatistics(name, "4", 4, 0, 0, 0, 0, Double.NaN, 0, Double.NaN, 0, 0);
            GradientReport r = report(Diagnosis.SCALED, List.of(entry("x[0]", 2, 1, EntryVerdict.MISMATCH)),
                    List.of(first, second), List.of(), OPTIONS, OPTIONS.relativeTolerance());
            String header = lineStarting(r, "  block ");
            String row = lineStarting(r, "  dense.W ");
            String other = lineStarting(r, "  " + name + " ");
            assertEquals(List.of("dense.W", "3x4", "12", "2", "1", "3", "1.50e-03", "2.000000", "4.0e-07", "0.750000"),
                    List.of(row.trim().split(" +")), row);
            assertEquals(List.of(name, "4", "4", "0", "0", "0", "0.00e+00", "n/a", "0.0e+00", "n/a"),
                    List.of(other.trim().split(" +")), other);
            // the shape column starts where its heading does, whatever the longest block name
            int shape = header.indexOf("shape");
            assertEquals(shape, row.indexOf("3x4"), r::summary);
            assertEquals(shape, other.indexOf(" 4 ") + 1, r::summary);
            assertEquals(2 + Math.max(8, name.length()) + 2, shape, "names narrower than 8 still get 8:\n" + header);
            assertEquals(row.length(), header.length(), r::summary);
        }
    }

    @Test
    void noBlockTableWithoutBlocks() {
        GradientReport r = report(Diagnosis.CORRECT, List.of(entry("x[0]", 1, 1, EntryVerdict.PASSED)));
        assertFalse(r.summary().contains("max rel err"), r::summary);
    }

    @Test
    void aFailedReportListsItsWorstEntriesWithBothValuesAndWhichWereReMeasured() {
        List<EntryResult> entries = List.of(entry("x[0]", 1, 1, EntryVerdict.PASSED),
                remeasured("x[1]", 2, 1, EntryVerdict.MISMATCH));
        GradientReport r = report(Diagnosis.SCALED, entries);
        List<String> lines = lines(r);
        int header = lines.indexOf(lineStarting(r, "  worst entries"));
        assertEquals("", lines.get(header - 1), "a blank line before the table:\n" + r.summary());
        assertEquals(List.of("x[1]", "2.000000000e+00", "1.000000000e+00", "1.000e+00", "1.000e-06", "MISMATCH",
                "(re-measured)"), List.of(lines.get(header + 1).trim().split(" +")), r::summary);
        assertEquals(List.of("x[0]", "1.000000000e+00", "1.000000000e+00", "0.000e+00", "1.000e-06", "PASSED"),
                List.of(lines.get(header + 2).trim().split(" +")), r::summary);
        // labels shorter than the heading: the values still end under their headings
        assertEquals(lines.get(header).indexOf("analytic") + "analytic".length(),
                lines.get(header + 1).indexOf("2.000000000e+00") + "2.000000000e+00".length(), r::summary);
        assertEquals(lines.get(header).indexOf("verdict"), lines.get(header + 1).indexOf("MISMATCH"), r::summary);
    }

    @Test
    void labelsLongerThanTheHeadingWidenTheLabelColumn() {
        GradientReport r = report(Diagnosis.MISMATCH, List.of(entry("output_layer.W[12,3]", 2, 1,
                EntryVerdict.MISMATCH), entry("x[0]", 1, 1, EntryVerdict.PASSED)));
        int verdict = lineStarting(r, "  worst entries").indexOf("verdict");
        assertEquals(verdict, lineStarting(r, "  output_layer.W[12,3] ").indexOf("MISMATCH"), r::summary);
        assertEquals(verdict, lineStarting(r, "  x[0] ").indexOf("PASSED"), r::summary);
    }

    @Test
    void aPassedReportCallsItsListTheClosestCalls() {
        GradientReport r = report(Diagnosis.CORRECT, List.of(entry("x[0]", 1, 1, EntryVerdict.PASSED)));
        String header = lineStarting(r, "  closest calls ");
        assertFalse(r.summary().contains("worst entries"), r::summary);
        assertEquals(header.indexOf("verdict"), lineStarting(r, "  x[0] ").indexOf("PASSED"), r::summary);
    }

    @Test
    void theEntryListIsAsLongAsTheOptionsSayAndAbsentAtZero() {
        List<EntryResult> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(entry("x[" + i + "]", 1, 1, EntryVerdict.PASSED));
        }
        CheckOptions three = CheckOptions.builder().worstEntriesShown(3).build();
        GradientReport r = report(Diagnosis.CORRECT, entries, List.of(), List.of(), three, 1e-6);
        assertEquals(3, r.summary().lines().filter(l -> l.startsWith("  x[")).count(), r::summary);
        CheckOptions none = CheckOptions.builder().worstEntriesShown(0).build();
        GradientReport quiet = report(Diagnosis.CORRECT, entries, List.of(), List.of(), none, 1e-6);
        assertFalse(quiet.summary().contains("closest calls"), quiet::summary);
        assertEquals(0, quiet.summary().lines().filter(l -> l.startsWith("  x[")).count(), quiet::summary);
        assertFalse(quiet.summary().contains("\n\n"), "no empty section:\n" + quiet.summary());
    }

    @Test
    void kinksAreWarningsWithBothOneSidedDerivativesAndTheClaim() {
        GradientReport one = report(Diagnosis.CORRECT, List.of(kink("relu[0]", 0, 1, 0.25)));
        assertTrue(one.summary().contains("\n  warnings: 1 entry sits at a kink (the loss is not differentiable there; "
                + "not a failure)\n    relu[0]: left derivative 0.00000, right 1.00000, analytic 0.250000\n"),
                one::summary);
        GradientReport two = report(Diagnosis.CORRECT, List.of(kink("relu[0]", 0, 1, 0.25), kink("relu[1]", -1, 0, 0)));
        assertTrue(two.summary().contains("  warnings: 2 entries sit at a kink"), two::summary);
        assertTrue(two.summary().contains("    relu[1]: left derivative -1.00000, right 0.00000, analytic 0.00000"),
                two::summary);
    }

    @Test
    void theKinkListIsCutAtTheNumberOfEntriesShown() {
        List<EntryResult> kinks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            kinks.add(kink("relu[" + i + "]", 0, 1, 0.5));
        }
        CheckOptions two = CheckOptions.builder().worstEntriesShown(2).build();
        GradientReport r = report(Diagnosis.CORRECT, kinks, List.of(), List.of(), two, 1e-6);
        assertTrue(r.summary().contains("warnings: 5 entries sit at a kink"), r::summary);
        assertEquals(2, r.summary().lines().filter(l -> l.contains(": left derivative")).count(), r::summary);
    }

    @Test
    void noKinkWarningWithoutKinks() {
        GradientReport r = report(Diagnosis.CORRECT, List.of(entry("x[0]", 1, 1, EntryVerdict.PASSED)));
        assertFalse(r.summary().contains("warnings:"), r::summary);
    }

    @Test
    void anInconclusiveReportIsNotAPassAndGivesTheSeedToReproduce() {
        GradientReport r = report(Diagnosis.INCONCLUSIVE, List.of(entry("x[0]", 1, 1, EntryVerdict.UNRESOLVED)));
        assertTrue(r.summary().endsWith("\n\n  Not a pass: the unresolved entries are listed above with what limited "
                + "them; to reproduce, keep seed 77.\n"), r::summary);
        assertFalse(r.summary().contains("loosen"), r::summary);
    }

    @Test
    void anInconclusiveReportWithEveryEntryAgreeingPointsToTheBlockScale() {
        GradientReport r = report(Diagnosis.INCONCLUSIVE, List.of(entry("x[0]", 1, 1, EntryVerdict.PASSED)));
        assertTrue(r.summary().endsWith("\n\n  Not a pass: every entry agrees, but a block's common scale is not "
                + "pinned (the verdict names it; its k ± in the table); to reproduce, keep seed 77.\n"), r::summary);
    }

    @Test
    void aNonDeterministicReportIsNotAPassBecauseTheLossIsNoFunction() {
        GradientReport r = report(Diagnosis.NON_DETERMINISTIC, List.of());
        assertTrue(r.summary().endsWith("\n\n  Not a pass: a gradient can only be checked against a loss that is a "
                + "function of its parameters.\n"), r::summary);
        assertFalse(r.summary().contains("loosen"), r::summary);
    }

    @Test
    void aFailedReportSaysWhichSettingsToLoosenWithTheirValuesAndTheSeed() {
        CheckOptions options = CheckOptions.builder().seed(31).relativeTolerance(2.5e-7).noiseFactor(16).build();
        GradientReport r = report(Diagnosis.MISMATCH, List.of(entry("x[0]", 1, 2, EntryVerdict.MISMATCH)), List.of(),
                List.of(), options, 2.5e-7);
        assertTrue(r.summary().endsWith("\n\n  If you are sure these entries are right and only rounding disagrees, "
                + "loosen relativeTolerance (now 2.5e-07) or noiseFactor (now 16) in CheckOptions "
                + "(--relative-tolerance, --noise-factor on the command line); to reproduce, keep seed 31.\n"),
                r::summary);
        assertFalse(r.summary().contains("Not a pass"), r::summary);
    }

    @Test
    void theAdviceWritesAFractionalNoiseFactorAsTheSettingsLineDoes() {
        CheckOptions options = CheckOptions.builder().noiseFactor(12.5).build();
        GradientReport r = report(Diagnosis.MISMATCH, List.of(entry("x[0]", 1, 2, EntryVerdict.MISMATCH)), List.of(),
                List.of(), options, options.relativeTolerance());
        assertTrue(r.summary().contains("noiseFactor 12.5,") && r.summary().contains("noiseFactor (now 12.5)"),
                r::summary);
    }

    @Test
    void everySectionReadsTheSameInEveryLocale() {
        // a report with every section: hints, a raised tolerance, blocks, worst entries, kinks and the advice
        BlockStatistics w = new BlockStatistics("w", "2x2", 4, 1, 1, 0, 0.125, 1.5, 2.5e-3, 0.875, 1, 1);
        LocaleReportTest.assertSameInEveryLocale(() -> report(Diagnosis.MISMATCH,
                List.of(remeasured("w[0,0]", 1.5, 1.25, EntryVerdict.MISMATCH), kink("w[0,1]", -0.5, 1.5, 0.75),
                        entry("w[1,0]", 1234.5, 1234.5, EntryVerdict.PASSED)), List.of(w), List.of("a question?"),
                CheckOptions.builder().noiseFactor(2.5).relativeTolerance(2.5e-7).seed(1234567).build(), 3.5e-3)
                .summary());
    }

    @Test
    void aPassedReportEndsWithoutAdvice() {
        GradientReport r = report(Diagnosis.CORRECT, List.of(entry("x[0]", 1, 1, EntryVerdict.PASSED)));
        assertFalse(r.summary().contains("loosen"), r::summary);
        assertFalse(r.summary().contains("Not a pass"), r::summary);
    }
}
