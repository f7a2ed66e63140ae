package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Defaults, validation, the builder round trip, and seeded sampling of entries. */
class CheckOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        CheckOptions o = CheckOptions.defaults();
        assertEquals(1e-6, o.relativeTolerance());
        assertEquals(64, o.noiseFactor());
        assertEquals(0, o.nondeterminismTolerance());
        assertEquals(1e-4, o.negligibleGradient());
        assertEquals(1e-2, o.scaleResolution());
        assertEquals(Integer.MAX_VALUE, o.maxEntriesPerBlock(), "all entries");
        assertEquals(0, o.seed());
        assertEquals(8, o.worstEntriesShown());
        assertEquals(Math.cbrt(Math.ulp(1.0)), CheckOptions.STEP_FACTOR);
        assertSame(o, CheckOptions.defaults());
    }

    @Test
    void theDefaultCheckUsesTheDefaults() {
        GradientReport report = GradientCheck.check(Fn.of(x -> x[0], x -> new double[] {1}), new double[] {1});
        CheckOptions o = report.options();
        assertEquals(CheckOptions.defaults().toString(), o.toString());
        assertTrue(report.summary().contains(o.toString()), report.summary());
    }

    static Stream<Arguments> invalidSettings() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        List<Arguments> cases = new ArrayList<>();
        for (double v : new double[] {nan, 0, -1e-6, 1e-16, 0.2, inf}) {
            cases.add(Arguments.of("relativeTolerance", v, (Consumer<CheckOptions.Builder>) b -> b.relativeTolerance(v)));
        }
        for (double v : new double[] {nan, 0, 0.5, -64, 1.1e8, inf}) {
            cases.add(Arguments.of("noiseFactor", v, (Consumer<CheckOptions.Builder>) b -> b.noiseFactor(v)));
        }
        for (double v : new double[] {nan, -1e-300, -1, inf}) {
            cases.add(Arguments.of("nondeterminismTolerance", v,
                    (Consumer<CheckOptions.Builder>) b -> b.nondeterminismTolerance(v)));
        }
        for (double v : new double[] {nan, -1e-9, 0.11, inf}) {
            cases.add(Arguments.of("negligibleGradient", v,
                    (Consumer<CheckOptions.Builder>) b -> b.negligibleGradient(v)));
        }
        for (double v : new double[] {nan, 0, 1e-13, 0.51, inf}) {
            cases.add(Arguments.of("scaleResolution", v, (Consumer<CheckOptions.Builder>) b -> b.scaleResolution(v)));
        }
        for (int v : new int[] {0, -1, Integer.MIN_VALUE}) {
            cases.add(Arguments.of("maxEntriesPerBlock", (double) v,
                    (Consumer<CheckOptions.Builder>) b -> b.maxEntriesPerBlock(v)));
        }
        cases.add(Arguments.of("worstEntriesShown", -1.0, (Consumer<CheckOptions.Builder>) b -> b.worstEntriesShown(-1)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidSettings")
    void outOfRangeValuesAreRejectedNamingTheSetting(String setting, double value,
                                                     Consumer<CheckOptions.Builder> set) {
        CheckOptions.Builder builder = CheckOptions.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.accept(builder));
        assertTrue(e.getMessage().contains(setting), e.getMessage());
        // the builder keeps its previous (default) value
        assertEquals(CheckOptions.defaults().toString(), builder.build().toString());
    }

    @Test
    void boundaryValuesAreAccepted() {
        CheckOptions low = CheckOptions.builder().relativeTolerance(1e-15).noiseFactor(1).nondeterminismTolerance(0)
                .negligibleGradient(0).scaleResolution(1e-12).maxEntriesPerBlock(1).worstEntriesShown(0)
                .seed(Long.MIN_VALUE).build();
        assertEquals(1e-15, low.relativeTolerance());
        assertEquals(1, low.noiseFactor());
        assertEquals(0, low.negligibleGradient());
        assertEquals(1e-12, low.scaleResolution());
        assertEquals(1, low.maxEntriesPerBlock());
        assertEquals(0, low.worstEntriesShown());
        assertEquals(Long.MIN_VALUE, low.seed());
        CheckOptions high = CheckOptions.builder().relativeTolerance(0.1).noiseFactor(1e8)
                .nondeterminismTolerance(Double.MAX_VALUE).negligibleGradient(0.1).scaleResolution(0.5).build();
        assertEquals(0.1, high.relativeTolerance());
        assertEquals(1e8, high.noiseFactor());
        assertEquals(Double.MAX_VALUE, high.nondeterminismTolerance());
        assertEquals(0.1, high.negligibleGradient());
        assertEquals(0.5, high.scaleResolution());
    }

    @Test
    void toBuilderRoundTripsEverySetting() {
        CheckOptions o = CheckOptions.builder().relativeTolerance(3e-7).noiseFactor(128).nondeterminismTolerance(1e-9)
                .negligibleGradient(2e-3).scaleResolution(4e-2).maxEntriesPerBlock(17).seed(-99).worstEntriesShown(3)
                .build();
        CheckOptions copy = o.toBuilder().build();
        assertEquals(3e-7, copy.relativeTolerance());
        assertEquals(128, copy.noiseFactor());
        assertEquals(1e-9, copy.nondeterminismTolerance());
        assertEquals(2e-3, copy.negligibleGradient());
        assertEquals(4e-2, copy.scaleResolution());
        assertEquals(17, copy.maxEntriesPerBlock());
        assertEquals(-99, copy.seed());
        assertEquals(3, copy.worstEntriesShown());
        assertEquals(o.toString(), copy.toString());
        CheckOptions changed = o.toBuilder().seed(5).build();
        assertEquals(5, changed.seed());
        assertEquals(-99, o.seed(), "options are immutable");
        assertEquals(17, changed.maxEntriesPerBlock());
    }

    @Test
    void toStringShowsEverySettingThatChangesTheResult() {
        String s = CheckOptions.builder().relativeTolerance(3e-7).noiseFactor(128).nondeterminismTolerance(1e-9)
                .negligibleGradient(2e-3).scaleResolution(4e-2).maxEntriesPerBlock(17).seed(1234567).build()
                .toString();
        for (String part : new String[] {"3.0e-07", "128", "nondeterminismTolerance 1.0e-09", "negligibleGradient 2.0e-03",
                "scaleResolution 4.0e-02", "at most 17", "seed 1234567"}) {
            assertTrue(s.contains(part), part + " missing from " + s);
        }
    }

    /** Two blocks of 40 and 25 entries; the loss Σ w_k² per block. */
    private static BlockFunction twoBlocks() {
        double[] a = new double[40];
        double[] b = new double[25];
        for (int k = 0; k < a.length; k++) {
            a[k] = 0.1 * k - 1;
        }
        for (int k = 0; k < b.length; k++) {
            b[k] = 0.5 - 0.03 * k;
        }
        return new Blocks(List.of(ParameterBlock.vector("a", a), new ParameterBlock("b", b, 5, 5)), () -> {
            double s = 0;
            for (double v : a) {
                s += v * v;
            }
            for (double v : b) {
                s += v * v;
            }
            return s;
        }, () -> {
            double[] ga = new double[a.length];
            double[] gb = new double[b.length];
            for (int k = 0; k < a.length; k++) {
                ga[k] = 2 * a[k];
            }
            for (int k = 0; k < b.length; k++) {
                gb[k] = 2 * b[k];
            }
            return new double[][] {ga, gb};
        });
    }

    private static List<String> sampled(long seed, int max) {
        GradientReport report = GradientCheck.check(twoBlocks(),
                CheckOptions.builder().maxEntriesPerBlock(max).seed(seed).build());
        assertTrue(report.passed(), report.summary());
        return report.entries().stream().map(EntryResult::label).toList();
    }

    @Test
    void maxEntriesPerBlockSamplesExactlyThatManyDistinctEntriesPerBlockInOrder() {
        for (int max : new int[] {1, 7, 24, 25}) {
            GradientReport report = GradientCheck.check(twoBlocks(),
                    CheckOptions.builder().maxEntriesPerBlock(max).seed(3).build());
            List<EntryResult> a = report.entries().stream().filter(e -> e.block() == 0).toList();
            List<EntryResult> b = report.entries().stream().filter(e -> e.block() == 1).toList();
            assertEquals(max, a.size());
            assertEquals(Math.min(max, 25), b.size());
            assertEquals(max, report.block("a").orElseThrow().checked());
            for (List<EntryResult> block : List.of(a, b)) {
                for (int i = 1; i < block.size(); i++) {
                    assertTrue(block.get(i - 1).index() < block.get(i).index(), "distinct, in increasing order");
                }
            }
        }
        assertEquals(65, sampled(0, 1000).size(), "more than the block holds: all of them");
        assertEquals(65, GradientCheck.check(twoBlocks()).entries().size());
    }

    @Test
    void theSameSeedSamplesTheSameEntries() {
        assertEquals(sampled(7, 5), sampled(7, 5));
        assertEquals(sampled(-3, 12), sampled(-3, 12));
    }

    @Test
    void differentSeedsUsuallySampleDifferentEntries() {
        List<List<String>> samples = new ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            samples.add(sampled(seed, 5));
        }
        long distinct = samples.stream().distinct().count();
        // 5 of 40 and 5 of 25 can coincide by chance, but hardly ever for most of ten seeds
        assertTrue(distinct >= 8, distinct + " distinct samples of 10: " + samples);
        assertNotEquals(samples.get(0), samples.get(1));
    }

    @Test
    void everyEntryIsReachableBySomeSeed() {
        boolean[] seen = new boolean[40];
        for (long seed = 0; seed < 200; seed++) {
            for (String label : sampled(seed, 3)) {
                if (label.startsWith("a[")) {
                    seen[Integer.parseInt(label.substring(2, label.length() - 1))] = true;
                }
            }
        }
        for (int k = 0; k < seen.length; k++) {
            assertTrue(seen[k], "a[" + k + "] never sampled in 200 seeds");
        }
    }

    @Test
    void aLooserToleranceAcceptsWhatTheDefaultRejects() {
        // gradient off by a relative 1e-4: wrong at 1e-6, right at 1e-3
        DifferentiableFunction f = Fn.scaled(Fn.of(x -> x[0] * x[0] + Math.sin(x[1]),
                x -> new double[] {2 * x[0], Math.cos(x[1])}), 1 + 1e-4);
        double[] x = {0.8, 0.2};
        assertEquals(Diagnosis.SCALED, GradientCheck.check(f, x).diagnosis());
        GradientReport loose = GradientCheck.check(f, x, CheckOptions.builder().relativeTolerance(1e-3).build());
        assertTrue(loose.passed(), loose.summary());
    }
}
