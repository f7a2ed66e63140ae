package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an inconclusive report says: how many entries and blocks are undecided, which (with what limited each), and
 * what to do about it — the advice chosen by what limited the entries.
 */
class InconclusiveTextTest {

    private static final CheckOptions OPTIONS = CheckOptions.defaults();
    private static final double TOLERANCE = OPTIONS.relativeTolerance();

    /** A block scale pinned down far below the default resolution of 1 %. */
    private static final BlockScale PINNED = new BlockScale(1, 1e-9, false, false, null);
    /** A block scale known to ±3 %, which cannot exclude a 1 % error. */
    private static final BlockScale VAGUE = new BlockScale(1, 0.03, false, false, null);

    private static final String NOISE_ADVICE = "the loss is too noisy for its derivative at this point — compute it "
            + "in double precision and without cancellation (log-sum-exp with the max subtracted, log1p, a fused "
            + "sigmoid + cross-entropy), switch off anything random, or check at a point where the gradient is larger";
    private static final String KINK_ADVICE = "an entry sits at or within a step of a kink (a ReLU pre-activation, a "
            + "max, an abs at 0) — check at other weights or another batch";
    private static final String CONFLICT_ADVICE = "measurements at different steps disagree (kinks close to the "
            + "point, or noise the checker cannot model) — check at other weights or another batch";

    private static EntryResult unresolved(String label, String note) {
        return new EntryResult(label, 0, 0, 0.5, 1, 1, 2, 3, true, EntryVerdict.UNRESOLVED, Double.NaN, Double.NaN,
                note, 0);
    }

    private static EntryResult passed(String label) {
        return new EntryResult(label, 0, 0, 0.5, 1, 1, 1e-9, 1e-6, false, EntryVerdict.PASSED, Double.NaN, Double.NaN,
                "", 0);
    }

    private static List<ParameterBlock> blocks(String... names) {
        return java.util.Arrays.stream(names).map(n -> ParameterBlock.vector(n, new double[2])).toList();
    }

    private static String explain(List<EntryResult> entries, BlockScale scale) {
        return InconclusiveText.explain(blocks("w"), List.of(entries), List.of(scale), OPTIONS, TOLERANCE);
    }

    @Test
    void nothingUndecidedAddsNoNote() {
        assertEquals("", InconclusiveText.note(List.of(List.of(passed("w[0]"))), List.of(PINNED), OPTIONS, TOLERANCE));
    }

    @Test
    void theNoteCountsUnresolvedEntriesAndVagueBlocksInTheirNumber() {
        assertEquals("Besides, 1 entry is unresolved.", InconclusiveText.note(List.of(List.of(
                unresolved("w[0]", "x"), passed("w[1]"))), List.of(PINNED), OPTIONS, TOLERANCE));
        assertEquals("Besides, 2 entries are unresolved.", InconclusiveText.note(List.of(List.of(
                unresolved("w[0]", "x")), List.of(unresolved("v[0]", "x"))), List.of(PINNED, PINNED), OPTIONS,
                TOLERANCE));
        assertEquals("Besides, 1 block's scale is not pinned down.", InconclusiveText.note(List.of(
                List.of(passed("w[0]")), List.of(passed("v[0]"))), List.of(VAGUE, PINNED), OPTIONS, TOLERANCE));
        assertEquals("Besides, 1 entry is unresolved and 2 blocks' scales are not pinned down.",
                InconclusiveText.note(List.of(List.of(unresolved("w[0]", "x")), List.of(passed("v[0]"))),
                        List.of(VAGUE, VAGUE), OPTIONS, TOLERANCE));
    }

    @Test
    void aBlockThatIsNegligibleOrExemptNeedsNoPinnedScale() {
        BlockScale negligible = new BlockScale(1, 0.03, true, false, null);
        BlockScale exempt = new BlockScale(1, 0.03, false, true, null);
        assertEquals("", InconclusiveText.note(List.of(List.of(), List.of()), List.of(negligible, exempt), OPTIONS,
                TOLERANCE));
    }

    @Test
    void oneUnresolvedEntryIsNamedWithWhatLimitedIt() {
        String text = explain(List.of(passed("w[0]"), unresolved("w[1]", "the derivative is known only to ±3.0e-02")),
                PINNED);
        assertEquals("no entry is wrong that the numbers can show, but they cannot prove the gradient right: 1 entry "
                + "is unresolved (its numerical derivative is too uncertain to tell the claim from 0, its negative or "
                + "its double); w[1]: the derivative is known only to ±3.0e-02. To resolve: " + NOISE_ADVICE + ".",
                text);
    }

    @Test
    void atMostThreeUnresolvedEntriesAreNamedButAllAreCounted() {
        List<EntryResult> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(unresolved("w[" + i + "]", "reason " + i));
        }
        String text = explain(entries, PINNED);
        assertTrue(text.contains(": 4 entries are unresolved ("), text);
        assertTrue(text.contains("; w[0]: reason 0; w[1]: reason 1; w[2]: reason 2."), text);
        assertFalse(text.contains("w[3]"), text);
    }

    @Test
    void aVagueScaleNamesTheBlockWithItsBarAndTheResolutionItCannotExclude() {
        String text = InconclusiveText.explain(blocks("w", "v"), List.of(List.of(passed("w[0]")),
                List.of(passed("v[0]"))), List.of(PINNED, VAGUE), OPTIONS, TOLERANCE);
        assertEquals("no entry is wrong that the numbers can show, but they cannot prove the gradient right: The "
                + "common scale of v (±0.030) is known only to the relative error given (the entries' bars), which "
                + "cannot exclude a factor of 1 ± 0.010 on the whole block. To resolve: " + NOISE_ADVICE + ".", text);
    }

    @Test
    void aRaisedToleranceIsCountedInTheBarAndNamedAsALimit() {
        // a relative tolerance of 0.01 (raised for a cancelling loss) adds to the ±0.03 of the entries: ±0.04
        String text = InconclusiveText.explain(blocks("w"), List.of(List.of(passed("w[0]"))), List.of(VAGUE),
                OPTIONS, 0.01);
        assertTrue(text.contains("The common scale of w (±0.040) is known only to the relative error given (the "
                + "entries' bars and the relative tolerance of 0.010 that the loss's cancellation allows its "
                + "gradient), which cannot exclude a factor of 1 ± 0.010 on the whole block."), text);
    }

    @Test
    void theAdviceFollowsWhatLimitedTheEntries() {
        assertTrue(explain(List.of(unresolved("w[0]", "the loss's noise (1.0e-05 per evaluation along this entry) "
                + "hides it")), PINNED).endsWith(" To resolve: " + NOISE_ADVICE + "."));
        assertTrue(explain(List.of(unresolved("w[0]", "a kink whose one-sided derivatives are too uncertain to "
                + "judge")), PINNED).endsWith(" To resolve: " + KINK_ADVICE + "."));
        assertTrue(explain(List.of(unresolved("w[0]", "measurements disagree: 1 ± 2 at step 3")), PINNED)
                .endsWith(" To resolve: " + CONFLICT_ADVICE + "."));
        assertTrue(explain(List.of(unresolved("w[0]", "no step size gives a consistent derivative")), PINNED)
                .endsWith(" To resolve: " + CONFLICT_ADVICE + "."));
        assertTrue(explain(List.of(unresolved("w[0]", "too small to say")), PINNED)
                .endsWith(" To resolve: check at other weights or another batch."));
    }

    @Test
    void severalLimitsGiveEachAdviceOnceInOrder() {
        String text = explain(List.of(unresolved("w[0]", "a kink: left 0, right 1"),
                unresolved("w[1]", "measurements disagree"), unresolved("w[2]", "the derivative is known only to ±1"),
                unresolved("w[3]", "measurements disagree again")), PINNED);
        assertTrue(text.endsWith(" To resolve: " + NOISE_ADVICE + "; " + KINK_ADVICE + "; " + CONFLICT_ADVICE + "."),
                text);
    }
}
