package org.gradproof.check;

import static org.gradproof.check.ReportTextTest.entry;
import static org.gradproof.check.ReportTextTest.kink;
import static org.gradproof.check.ReportTextTest.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's views of its entries, from reports assembled here: what fails, what is undecided, what to show first. */
class GradientReportTest {

    /** An unresolved entry whose |a − n| is 1e-3 of its tolerance. */
    private static final EntryResult UNDECIDED = new EntryResult("u[0]", 0, 0, 0.5, 1, 1.001, 0.5, 1, true,
            EntryVerdict.UNRESOLVED, Double.NaN, Double.NaN, "the derivative is known only to ±0.5", 0);

    @Test
    void unresolvedEntriesComeAfterFailuresAndBeforePassesWhateverTheirErrorRatio() {
        // the pass is off by 0.9 of its tolerance, the unresolved entry by 1e-3 of its own: it still ranks higher
        EntryResult close = new EntryResult("p[0]", 0, 0, 0.5, 1, 1 + 0.9e-6, 1e-9, 1e-6, false, EntryVerdict.PASSED,
                Double.NaN, Double.NaN, "", 0);
        EntryResult wrong = entry("w[0]", 2, 1, EntryVerdict.MISMATCH);
        GradientReport r = report(Diagnosis.MISMATCH, List.of(close, UNDECIDED, wrong));
        assertEquals(List.of("w[0]", "u[0]", "p[0]"), r.worstEntries(3).stream().map(EntryResult::label).toList());
        assertEquals(List.of("w[0]", "u[0]"), r.worstEntries(2).stream().map(EntryResult::label).toList());
        assertEquals(List.of(), r.worstEntries(0));
        assertEquals(List.of(), r.worstEntries(-1));
    }

    @Test
    void theEntriesAreSortedIntoFailuresKinksAndUnresolved() {
        EntryResult wrong = entry("w[0]", 2, 1, EntryVerdict.MISMATCH);
        EntryResult nan = entry("w[1]", Double.NaN, 1, EntryVerdict.NON_FINITE);
        EntryResult atKink = kink("r[0]", 0, 1, 0.5);
        EntryResult right = entry("p[0]", 1, 1, EntryVerdict.PASSED);
        GradientReport r = report(Diagnosis.MISMATCH, List.of(right, wrong, atKink, UNDECIDED, nan));
        assertEquals(List.of(wrong, nan), r.failures());
        assertEquals(List.of(atKink), r.kinks());
        assertEquals(List.of(UNDECIDED), r.unresolved());
        assertEquals(List.of(right, wrong, atKink, UNDECIDED, nan), r.entries());
    }

    @Test
    void entriesAndBlocksAreFoundByName() {
        BlockStatistics w = new BlockStatistics("w", "1", 1, 1, 0, 0, 1, 2, 0, 1, 2, 1);
        GradientReport r = report(Diagnosis.SCALED, List.of(entry("w[0]", 2, 1, EntryVerdict.MISMATCH)), List.of(w),
                List.of("a hint"), CheckOptions.defaults(), 1e-6);
        assertEquals(w, r.block("w").orElseThrow());
        assertEquals(true, r.block("v").isEmpty());
        assertEquals(2, r.entry("w[0]").orElseThrow().analytic());
        assertEquals(true, r.entry("w[1]").isEmpty());
        assertEquals(List.of("a hint"), r.hints());
    }
}
