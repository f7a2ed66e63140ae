package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an inconclusive report says: which entries and blocks the numbers could not decide, why, and what would
 * resolve them. Inconclusive is said out loud: it is never a pass.
 */
final class InconclusiveText {

    /** How many unresolved entries are named with their reasons. */
    private static final int EXAMPLES = 3;

    private InconclusiveText() {
    }

    /** A sentence counting what is undecided, for a report that fails for other reasons; "" if nothing is. */
    static String note(List<List<EntryResult>> entriesByBlock, List<BlockScale> scales, CheckOptions options,
                       double relativeTolerance) {
        long unresolved = unresolved(entriesByBlock).size();
        long vague = scales.stream().filter(s -> !s.resolves(options.scaleResolution(), relativeTolerance)).count();
        if (unresolved == 0 && vague == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (unresolved > 0) {
            parts.add(unresolved + (unresolved == 1 ? " entry is" : " entries are") + " unresolved");
        }
        if (vague > 0) {
            parts.add(vague + (vague == 1 ? " block's scale is" : " blocks' scales are") + " not pinned down");
        }
        return "Besides, " + String.join(" and ", parts) + ".";
    }

    /** The explanation of an INCONCLUSIVE report. */
    static String explain(List<ParameterBlock> blocks, List<List<EntryResult>> entriesByBlock, List<BlockScale> scales,
                          CheckOptions options, double relativeTolerance) {
        List<EntryResult> unresolved = unresolved(entriesByBlock);
        StringBuilder sb = new StringBuilder("no entry is wrong that the numbers can show, but they cannot prove "
                + "the gradient right:");
        if (!unresolved.isEmpty()) {
            sb.append(' ').append(unresolved.size()).append(unresolved.size() == 1 ? " entry is" : " entries are")
                    .append(" unresolved (its numerical derivative is too uncertain to tell the claim from 0, its "
                            + "negative or its double)");
            for (EntryResult e : unresolved.subList(0, Math.min(EXAMPLES, unresolved.size()))) {
                sb.append("; ").append(e.label()).append(": ").append(e.note());
            }
            sb.append('.');
        }
        List<String> vague = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            if (!scales.get(b).resolves(options.scaleResolution(), relativeTolerance)) {
                vague.add(String.format(Locale.ROOT, "%s (±%.2g%s)", blocks.get(b).name(),
                        scales.get(b).uncertainty() + relativeTolerance,
                        scales.get(b).along() != null ? ", measured along its claimed gradient" : ""));
            }
        }
        if (!vague.isEmpty()) {
            sb.append(String.format(Locale.ROOT, " The common scale of %s is known only to the relative error given "
                    + "(the entries' bars%s), which cannot exclude a factor of 1 ± %.2g on the whole block.",
                    String.join(", ", vague), relativeTolerance > options.relativeTolerance()
                            ? String.format(Locale.ROOT, " and the relative tolerance of %.2g that the loss's "
                            + "cancellation allows its gradient", relativeTolerance) : "",
                    options.scaleResolution()));
        }
        sb.append(" To resolve: ").append(advice(unresolved, !vague.isEmpty()));
        return sb.toString();
    }

    private static String advice(List<EntryResult> unresolved, boolean vagueScale) {
        List<String> advice = new ArrayList<>();
        boolean noise = vagueScale || unresolved.stream().anyMatch(e -> e.note().contains("noise")
                || e.note().contains("known only"));
        boolean kink = unresolved.stream().anyMatch(e -> e.note().contains("kink"));
        boolean conflict = unresolved.stream().anyMatch(e -> e.note().contains("disagree")
                || e.note().contains("consistent"));
        if (noise) {
            advice.add("the loss is too noisy for its derivative at this point — compute it in double precision and "
                    + "without cancellation (log-sum-exp with the max subtracted, log1p, a fused sigmoid + "
                    + "cross-entropy), switch off anything random, or check at a point where the gradient is larger");
        }
        if (kink) {
            advice.add("an entry sits at or within a step of a kink (a ReLU pre-activation, a max, an abs at 0) — "
                    + "check at other weights or another batch");
        }
        if (conflict) {
            advice.add("measurements at different steps disagree (kinks close to the point, or noise the checker "
                    + "cannot model) — check at other weights or another batch");
        }
        if (advice.isEmpty()) {
            advice.add("check at other weights or another batch");
        }
        return String.join("; ", advice) + ".";
    }

    private static List<EntryResult> unresolved(List<List<EntryResult>> entriesByBlock) {
        return entriesByBlock.stream().flatMap(List::stream).filter(e -> e.verdict() == EntryVerdict.UNRESOLVED)
                .toList();
    }
}
