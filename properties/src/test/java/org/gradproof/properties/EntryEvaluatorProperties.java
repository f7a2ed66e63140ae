package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.EntryEvaluator;
import org.gradproof.check.ParameterBlock;
import org.gradproof.properties.sweep.Float32Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.gradproof.properties.LstmGenerators.lstmCases;
import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.gradproof.properties.NetworkGenerators.saturatedNetworkCases;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * The reference network's shortcut for the checker's inner loop (re-evaluating from its cached forward pass after one
 * weight changes) equals a full forward pass at the perturbed point, to rounding (the float32 network's, exactly), and
 * never touches the parameters.
 */
class EntryEvaluatorProperties {

    private static final double EPS = Math.ulp(1.0);

    @Test
    void oneChangedEntryGivesTheFullForwardValue() {
        qt().forAll(networkCases(), integers().between(0, Integer.MAX_VALUE - 1), doubles().between(-8, 1))
                .assuming((c, entry, logStep) -> c.finite())
                .checkAssert((c, entry, logStep) -> agrees(c, entry, Math.pow(10, logStep)));
    }

    @Test
    void saturatedNetworksToo() {
        qt().forAll(saturatedNetworkCases(), integers().between(0, Integer.MAX_VALUE - 1), doubles().between(-8, 1))
                .assuming((c, entry, logStep) -> c.finite())
                .checkAssert((c, entry, logStep) -> agrees(c, entry, Math.pow(10, logStep)));
    }

    /**
     * The float32 network of the sweeps and {@code Float32Properties} re-evaluates from its cached float activations
     * with the same float operations in the same order as its full forward pass: the same bits.
     */
    @Test
    void float32NetworksGiveTheSameBits() {
        qt().forAll(networkCases(), integers().between(0, Integer.MAX_VALUE - 1), doubles().between(-8, 1))
                .assuming((c, entry, logStep) -> c.finite())
                .checkAssert((c, entry, logStep) -> agrees(new Float32Network(c.network(), c.batch(), 1), c, entry,
                        Math.pow(10, logStep), 0));
    }

    /**
     * A stacked LSTM resumes its forward pass where the changed entry enters (a layer, a step, the head) with the same
     * operations as a full pass from the start: the same bits, for weights, inputs at every step and initial states.
     */
    @Test
    void lstmStacksResumeToTheSameBits() {
        qt().forAll(lstmCases(), integers().between(0, Integer.MAX_VALUE - 1), doubles().between(-8, 1))
                .checkAssert((c, entry, logStep) -> agrees(c.objective(), c, entry, Math.pow(10, logStep), 0));
    }

    private static void agrees(NetworkCase c, int entry, double step) {
        agrees(c.objective(), c, entry, step, 1e3);
    }

    /**
     * The shortcut and a full evaluation at entry (entry mod P) moved by ±step agree within ε·(|f| + S)·{@code ulps}.
     */
    private static void agrees(BlockFunction f, Object c, int entry, double step, double ulps) {
        EntryEvaluator shortcut = f.entryEvaluator().orElseThrow();
        List<ParameterBlock> blocks = f.blocks();
        int total = blocks.stream().mapToInt(ParameterBlock::size).sum();
        int k = entry % total;
        int b = 0;
        while (k >= blocks.get(b).size()) {
            k -= blocks.get(b).size();
            b++;
        }
        double[][] before = blocks.stream().map(p -> p.data().clone()).toArray(double[][]::new);
        double[] data = blocks.get(b).data();
        double saved = data[k];
        for (double trial : new double[] {saved + step, saved - step, saved}) {
            double fast = shortcut.valueWith(b, k, trial);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], blocks.get(i).data(), "the shortcut changed " + blocks.get(i).name());
            }
            data[k] = trial;
            double full;
            double scale;
            try {
                full = f.value();
                scale = f.noiseScale();
            } finally {
                data[k] = saved;
            }
            // as the checker does: a noise scale that is not finite (0 · ∞ in a saturated softmax) counts as none
            double bound = ulps * EPS * (Math.abs(full) + (Double.isFinite(scale) ? Math.abs(scale) : 0));
            final int block = b;
            final int index = k;
            assertTrue(Math.abs(fast - full) <= bound || (Double.isNaN(fast) && Double.isNaN(full))
                            || fast == full,
                    () -> c + ": " + blocks.get(block).label(index) + " = " + trial + ": shortcut " + fast
                            + ", full " + full + " (bound " + bound + ")");
        }
    }
}
