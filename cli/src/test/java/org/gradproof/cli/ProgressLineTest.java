package org.gradproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.gradproof.check.CheckProgress;
import org.junit.jupiter.api.Test;

/** The progress line: quiet for short checks, then one line rewritten at most twice a second, ended by finish(). */
class ProgressLineTest {

    private static CheckProgress at(int checked, long millis) {
        return new CheckProgress(checked, 4000, 10L * checked, Duration.ofMillis(millis));
    }

    @Test
    void quietForTwoSecondsThenAtMostTwiceASecond() {
        StringWriter text = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(text), true);
        line.accept(at(1000, 1999));
        assertEquals("", text.toString(), "a check shorter than 2 s shows nothing");
        line.accept(at(2000, 2000));
        String first = "\rchecked 2,000 of 4,000 entries (50 %), 20,000 evaluations, about 2 s left";
        assertEquals(first, text.toString());
        line.accept(at(2100, 2400));
        assertEquals(first, text.toString(), "nothing new within half a second");
        line.accept(at(3990, 3990));
        assertEquals(first + "\rchecked 3,990 of 4,000 entries (99 %), 39,900 evaluations, about 10 ms left", text.toString());
        line.finish();
        assertEquals(System.lineSeparator(), text.toString().substring(text.toString().length()
                - System.lineSeparator().length()));
    }

    @Test
    void aShorterLineCoversTheEndOfTheLongerOneBeforeIt() {
        StringWriter text = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(text), true);
        line.accept(new CheckProgress(10, 100_000, 1_000_000, Duration.ofSeconds(3)));
        String first = text.toString();
        line.accept(new CheckProgress(99_999, 100_000, 1_000_001, Duration.ofSeconds(4)));
        String second = text.toString().substring(first.length());
        assertEquals(first.length(), second.length(), () -> first + "|" + second);
    }

    @Test
    void nothingAtAllWhenNotShown() {
        StringWriter text = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(text), false);
        line.accept(at(2000, 60_000));
        line.finish();
        assertEquals("", text.toString());
    }
}
