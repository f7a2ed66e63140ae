package org.gradproof.check;

import java.util.List;

/**
 * The noise of the loss, measured before any entry is judged, along the entry with the largest claimed derivative in
 * each of (at most) {@value #BLOCKS} blocks: the blocks whose largest claim is largest. The smallest of the measured
 * bounds sets the noise floor of the screening, so that a loss that moves in steps far above ε·|f| everywhere
 * (computed in float, rounded, quantised) cannot pass a narrow window where it happens not to move; the smallest, so
 * that one probed entry next to a kink (whose window reads the kink as noise) does not blunt every other. Entries
 * judged more closely measure their own noise as well.
 */
final class NoiseProbe {

    /** How many entries (one per block) the noise is measured along. */
    static final int BLOCKS = 3;

    private NoiseProbe() {
    }

    /** The smallest bound of the noise of one evaluation of f found along the probed entries (0 if none moves). */
    static double measure(Probe probe, List<ParameterBlock> blocks, double[][] analytic, double f0) {
        int[] best = new int[blocks.size()];
        double[] size = new double[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            size[b] = -1;
            for (int k = 0; k < analytic[b].length; k++) {
                double a = Math.abs(analytic[b][k]);
                if (Double.isFinite(a) && a > size[b]) {
                    size[b] = a;
                    best[b] = k;
                }
            }
        }
        double sigma = Double.POSITIVE_INFINITY;
        for (int round = 0; round < BLOCKS; round++) {
            int chosen = -1;
            for (int b = 0; b < blocks.size(); b++) {
                if (size[b] >= 0 && (chosen < 0 || size[b] > size[chosen])) {
                    chosen = b;
                }
            }
            if (chosen < 0) {
                break;
            }
            size[chosen] = -1;
            double x = blocks.get(chosen).data()[best[chosen]];
            double h = EntryJudge.step(x);
            FiniteDifferences fd = new FiniteDifferences(probe, chosen, best[chosen], x);
            double measured = NoiseEstimate.boundAlong(fd, f0, h, Math.scalb(h, EntryJudge.LADDER_TOP));
            if (Double.isFinite(measured)) {
                sigma = Math.min(sigma, measured);
            }
        }
        return Double.isFinite(sigma) ? sigma : 0;
    }
}
