package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A block's common scale: systematic parts of the entries' error bars add up in the worst case, noise parts in
 * quadrature, and entries measured to the same bits share one noise.
 */
class BlockScaleTest {

    private static final int ENTRIES = 32;
    private static final double RELATIVE_BAR = 0.02;

    /** ENTRIES passed entries a = n of size about 1, each with a bar of RELATIVE_BAR·|n| of which {@code noise} is noise. */
    private static List<EntryResult> block(double noiseShare, boolean sameValues, double claimScale) {
        List<EntryResult> entries = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            double n = sameValues ? 0.5 : 0.5 + i / (double) ENTRIES;
            double e = RELATIVE_BAR * n;
            entries.add(new EntryResult("w[" + i + "]", 0, i, 0, claimScale * n, n, e, e + 1e-6 * n, true,
                    EntryVerdict.PASSED, Double.NaN, Double.NaN, "", noiseShare * e));
        }
        return entries;
    }

    @Test
    void noiseThatVariesFromEntryToEntryAveragesOut() {
        BlockScale scale = BlockScale.of(block(1, false, 1), 0, 0);
        assertEquals(RELATIVE_BAR / Math.sqrt(ENTRIES), scale.uncertainty(), 1e-15);
        assertTrue(scale.resolves(0.01, 1e-6), () -> "u = " + scale.uncertainty());
        BlockScale scaled = BlockScale.of(block(1, false, 1.01), 0, 0);
        assertTrue(scaled.excludesOne(1e-6), () -> "k = " + scaled.k() + " ± " + scaled.uncertainty());
    }

    @Test
    void systematicErrorsAddUpInTheWorstCase() {
        BlockScale scale = BlockScale.of(block(0, false, 1), 0, 0);
        assertEquals(RELATIVE_BAR, scale.uncertainty(), 1e-15);
        assertFalse(scale.resolves(0.01, 1e-6));
        BlockScale half = BlockScale.of(block(0.5, false, 1), 0, 0);
        assertEquals(RELATIVE_BAR / 2 + RELATIVE_BAR / 2 / Math.sqrt(ENTRIES), half.uncertainty(), 1e-15);
    }

    /** An input column repeated, or a bias beside the weight of a constant input: the same bits, the same noise. */
    @Test
    void entriesMeasuredToTheSameBitsShareOneNoise() {
        BlockScale scale = BlockScale.of(block(1, true, 1), 0, 0);
        assertEquals(RELATIVE_BAR, scale.uncertainty(), 1e-15);
        assertFalse(scale.resolves(0.01, 1e-6));
    }
}
