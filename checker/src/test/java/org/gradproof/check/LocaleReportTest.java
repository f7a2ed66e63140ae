package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A report reads the same on every machine: its numbers are formatted with {@link Locale#ROOT}, so a German default
 * locale (decimal comma) or an Arabic one (Arabic-Indic digits) changes no byte of it.
 */
class LocaleReportTest {

    /** Locales that format 8.0 as "8,000000" and 123 as "١٢٣" when a format is left to the default. */
    static final List<Locale> FOREIGN = List.of(Locale.GERMANY, Locale.forLanguageTag("ar-EG"));

    /** {@code text} under {@code locale} as the default locale (every category), the default restored after. */
    static String under(Locale locale, Supplier<String> text) {
        Locale saved = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        try {
            Locale.setDefault(locale);
            return text.get();
        } finally {
            Locale.setDefault(saved);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
    }

    /** The same text under {@link Locale#ROOT} and under each foreign default locale. */
    static void assertSameInEveryLocale(Supplier<String> text) {
        String root = under(Locale.ROOT, text);
        for (Locale locale : FOREIGN) {
            assertEquals(root, under(locale, text), "under " + locale.toLanguageTag());
        }
    }

    /**
     * dense.W (3x4), dense.b (4), out.w (4) of a one-hidden-layer tanh net with squared error; the bias gradient
     * passed through {@code bias}; {@code known} factors as given.
     */
    private static BlockFunction model(UnaryOperator<double[]> bias, BlockFunction.KnownFactor... known) {
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
                gb[j] = dz;
                gv[j] = dy * t[j];
                for (int i = 0; i < 3; i++) {
                    gw[4 * i + j] = dz * in[i];
                }
            }
            return new double[][] {gw, bias.apply(gb), gv};
        }, known);
    }

    private static UnaryOperator<double[]> times(double factor) {
        return g -> {
            for (int k = 0; k < g.length; k++) {
                g[k] *= factor;
            }
            return g;
        };
    }

    private static final BlockFunction.KnownFactor BATCH = new BlockFunction.KnownFactor("the batch size m", 16);

    /** The summary of a check with a fixed seed, asserting its diagnosis (so each case covers what it claims). */
    private static Supplier<String> summary(BlockFunction f, Diagnosis expected) {
        return () -> {
            GradientReport report = GradientCheck.check(f, CheckOptions.builder().seed(20240607).build());
            assertEquals(expected, report.diagnosis(), report::summary);
            return report.summary();
        };
    }

    @Test
    void aScaledBlockReadsTheSameInEveryLocale() {
        // k = 16 = m (the explanation's k = 16.000000) and k = 1/16 (the hint's 0.0625000)
        assertSameInEveryLocale(summary(model(times(16), BATCH), Diagnosis.SCALED));
        assertSameInEveryLocale(summary(model(times(1.0 / 16), BATCH), Diagnosis.SCALED));
        // a known factor that is not a whole number is named by its digits
        assertSameInEveryLocale(summary(model(times(2.5), new BlockFunction.KnownFactor("the outputs' weight", 2.5)),
                Diagnosis.SCALED));
        String text = under(Locale.ROOT, summary(model(times(16), BATCH), Diagnosis.SCALED));
        assertTrue(text.contains("k = 16.000000"), text);
    }

    @Test
    void aMissingGradientAndAMismatchReadTheSameInEveryLocale() {
        assertSameInEveryLocale(summary(model(times(0), BATCH), Diagnosis.MISSING_GRADIENT));
        UnaryOperator<double[]> uneven = g -> {
            for (int k = 0; k < g.length; k++) {
                g[k] *= 1 + 0.37 * k;
            }
            return g;
        };
        assertSameInEveryLocale(summary(model(uneven, BATCH), Diagnosis.MISMATCH));
    }

    @Test
    void anInconclusiveReportReadsTheSameInEveryLocale() {
        // −log(1 − σ(z)) computed naively is a staircase whose noise grows like ε·e^z: at z = 33 the entry passes but
        // the block's scale is known only to about ±4 % (the report gives both numbers); at z = 35 the entry itself
        // is unresolved and the report says what limits its derivative
        DifferentiableFunction naiveBce = Fn.of(w -> -Math.log(1 - 1 / (1 + Math.exp(-w[0]))),
                w -> new double[] {1 / (1 + Math.exp(-w[0]))});
        for (double z : new double[] {33, 35}) {
            Supplier<String> text = () -> {
                GradientReport report = GradientCheck.check(naiveBce, new double[] {z});
                assertEquals(Diagnosis.INCONCLUSIVE, report.diagnosis(), report::summary);
                return report.summary();
            };
            assertSameInEveryLocale(text);
        }
    }

    @Test
    void theSettingsLineReadsTheSameInEveryLocale() {
        assertSameInEveryLocale(() -> CheckOptions.builder().noiseFactor(2.5).nondeterminismTolerance(1e-9)
                .relativeTolerance(3e-7).build().toString());
    }
}
