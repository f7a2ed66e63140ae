package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A ReLU unit dead for every example of the batch: the loss does not move at all along its weight until the nearest
 * example comes alive, a little beyond the ladder's wider steps, and its other examples just beyond that. Those kinks
 * read as noise in the wide noise windows, and that noise bound every estimate of the ladder, the flat small steps
 * included: the right claim 0 was left unresolved ("the loss's noise limits the derivative to ±2.0e-02"; a sweep MLP
 * of weights ±0.01, sweep seed 11 case 150). A loss that does not move at all over ±w cannot have a slope above its
 * rounding over w, which settles 0 next to the whole gradient.
 */
class FlatStretchTest {

    private static final double X0 = 0.0047;

    /**
     * Block "unit": a weight whose 12 examples' kinks lie 0.001 … 0.003 from it on either side (slopes 0.005 … 0.015
     * beyond them), and a weight that does not enter the loss; block "rest": v² at 0.7, the gradient's size.
     */
    private static BlockFunction deadUnit(double claim) {
        SplittableRandom random = new SplittableRandom(1);
        double[] kink = new double[12];
        double[] slope = new double[12];
        for (int i = 0; i < kink.length; i++) {
            kink[i] = (random.nextBoolean() ? 1 : -1) * 0.001 * (1 + 2 * random.nextDouble());
            slope[i] = 0.01 * (0.5 + random.nextDouble());
        }
        ParameterBlock unit = ParameterBlock.vector("unit", new double[] {X0, 0.3});
        ParameterBlock rest = ParameterBlock.vector("rest", new double[] {0.7});
        double[] w = unit.data();
        double[] v = rest.data();
        return new Blocks(List.of(unit, rest), () -> {
            double loss = 22.178 + v[0] * v[0];
            for (int i = 0; i < kink.length; i++) {
                double beyond = kink[i] > 0 ? w[0] - X0 - kink[i] : X0 + kink[i] - w[0];
                loss += slope[i] * Math.max(0, beyond);
            }
            return loss;
        }, () -> new double[][] {{claim, 0}, {2 * v[0]}});
    }

    @Test
    void aClaimOfZeroWhereTheLossDoesNotMoveIsProven() {
        GradientReport report = GradientCheck.check(deadUnit(0));
        EntryResult entry = report.entry("unit[0]").orElseThrow();
        assertEquals(EntryVerdict.PASSED, entry.verdict(), report::summary);
        assertTrue(entry.note().startsWith("f does not move at all within"), entry::note);
        assertTrue(entry.measurementError() < 1e-5, entry::note);
        assertTrue(report.passed(), report::summary);
    }

    @Test
    void aClaimTheFlatStretchRulesOutIsNotPassed() {
        for (double wrong : new double[] {0.005, -0.01, 1e-3}) {
            GradientReport report = GradientCheck.check(deadUnit(wrong));
            assertFalse(report.passed(), () -> "claim " + wrong + "\n" + report.summary());
        }
    }

    @Test
    void theStretchCountsOnlyWhereTheLossStaysBitForBitOnBothSides() {
        double[] data = {1.0};
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("t", data)),
                () -> data[0] > 1.0 + 0x1p-10 ? 5 + (data[0] - 1) : 5, () -> new double[][] {{0}});
        FiniteDifferences fd = new FiniteDifferences(new Probe(f, f.blocks()), 0, 0, 1.0);
        for (int j = -4; j <= 4; j++) {
            fd.valueAt(Math.scalb(0x1p-12, j));
            fd.valueAt(-Math.scalb(0x1p-12, j));
        }
        Flatness flat = Flatness.of(fd, 5, Double.POSITIVE_INFINITY);
        assertEquals(0x1p-10, flat.right(), "the last point before f moves at 1 + 2^-9");
        assertEquals(0x1p-10, flat.left(), "no farther than the nearest move on either side");
        assertEquals(0x1p-9, flat.smallestMove());
        assertEquals(0x1p-10, Flatness.of(fd, 5, 0x1p-20).bothSides());
        assertEquals(0x1p-20, Flatness.of(fd, 5, 0x1p-20).smallestMove(), "a smaller move elsewhere counts");
    }
}
