package org.gradproof.properties.readme;

// README: long-check begin
import java.time.Duration;
import org.gradproof.check.BlockFunction;
import org.gradproof.check.CheckOptions;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;

final class LongCheck {

    /** A large model checked with a word every 10,000 entries and a five-minute budget. */
    static GradientReport withinFiveMinutes(BlockFunction model) {
        CheckOptions options = CheckOptions.builder()
                .progress(p -> {
                    if (p.entriesChecked() % 10_000 == 0) {
                        System.err.printf("%d of %d entries%n", p.entriesChecked(), p.entriesTotal());
                    }
                })
                .maxDuration(Duration.ofMinutes(5)) // or .maxEvaluations(1_000_000)
                .build();
        // out of time with nothing wrong found: INCONCLUSIVE, report.entriesNotChecked() > 0 — never PASSED
        return GradientCheck.check(model, options);
    }
}
// README: long-check end
