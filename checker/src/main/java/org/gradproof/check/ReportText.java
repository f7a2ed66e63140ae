package org.gradproof.check;

import java.util.List;
import java.util.Locale;

/** Renders a {@link GradientReport} as text a learner can read. Deterministic: no timings, no addresses. */
final class ReportText {

    private ReportText() {
    }

    static String render(GradientReport r) {
        StringBuilder sb = new StringBuilder();
        line(sb, "gradproof gradient check: %s", headline(r));
        line(sb, "  checked:   %s", r.description());
        line(sb, "  loss:      %.10g", r.loss());
        line(sb, "  verdict:   %s", r.explanation());
        for (String hint : r.hints()) {
            line(sb, "  hint:      %s", hint);
        }
        long refined = r.entries().stream().filter(EntryResult::refined).count();
        line(sb, "  entries:   %d checked%s, %d wrong, %d at kinks, %d unresolved; %d re-measured; %d evaluations",
                r.entries().size(), r.entriesNotChecked() == 0 ? ""
                        : " (" + r.entriesNotChecked() + " not reached: the check stopped early)",
                r.failures().size(), r.kinks().size(), r.unresolved().size(), refined, r.evaluations());
        if (!r.directions().isEmpty()) {
            long agree = r.directions().stream().filter(e -> e.verdict() == EntryVerdict.PASSED).count();
            long disagree = r.directions().stream().filter(e -> e.verdict().fails()).count();
            line(sb, "  directions: %d measured (random, per block), %d agree, %d disagree, %d undecided; entries "
                    + "judged one by one where they could not prove their block", r.directions().size(), agree,
                    disagree, r.directions().size() - agree - disagree);
        }
        line(sb, "  fitted k:  %s (least squares, analytic ≈ k · numeric over all entries)", number(r.fittedScale()));
        line(sb, "  settings:  %s", r.options());
        // noted only when visible: a raise below 1 % of the setting changes no verdict worth explaining
        if (r.effectiveRelativeTolerance() > 1.01 * r.options().relativeTolerance()) {
            line(sb, "  note:      relative tolerance raised to %.2e: %s", r.effectiveRelativeTolerance(),
                    r.claimsInFloat32() ? "every claimed derivative is a float32 value, and a backprop computed in "
                            + "single precision is right only to about that much where the batch's terms cancel (in "
                            + "double it would be checked to " + String.format(Locale.ROOT, "%.1e",
                            r.options().relativeTolerance()) + ")"
                            : "the loss is computed through cancellation (its rounding is far larger than ε·|f|), so "
                            + "its gradient cannot be more accurate than that");
        }
        if (!r.blocks().isEmpty()) {
            sb.append('\n');
            int width = Math.max(8, r.blocks().stream().mapToInt(b -> b.name().length()).max().orElse(0));
            line(sb, "  %-" + width + "s  %-9s %7s %6s %6s %10s  %11s  %12s  %9s  %10s", "block", "shape", "checked",
                    "wrong", "kinks", "unresolved", "max rel err", "fitted k", "k ±", "cosine");
            for (BlockStatistics b : r.blocks()) {
                line(sb, "  %-" + width + "s  %-9s %7d %6d %6d %10d  %11s  %12s  %9s  %10s", b.name(), b.shape(),
                        b.checked(), b.mismatched(), b.kinks(), b.unresolved(),
                        String.format(Locale.ROOT, "%.2e", b.maxRelativeError()), number(b.fittedScale()),
                        String.format(Locale.ROOT, "%.1e", b.scaleUncertainty()), number(b.cosine()));
            }
        }
        List<EntryResult> worst = r.worstEntries(r.options().worstEntriesShown());
        if (!worst.isEmpty()) {
            sb.append('\n');
            // as wide as the heading too, so the heading's columns line up with short labels such as x[3]
            String heading = r.passed() ? "closest calls" : "worst entries";
            int width = Math.max(heading.length(), worst.stream().mapToInt(e -> e.label().length()).max().orElse(0));
            line(sb, "  %-" + width + "s  %16s  %16s  %10s  %10s  %s", heading, "analytic", "numeric", "|a-n|",
                    "tolerance", "verdict");
            for (EntryResult e : worst) {
                line(sb, "  %-" + width + "s  %16.9e  %16.9e  %10.3e  %10.3e  %s%s", e.label(), e.analytic(),
                        e.numeric(), e.error(), e.tolerance(), e.verdict(), e.refined() ? " (re-measured)" : "");
            }
        }
        if (!r.kinks().isEmpty()) {
            sb.append('\n');
            line(sb, "  warnings: %d %s at a kink (the loss is not differentiable there; not a failure)",
                    r.kinks().size(), r.kinks().size() == 1 ? "entry sits" : "entries sit");
            r.kinks().stream().limit(r.options().worstEntriesShown()).forEach(e ->
                    line(sb, "    %s: left derivative %.6g, right %.6g, analytic %.6g", e.label(), e.leftSlope(),
                            e.rightSlope(), e.analytic()));
        }
        if (r.diagnosis() == Diagnosis.INCONCLUSIVE || r.diagnosis() == Diagnosis.NON_DETERMINISTIC) {
            sb.append('\n');
            line(sb, "  Not a pass: %s", r.diagnosis() == Diagnosis.NON_DETERMINISTIC
                    ? "a gradient can only be checked against a loss that is a function of its parameters."
                    : r.unresolved().isEmpty() && r.entriesNotChecked() > 0
                    ? "the entries not reached may be wrong; to reproduce, keep seed " + r.options().seed() + "."
                    : r.unresolved().isEmpty()
                    ? "every entry agrees, but a block's common scale is not pinned (the verdict names it; its k ± in "
                    + "the table); to reproduce, keep seed " + r.options().seed() + "."
                    : "the unresolved entries are listed above with what limited them; to reproduce, keep seed "
                    + r.options().seed() + ".");
        } else if (!r.passed()) {
            sb.append('\n');
            line(sb, "  If you are sure these entries are right and only rounding disagrees, loosen relativeTolerance "
                    + "(now %.1e) or noiseFactor (now %s) in CheckOptions (--relative-tolerance, --noise-factor on the "
                    + "command line); to reproduce, keep seed %d.",
                    r.options().relativeTolerance(), CheckOptions.trim(r.options().noiseFactor()), r.options().seed());
        }
        return sb.toString();
    }

    private static String headline(GradientReport r) {
        return switch (r.diagnosis()) {
            case CORRECT -> "PASSED";
            case INCONCLUSIVE -> "INCONCLUSIVE — " + r.diagnosis().meaning();
            case NON_DETERMINISTIC -> "NOT CHECKED — NON_DETERMINISTIC (" + r.diagnosis().meaning() + ")";
            default -> "FAILED — " + r.diagnosis() + " (" + r.diagnosis().meaning() + ")";
        };
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
