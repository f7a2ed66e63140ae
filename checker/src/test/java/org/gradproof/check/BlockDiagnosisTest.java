package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Localisation to named blocks: which blocks are wrong, with awkward names, scalar and empty blocks. */
class BlockDiagnosisTest {

    /** f = a0 · a1 · s over a block named with brackets, a scalar block and an empty block. */
    private static BlockFunction awkwardBlocks(double[] a, double[] s, double[][] gradientOverride) {
        return new Blocks(List.of(ParameterBlock.vector("lstm[1].W", a), new ParameterBlock("scale", s),
                ParameterBlock.vector("empty", new double[0])), () -> a[0] * a[1] * s[0],
                () -> gradientOverride != null ? gradientOverride
                        : new double[][] {{a[1] * s[0], a[0] * s[0]}, {a[0] * a[1]}, {}});
    }

    @Test
    void scalarAndEmptyBlocksAreCheckedAndLabelled() {
        GradientReport report = GradientCheck.check(awkwardBlocks(new double[] {0.5, 0.2}, new double[] {1.5}, null));
        assertTrue(report.passed(), report.summary());
        assertEquals(List.of("lstm[1].W[0]", "lstm[1].W[1]", "scale[]"),
                report.entries().stream().map(EntryResult::label).toList());
        assertEquals("scalar", report.block("scale").orElseThrow().shape());
        assertEquals(0, report.block("empty").orElseThrow().checked());
    }

    @Test
    void aNonFiniteGradientNamesTheWholeBlockNameEvenWithBrackets() {
        // regression: the block was cut from the entry label at the first '[', giving "lstm"
        double[] a = {0.5, 0.2};
        double[] s = {1.5};
        GradientReport report = GradientCheck.check(awkwardBlocks(a, s, new double[][] {{Double.NaN, 0.75}, {0.1}, {}}));
        assertEquals(Diagnosis.NON_FINITE, report.diagnosis(), report.summary());
        assertEquals(List.of("lstm[1].W"), report.wrongBlocks());
    }

    @Test
    void aMismatchNamesTheWholeBlockNameEvenWithBrackets() {
        double[] a = {0.5, 0.2};
        double[] s = {1.5};
        GradientReport report = GradientCheck.check(awkwardBlocks(a, s, new double[][] {{0.6, 0.75}, {0.1}, {}}));
        assertEquals(Diagnosis.MISMATCH, report.diagnosis(), report.summary());
        assertEquals(List.of("lstm[1].W"), report.wrongBlocks());
        assertTrue(report.explanation().contains("lstm[1].W only"), report.explanation());
    }

    @Test
    void everyBlockWrongSaysSo() {
        double[] a = {0.5, 0.2};
        double[] s = {1.5};
        // all analytic values doubled: SCALED on every block that has entries
        GradientReport report = GradientCheck.check(awkwardBlocks(a, s, new double[][] {{0.6, 1.5}, {0.2}, {}}));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report.summary());
        assertEquals(List.of("lstm[1].W", "scale"), report.wrongBlocks());
        assertTrue(report.explanation().contains("every block"), report.explanation());
        assertFalse(report.explanation().contains("only"), report.explanation());
        assertTrue(report.explanation().contains("factor 2"), report.explanation());
    }

    @Test
    void twoBlocksScaledByDifferentFactorsAreEachNamed() {
        double[] a = {0.5, 0.2};
        double[] s = {1.5};
        // lstm[1].W × 2, scale × 0.5
        GradientReport report = GradientCheck.check(awkwardBlocks(a, s, new double[][] {{0.6, 1.5}, {0.05}, {}}));
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report.summary());
        assertTrue(report.explanation().contains("its own constant"), report.explanation());
        assertTrue(report.explanation().contains("k = 2.000000 on lstm[1].W"), report.explanation());
        assertTrue(report.explanation().contains("k = 0.500000 on scale"), report.explanation());
    }

    @Test
    void oneBlockZeroAndAnotherScaledIsAMismatchDescribingBoth() {
        double[] a = {0.5, 0.2};
        double[] s = {1.5};
        GradientReport report = GradientCheck.check(awkwardBlocks(a, s, new double[][] {{0, 0}, {0.3}, {}}));
        assertEquals(Diagnosis.MISMATCH, report.diagnosis(), report.summary());
        assertEquals(List.of("lstm[1].W", "scale"), report.wrongBlocks());
        assertTrue(report.explanation().contains("lstm[1].W: analytic exactly 0"), report.explanation());
        assertTrue(report.explanation().contains("scale: scaled by k = 3.000000"), report.explanation());
    }
}
