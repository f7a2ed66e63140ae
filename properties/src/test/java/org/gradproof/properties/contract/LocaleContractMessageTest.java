package org.gradproof.properties.contract;

import org.gradproof.properties.Head;
import org.gradproof.properties.LstmCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A contract kit's failure message is the same byte for byte whatever the machine's default locale: a German one
 * (decimal comma) or an Arabic one (Arabic-Indic digits) changes nothing in it, nor in the checker report it quotes.
 */
@Isolated // changes JVM-wide state (see junit-platform.properties)
class LocaleContractMessageTest {

    private static final List<Locale> FOREIGN = List.of(Locale.GERMANY, Locale.forLanguageTag("ar-EG"));

    /** The message of the AssertionError that {@code failing} throws under {@code locale}, the default restored after. */
    private static String message(Locale locale, Executable failing) {
        Locale saved = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        try {
            Locale.setDefault(locale);
            return assertThrows(AssertionError.class, failing).getMessage();
        } finally {
            Locale.setDefault(saved);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
    }

    private static String assertSameInEveryLocale(Executable failing) {
        String root = message(Locale.ROOT, failing);
        for (Locale locale : FOREIGN) {
            assertEquals(root, message(locale, failing), "under " + locale.toLanguageTag());
        }
        return root;
    }

    @Test
    void theDenseKitsMessageReadsTheSameInEveryLocale() {
        String scaled = assertSameInEveryLocale(() -> GradientContract.forSubject(MyNetwork.outputLayerScaledBy(3))
                .activations("sigmoid").heads(Head.MSE_IDENTITY).verify());
        assertTrue(scaled.startsWith("GradientContract FAILED for MyNetwork: SCALED"), scaled);
        assertTrue(scaled.contains("k = 3.000000"), scaled);
        String mismatch = assertSameInEveryLocale(() -> GradientContract
                .forSubject(MyNetwork.sigmoidDerivativeOfTheActivation()).activations("sigmoid")
                .heads(Head.MSE_IDENTITY).verify());
        assertTrue(mismatch.startsWith("GradientContract FAILED for MyNetwork: MISMATCH"), mismatch);
    }

    @Test
    void theRecurrentKitsMessagesReadTheSameInEveryLocale() {
        // 2 inputs, 2 layers of 3 cells, T = 4, batch 3, MSE on every step
        RecurrentContractCase c = new RecurrentContractCase(new LstmCase(2, 2, 3, 4, 3, true, false, 0.5, false, 11,
                12));
        String dropped = assertSameInEveryLocale(() -> RecurrentGradientContract
                .forSubject(new MyRecurrentNetwork(false, 1)).check(c));
        assertTrue(dropped.contains("gradproof gradient check: FAILED"), dropped);
        String loss = assertSameInEveryLocale(() -> RecurrentGradientContract
                .forSubject(new MyRecurrentNetwork(true, 3)).check(c));
        assertTrue(loss.startsWith("your loss is "), loss);
    }
}
