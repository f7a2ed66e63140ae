package org.gradproof.cli;

import org.gradproof.io.BatchDocument;
import org.gradproof.io.Layout;
import org.gradproof.io.ModelDocument;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the command line prints, as text and as JSON, is the same byte for byte whatever the machine's default locale:
 * a German one (decimal comma) or an Arabic one (Arabic-Indic digits) changes nothing.
 */
class LocaleOutputTest {

    private static final List<Locale> FOREIGN = List.of(Locale.GERMANY, Locale.forLanguageTag("ar-EG"));

    @TempDir
    Path dir;

    private Path model;
    private Path batch;
    private Mlp net;
    private Batch examples;

    @BeforeEach
    void writeInputs() throws Exception {
        net = Mlp.builder(2).dense(3, "tanh").dense(2, "sigmoid").loss(Loss.MSE, Reduction.MEAN)
                .weights(Initializer.uniform(1.5)).biases(Initializer.uniform(0.5)).seed(5).build();
        examples = Batch.of(new double[][] {{0, 1}, {1, 0}, {0.5, -1}}, new double[][] {{1, 0}, {0, 1}, {1, 1}});
        model = Cli.write(dir, "model.json", ModelDocument.of(net, 1, Layout.REFERENCE).toJson());
        batch = Cli.write(dir, "batch.json", BatchDocument.toJson(examples, false));
    }

    /** Gradients of {@code net} on {@code examples}, block b's entry k multiplied by factors[b] + uneven·k. */
    private Path gradients(String name, double uneven, double lossFactor, double... factors) throws Exception {
        double[][] g = net.gradients(examples).blocks();
        for (int b = 0; b < g.length; b++) {
            for (int k = 0; k < g[b].length; k++) {
                g[b][k] *= factors[b] + (factors[b] == 1 ? 0 : uneven * k);
            }
        }
        return Cli.write(dir, name, ModelDocument.of(net, 1, Layout.REFERENCE).gradientsJson(g,
                lossFactor * net.loss(examples), Layout.REFERENCE, null));
    }

    /** stdout and stderr of one run under {@code locale} as the default locale, the default restored after. */
    private static String run(Locale locale, Object... args) {
        Locale saved = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        try {
            Locale.setDefault(locale);
            return Cli.run(args).toString();
        } finally {
            Locale.setDefault(saved);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
    }

    private static String assertSameInEveryLocale(Object... args) {
        String root = run(Locale.ROOT, args);
        for (Locale locale : FOREIGN) {
            assertEquals(root, run(locale, args), "under " + locale.toLanguageTag());
        }
        return root;
    }

    @Test
    void aScaledBlockReadsTheSameInEveryLocaleAsTextAndAsJson() throws Exception {
        Path scaled = gradients("scaled.json", 0, 1, 1, 1, 3, 1);
        String text = assertSameInEveryLocale("compare", model, batch, scaled);
        assertTrue(text.contains("k = 3.000000 on dense2.W only"), text);
        assertSameInEveryLocale("compare", "--json", model, batch, scaled);
    }

    @Test
    void aReproducedBugAMismatchAndALossWarningReadTheSameInEveryLocale() throws Exception {
        Path flipped = gradients("flipped.json", 0, 1, -1, -1, -1, -1);
        String text = assertSameInEveryLocale("compare", model, batch, flipped);
        assertTrue(text.contains("diagnosis by reproduction: matches"), text);
        assertSameInEveryLocale("compare", "--json", model, batch, flipped);

        Path uneven = gradients("uneven.json", 0.37, 1, 1, 1.5, 1, 1);
        text = assertSameInEveryLocale("compare", model, batch, uneven);
        assertTrue(text.contains("FAILED — MISMATCH") && text.contains("best-fit k = "), text);
        assertSameInEveryLocale("compare", "--json", model, batch, uneven);

        Path otherLoss = gradients("other-loss.json", 0, 2.5, 1, 1, 1, 1);
        text = assertSameInEveryLocale("compare", model, batch, otherLoss);
        assertTrue(text.contains("warning: the gradients document says loss "), text);
    }

    @Test
    void checkAndGradReadTheSameInEveryLocale() {
        assertSameInEveryLocale("check", model, batch, "--relative-tolerance", "3e-7", "--seed", "42");
        assertSameInEveryLocale("check", "--json", model, batch);
        assertSameInEveryLocale("grad", model, batch);
    }
}
