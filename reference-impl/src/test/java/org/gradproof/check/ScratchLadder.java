package org.gradproof.check;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchLadder {
    @Test
    void run() {
        double[] data = {7.3, 2.5};
        double x = 1.3, y = 0.3;
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("x", data)),
                () -> 0.5 * Math.pow(Math.tanh(data[0] * x + data[1]) - y, 2), () -> {
                    double t = Math.tanh(data[0] * x + data[1]);
                    double d = (t - y) * (1 - t * t);
                    return new double[][] {{d * x, d}};
                });
        System.out.println(GradientCheck.check(f).summary());
        Probe probe = new Probe(f, f.blocks());
        double f0 = probe.value();
        FiniteDifferences fd = new FiniteDifferences(probe, 0, 0, data[0]);
        double h = EntryJudge.step(data[0]);
        double bound = NoiseEstimate.boundAlong(fd, f0, h, Math.scalb(h, 10));
        System.out.println("h " + h + " noise bound " + bound + " f0 " + f0 + " model " + 64 * Math.ulp(1.0) * f0);
        StepLadder ladder = new StepLadder(fd, f0, h, Math.max(bound, 64 * Math.ulp(1.0) * f0), 18, -12);
        for (Extrapolation.Estimate e : ladder.central()) System.out.println(e);
    }
}
