package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report: deterministic text with the facts a reader needs, and numbers that follow from its entries. */
class ReportTest {

    /** A model-like function: dense.W (3x4), dense.b (4), out.w (4); its bias gradient is optionally scaled. */
    private static BlockFunction model(double biasFactor) {
        double[] w = new double[12];
        double[] b = new double[4];
        double[] v = new double[4];
        Random random = new Random(21);
        for (int k = 0; k < w.length; k++) {
            w[k] = random.nextGaussian() * 0.7;
        }
        for (int k = 0; k < 4; k++) {
            b[k] = random.nextGaussian() * 0.2;
            v[k] = random.nextGaussian();
        }
        double[] in = {0.3, -1.1, 0.8};
        return new Blocks(List.of(new ParameterBlock("dense.W", w, 3, 4), ParameterBlock.vector("dense.b", b),
                ParameterBlock.vector("out.w", v)), () -> {
            double y = 0;
            for (int j = 0; j < 4; j++) {
                double z = b[j];
                for (int i = 0; i < 3; i++) {
                    z += in[i] * w[4 * i + j];
                }
                y += v[j] * Math.tanh(z);
            }
            return (y - 0.5) * (y - 0.5);
        }, () -> {
            double[] t = new double[4];
            double y = 0;
            for (int j = 0; j < 4; j++) {
                double z = b[j];
                for (int i = 0; i < 3; i++) {
                    z += in[i] * w[4 * i + j];
                }
                t[j] = Math.tanh(z);
                y += v[j] * t[j];
            }
            double dy = 2 * (y - 0.5);
            double[] gw = new double[12];
            double[] gb = new double[4];
            double[] gv = new double[4];
            for (int j = 0; j < 4; j++) {
                double dz = dy * v[j] * (1 - t[j] * t[j]);
                gb[j] = biasFactor * dz;
                gv[j] = dy * t[j];
                for (int i = 0; i < 3; i++) {
                    gw[4 * i + j] = dz * in[i];
                }
            }
            return new double[][] {gw, gb, gv};
        }, new BlockFunction.KnownFactor("the batch size m", 16));
    }

    @Test
    void summaryIsIdenticalForTwoChecksOfTheSameFunction() {
        for (double factor : new double[] {1, 16, -1, 0}) {
            CheckOptions options = CheckOptions.builder().seed(12345).maxEntriesPerBlock(6).build();
            String first = GradientCheck.check(model(factor), options).summary();
            String second = GradientCheck.check(model(factor), options).summary();
            assertEquals(first, second);
        }
    }

    @Test
    void aPassingSummarySaysPassedAndNamesTheBlocksAndSettings() {
        GradientReport report = GradientCheck.check(model(1), CheckOptions.builder().seed(4242).build());
        assertTrue(report.passed(), report.summary());
        String s = report.summary();
        assertTrue(s.lines().findFirst().orElseThrow().contains("PASSED"), s);
        assertFalse(s.contains("FAILED"), s);
        for (String block : new String[] {"dense.W", "dense.b", "out.w", "3x4"}) {
            assertTrue(s.contains(block), block + " missing:\n" + s);
        }
        assertTrue(s.contains("seed 4242"), s);
        assertTrue(s.contains(String.format(java.util.Locale.ROOT, "%.10g", report.loss())), s);
        assertEquals(s, report.toString());
    }

    @Test
    void aFailingSummarySaysFailedWithTheDiagnosisTheWorstEntryAndTheSeed() {
        GradientReport report = GradientCheck.check(model(16), CheckOptions.builder().seed(987654321).build());
        assertEquals(Diagnosis.SCALED, report.diagnosis(), report.summary());
        String s = report.summary();
        String headline = s.lines().findFirst().orElseThrow();
        assertTrue(headline.contains("FAILED"), s);
        assertFalse(headline.contains("PASSED"), s);
        assertTrue(headline.contains("SCALED"), s);
        assertTrue(s.contains(Diagnosis.SCALED.meaning()), s);
        assertTrue(s.contains("seed 987654321"), s);
        assertTrue(s.contains("batch size"), s);
        EntryResult worst = report.worstEntries(1).get(0);
        assertTrue(worst.label().startsWith("dense.b["), worst.label());
        assertTrue(s.contains(worst.label()), s);
        assertTrue(s.contains(String.format(java.util.Locale.ROOT, "%.9e", worst.analytic())), "both values:\n" + s);
        assertTrue(s.contains(String.format(java.util.Locale.ROOT, "%.9e", worst.numeric())), "both values:\n" + s);
    }

    @Test
    void eachDiagnosisNameAppearsInTheSummaryOfAFailure() {
        assertTrue(GradientCheck.check(model(-1)).summary().contains("SIGN_FLIP"));
        assertTrue(GradientCheck.check(model(0)).summary().contains("MISSING_GRADIENT"));
        assertTrue(GradientCheck.check(model(Double.NaN)).summary().contains("NON_FINITE"));
    }

    @Test
    void worstEntriesPutFailuresFirstThenTheLargestErrorRatio() {
        // a mixed report: dense.b entries scaled by 1.5 (fail), everything else right (pass)
        GradientReport report = GradientCheck.check(model(1.5));
        List<EntryResult> all = report.entries();
        int failures = report.failures().size();
        assertEquals(4, failures, report.summary());
        for (int n : new int[] {0, 1, 3, 4, 5, 10, all.size(), all.size() + 5}) {
            List<EntryResult> worst = report.worstEntries(n);
            assertEquals(Math.min(n, all.size()), worst.size());
            for (int i = 1; i < worst.size(); i++) {
                EntryResult prev = worst.get(i - 1);
                EntryResult next = worst.get(i);
                boolean ordered = prev.verdict().fails() && !next.verdict().fails()
                        || prev.verdict().fails() == next.verdict().fails() && prev.errorRatio() >= next.errorRatio();
                assertTrue(ordered, i + ": " + prev + " before " + next);
            }
            // nothing left out ranks above what was shown
            for (EntryResult e : all) {
                if (!worst.contains(e) && !worst.isEmpty()) {
                    EntryResult last = worst.get(worst.size() - 1);
                    assertFalse(e.verdict().fails() && !last.verdict().fails(), "a failure left out: " + e);
                    if (e.verdict().fails() == last.verdict().fails()) {
                        assertTrue(e.errorRatio() <= last.errorRatio(), e + " ranks above " + last);
                    }
                }
            }
        }
        assertTrue(report.worstEntries(4).stream().allMatch(e -> e.label().startsWith("dense.b[")));
    }

    @Test
    void fittedScaleIsTheLeastSquaresFitOverTheEntries() {
        for (double factor : new double[] {1, 1.5, 16, -1}) {
            GradientReport report = GradientCheck.check(model(factor));
            double an = 0;
            double nn = 0;
            for (EntryResult e : report.entries()) {
                an += e.analytic() * e.numeric();
                nn += e.numeric() * e.numeric();
            }
            assertEquals(an / nn, report.fittedScale(), 1e-15 * Math.abs(an / nn), "factor " + factor);
        }
    }

    @Test
    void blockStatisticsFollowFromTheBlocksEntries() {
        GradientReport report = GradientCheck.check(model(16));
        assertEquals(List.of("dense.W", "dense.b", "out.w"), report.blocks().stream().map(BlockStatistics::name)
                .toList());
        for (int b = 0; b < 3; b++) {
            BlockStatistics s = report.blocks().get(b);
            int block = b;
            List<EntryResult> entries = report.entries().stream().filter(e -> e.block() == block).toList();
            double an = 0;
            double aa = 0;
            double nn = 0;
            int wrong = 0;
            for (EntryResult e : entries) {
                an += e.analytic() * e.numeric();
                aa += e.analytic() * e.analytic();
                nn += e.numeric() * e.numeric();
                wrong += e.verdict().fails() ? 1 : 0;
            }
            assertEquals(entries.size(), s.checked());
            assertEquals(wrong, s.mismatched());
            assertEquals(an / nn, s.fittedScale(), 1e-12 * Math.abs(an / nn), s.name());
            assertEquals(an / Math.sqrt(aa * nn), s.cosine(), 1e-12, s.name());
            assertEquals(Math.sqrt(aa), s.analyticNorm(), 1e-12 * Math.sqrt(aa), s.name());
            assertEquals(Math.sqrt(nn), s.numericNorm(), 1e-12 * Math.sqrt(nn), s.name());
        }
        assertEquals(12, report.block("dense.W").orElseThrow().checked());
        assertEquals(4, report.block("dense.b").orElseThrow().mismatched());
        assertEquals("3x4", report.block("dense.W").orElseThrow().shape());
        assertEquals(16, report.block("dense.b").orElseThrow().fittedScale(), 16e-6);
    }

    @Test
    void entriesAreInBlockThenFlatOrderWithRowMajorLabels() {
        GradientReport report = GradientCheck.check(model(1));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                expected.add("dense.W[" + i + "," + j + "]");
            }
        }
        for (int j = 0; j < 4; j++) {
            expected.add("dense.b[" + j + "]");
        }
        for (int j = 0; j < 4; j++) {
            expected.add("out.w[" + j + "]");
        }
        assertEquals(expected, report.entries().stream().map(EntryResult::label).toList());
        assertTrue(report.entry("dense.W[2,1]").isPresent());
        assertTrue(report.entry("dense.W[1,4]").isEmpty());
    }

    @Test
    void aCheckThatPassesAtScreeningCostsThreeEvaluationsTheNoiseProbeAndFourPerEntry() {
        GradientReport report = GradientCheck.check(model(1));
        assertTrue(report.entries().stream().noneMatch(EntryResult::refined), report.summary());
        BlockFunction f = model(1);
        Probe probe = new Probe(f, f.blocks());
        NoiseProbe.measure(probe, f.blocks(), f.gradient(), f.value());
        long expected = 3 + probe.evaluations() + 4 * 20;
        assertEquals(expected, report.evaluations());
        assertTrue(report.summary().contains(expected + " evaluations"), report.summary());
    }

    @Test
    void entryResultArithmetic() {
        EntryResult e = new EntryResult("x[0]", 0, 0, 1.0, 3.0, 2.0, 0.1, 0.5, true, EntryVerdict.MISMATCH,
                Double.NaN, Double.NaN, "", 0.05);
        assertEquals(1.0, e.error());
        assertEquals(1.0 / 3, e.relativeError(), 1e-16);
        assertEquals(2.0, e.errorRatio());
        assertTrue(e.resolvableTo(0.04), "0.04 · 3 = 0.12 > 0.1");
        assertFalse(e.resolvableTo(0.03), "0.03 · 3 = 0.09 < 0.1");
        EntryResult zero = new EntryResult("x[1]", 0, 1, 1.0, 0, 0, 0, 0, false, EntryVerdict.PASSED, Double.NaN,
                Double.NaN, "", 0);
        assertEquals(0, zero.relativeError());
        assertEquals(0, zero.errorRatio());
        assertTrue(EntryVerdict.MISMATCH.fails() && EntryVerdict.NON_FINITE.fails());
        assertFalse(EntryVerdict.PASSED.fails() || EntryVerdict.KINK.fails());
        IllegalArgumentException noisier = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new EntryResult("x[0]", 0, 0, 1.0, 3.0, 2.0, 0.1, 0.5, true,
                        EntryVerdict.MISMATCH, Double.NaN, Double.NaN, "", 0.2));
        assertTrue(noisier.getMessage().startsWith("measurementNoise: must lie within [0, measurementError = 0.1]"),
                noisier.getMessage());
    }

    @Test
    void descriptionOfAPlainFunctionCountsItsVariables() {
        GradientReport report = GradientCheck.check(Fn.of(x -> x[0] + x[1], x -> new double[] {1, 1}),
                new double[] {1, 2});
        assertEquals("function of 2 variables x", report.description());
        assertTrue(report.summary().contains("function of 2 variables x"), report.summary());
    }
}
