package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** {@link NoiseProbe}: which entries the noise is measured along, and which of their bounds counts. */
class NoiseProbeTest {

    private static List<ParameterBlock> blocks(double[]... data) {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (int b = 0; b < data.length; b++) {
            blocks.add(ParameterBlock.vector("b" + b, data[b]));
        }
        return blocks;
    }

    /** A constant loss that writes down every entry found away from its original value while it is evaluated. */
    private static double probe(List<ParameterBlock> blocks, double[][] claims, Set<String> moved) {
        List<double[]> originals = blocks.stream().map(b -> b.data().clone()).toList();
        DoubleSupplier value = () -> {
            for (int b = 0; b < blocks.size(); b++) {
                for (int k = 0; k < originals.get(b).length; k++) {
                    if (blocks.get(b).data()[k] != originals.get(b)[k]) {
                        moved.add(blocks.get(b).label(k));
                    }
                }
            }
            return 1;
        };
        BlockFunction f = new Blocks(blocks, value, () -> claims);
        return NoiseProbe.measure(new Probe(f, blocks), blocks, claims, 1);
    }

    /**
     * Per block the entry with the largest finite |claim| (the first of equal ones); of the blocks, the three whose
     * largest claims are largest. A block of non-finite claims only is never probed; one of zeros is.
     */
    @Test
    void theLargestClaimOfEachOfTheThreeLargestBlocksIsProbed() {
        List<ParameterBlock> blocks = blocks(new double[] {0.1, 0.2, 0.3}, new double[] {0.1, 0.2},
                new double[] {0.1, 0.2}, new double[] {0.1, 0.2}, new double[] {0.1});
        double[][] claims = {{1, 5, -5}, {Double.NaN, 2}, {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
                {3, 4}, {0.5}};
        Set<String> moved = new LinkedHashSet<>();
        assertEquals(0, probe(blocks, claims, moved), 0.0, "a constant loss has no noise");
        assertEquals(Set.of(blocks.get(0).label(1), blocks.get(3).label(1), blocks.get(1).label(1)), moved);
    }

    @Test
    void blocksOfZeroClaimsAreProbedAndNonFiniteOnesAreNot() {
        List<ParameterBlock> zeros = blocks(new double[] {0.1, 0.2});
        Set<String> moved = new LinkedHashSet<>();
        probe(zeros, new double[][] {{0, 0}}, moved);
        assertEquals(Set.of(zeros.get(0).label(0)), moved);
        List<ParameterBlock> nonFinite = blocks(new double[] {0.1});
        Set<String> none = new LinkedHashSet<>();
        assertEquals(0, probe(nonFinite, new double[][] {{Double.NaN}}, none), 0.0);
        assertTrue(none.isEmpty(), none::toString);
    }

    /**
     * Noise of 1e-6 along one block's entry and of 1e-9 along the other's (uniform, σ = amplitude/√3, bounded by 4σ):
     * the quieter one counts, so that one probed entry beside a kink does not blunt the screening of every other.
     */
    @Test
    void theSmallestMeasuredBoundIsTheFloor() {
        double[] loud = {0.7};
        double[] quiet = {0.4};
        List<ParameterBlock> blocks = List.of(ParameterBlock.vector("loud", loud), ParameterBlock.vector("quiet", quiet));
        BlockFunction f = new Blocks(blocks, () -> 1 + 1e-6 * NoiseTest.hashNoise(loud)
                + 1e-9 * NoiseTest.hashNoise(quiet), () -> new double[][] {{1}, {0.5}});
        double[][] claims = {{1}, {0.5}};
        Probe probe = new Probe(f, blocks);
        double sigma = NoiseProbe.measure(probe, blocks, claims, probe.value());
        double quietBound = 4 * 1e-9 / Math.sqrt(3);
        assertTrue(sigma > quietBound / 3 && sigma < 3 * quietBound, "σ " + sigma);
    }
}
