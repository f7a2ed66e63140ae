package org.gradproof.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns the per-entry verdicts into one {@link Diagnosis} and the evidence for it, in words a learner can read:
 * which blocks are wrong, how (zero, scaled by k, transposed), and the likely cause of a scale.
 */
final class DiagnosisFinder {

    /**
     * The diagnosis, one paragraph of evidence, the blocks that are wrong, and how each of them is wrong (in block
     * order; a SCALED block's scale snapped to the factor it is named after, when every wrong block is scaled).
     */
    record Finding(Diagnosis diagnosis, String explanation, List<String> wrongBlocks, List<BlockPattern> patterns) {

        Finding(Diagnosis diagnosis, String explanation, List<String> wrongBlocks) {
            this(diagnosis, explanation, wrongBlocks, List.of());
        }

        /** This finding with more evidence appended to its explanation. */
        Finding withNote(String note) {
            return new Finding(diagnosis, explanation + " " + note, wrongBlocks, patterns);
        }
    }

    private DiagnosisFinder() {
    }

    static Finding find(List<ParameterBlock> blocks, List<List<EntryResult>> entriesByBlock, List<BlockScale> scales,
                        double f0, List<BlockFunction.KnownFactor> known, double relativeTolerance,
                        CheckOptions options) {
        Finding f = classify(blocks, entriesByBlock, scales, f0, known, relativeTolerance, options);
        String time = TimeSteps.note(blocks, f.wrongBlocks());
        return time.isEmpty() ? f : f.withNote(time);
    }

    /**
     * The finding of a check that stopped ({@code reason}: "its budget of 500 evaluations", "an interrupt of its
     * thread") after judging {@code checked} of its {@code total} entries: a failure found stands, with the stop noted;
     * a pass is not proven, since the entries not reached may be wrong (INCONCLUSIVE, saying how to reach them).
     */
    static Finding stopped(Finding f, String reason, int checked, int total) {
        String stop = String.format(Locale.ROOT, "The check stopped at %s after %d of %d entries; the other %d were "
                + "not checked.", reason, checked, total, total - checked);
        String resolve = "To check them: raise the budget (maxEvaluations or maxDuration in CheckOptions; "
                + "--max-evaluations or --max-seconds on the command line), or check a sample of each block "
                + "(maxEntriesPerBlock; --max-entries-per-block).";
        return switch (f.diagnosis()) {
            case CORRECT -> new Finding(Diagnosis.INCONCLUSIVE, "no entry checked is wrong, but not every entry was "
                    + "checked. " + stop + " " + resolve, List.of());
            case INCONCLUSIVE -> new Finding(Diagnosis.INCONCLUSIVE, f.explanation() + " " + stop + " " + resolve,
                    List.of());
            default -> f.withNote(stop);
        };
    }

    /**
     * A directional check's pass ({@link DirectionalScreen}): which blocks its random directions proved without their
     * entries, and which had entries judged one by one.
     */
    static Finding provenAlongDirections(Finding correct, DirectionalScreen.Plan[] plans) {
        long proven = java.util.Arrays.stream(plans).filter(DirectionalScreen.Plan::proven).count();
        if (proven == 0) {
            return correct;
        }
        String text = String.format(Locale.ROOT, "%d of %d blocks agree along %d random directions each, every one "
                + "precise enough that a wrong entry would have moved it beyond its error bar (a wrong entry escapes "
                + "all of its block's directions with probability about 2e-6)%s", proven, plans.length,
                DirectionalScreen.DIRECTIONS, proven == plans.length ? "."
                        : "; in the others " + correct.explanation());
        return new Finding(Diagnosis.CORRECT, text, List.of());
    }

    /** The finding when value() or gradient() gave different results at the same parameters. */
    static Finding nonDeterministic(String evidence) {
        return new Finding(Diagnosis.NON_DETERMINISTIC, evidence, List.of());
    }

    private static Finding classify(List<ParameterBlock> blocks, List<List<EntryResult>> entriesByBlock,
                                    List<BlockScale> scales, double f0, List<BlockFunction.KnownFactor> known,
                                    double relativeTolerance, CheckOptions options) {
        if (!Double.isFinite(f0)) {
            return new Finding(Diagnosis.NON_FINITE, "the loss itself is " + f0
                    + " at the given parameters, so no derivative can be measured: look for log(0), exp overflow or "
                    + "0/0 in the forward pass, or NaN in the inputs.", List.of());
        }
        List<EntryResult> nonFinite = entriesByBlock.stream().flatMap(List::stream)
                .filter(e -> e.verdict() == EntryVerdict.NON_FINITE).toList();
        if (!nonFinite.isEmpty()) {
            return nonFinite(blocks, nonFinite);
        }
        List<BlockPattern> patterns = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            List<EntryResult> entries = entriesByBlock.get(b);
            if (entries.stream().anyMatch(e -> e.verdict().fails())) {
                patterns.add(BlockPattern.of(blocks.get(b), entries, relativeTolerance));
            } else if (scales.get(b).excludesOne(relativeTolerance)) {
                patterns.add(BlockPattern.scaledAsAWhole(blocks.get(b), entries, scales.get(b).k()));
            }
        }
        String unresolved = InconclusiveText.note(entriesByBlock, scales, options, relativeTolerance);
        if (patterns.isEmpty()) {
            return unresolved.isEmpty()
                    ? new Finding(Diagnosis.CORRECT, correctText(entriesByBlock), List.of())
                    : new Finding(Diagnosis.INCONCLUSIVE, InconclusiveText.explain(blocks, entriesByBlock, scales,
                    options, relativeTolerance), List.of());
        }
        Finding failure = failure(entriesByBlock, patterns, known, relativeTolerance);
        return unresolved.isEmpty() ? failure : failure.withNote(unresolved);
    }

    private static Finding failure(List<List<EntryResult>> entriesByBlock, List<BlockPattern> patterns,
                                   List<BlockFunction.KnownFactor> known, double relativeTolerance) {
        List<String> wrongBlocks = patterns.stream().map(p -> p.block().name()).toList();
        long blocksWithEntries = entriesByBlock.stream().filter(l -> !l.isEmpty()).count();
        String where = patterns.size() == blocksWithEntries && blocksWithEntries > 1 ? "on every block"
                : "on " + String.join(", ", wrongBlocks) + (blocksWithEntries > patterns.size() ? " only" : "");

        if (all(patterns, BlockPattern.Kind.ZERO)) {
            EntryResult largest = patterns.stream().flatMap(p -> p.wrong().stream())
                    .max(Comparator.comparingDouble(e -> Math.abs(e.numeric()))).orElseThrow();
            int wrong = patterns.stream().mapToInt(p -> p.wrong().size()).sum();
            return new Finding(Diagnosis.MISSING_GRADIENT, String.format(Locale.ROOT,
                    "the analytic gradient is 0 (exactly, or below rounding) where the loss does change, %s (%d %s; "
                            + "largest numeric "
                            + "%.6g at %s). Something cuts the path from these parameters to the loss: a detached "
                            + "tensor, a numpy round trip, a derivative evaluated where it is 0, or a block never "
                            + "written into the gradient.",
                    where, wrong, wrong == 1 ? "entry" : "entries", largest.numeric(), largest.label()), wrongBlocks,
                    patterns);
        }
        if (all(patterns, BlockPattern.Kind.SCALED)) {
            List<Double> candidates = ScaleCauses.candidates(known);
            patterns = patterns.stream().map(p -> p.snapped(candidates, relativeTolerance)).toList();
            boolean signFlip = patterns.stream().allMatch(p -> p.scale() == -1);
            return new Finding(signFlip ? Diagnosis.SIGN_FLIP : Diagnosis.SCALED,
                    scaledText(patterns, where, known), wrongBlocks, patterns);
        }
        if (all(patterns, BlockPattern.Kind.TRANSPOSED)) {
            return new Finding(Diagnosis.TRANSPOSED, "the analytic gradient of " + blockList(patterns)
                    + " equals the transpose of the numerical one: the product that forms dW is taken in the "
                    + "wrong order (Xᵀ·δ where δᵀ·X belongs, or an [in][out] gradient stored as [out][in]).",
                    wrongBlocks, patterns);
        }
        return new Finding(Diagnosis.MISMATCH, mismatchText(patterns, where, known, relativeTolerance), wrongBlocks,
                patterns);
    }

    private static Finding nonFinite(List<ParameterBlock> blocks, List<EntryResult> nonFinite) {
        EntryResult first = nonFinite.get(0);
        String what = Double.isFinite(first.analytic())
                ? "the loss is not finite near " + first.label() + " (numerical derivative " + first.numeric() + ")"
                : "the analytic gradient is " + first.analytic() + " at " + first.label();
        return new Finding(Diagnosis.NON_FINITE, what + (nonFinite.size() > 1
                ? " and " + (nonFinite.size() - 1) + " more entr" + (nonFinite.size() == 2 ? "y" : "ies") : "")
                + ": look for log(0), exp overflow, 0/0, or an uninitialised buffer.",
                nonFinite.stream().map(e -> blocks.get(e.block()).name()).distinct().toList());
    }

    private static String correctText(List<List<EntryResult>> entriesByBlock) {
        long kinks = entriesByBlock.stream().flatMap(List::stream).filter(e -> e.verdict() == EntryVerdict.KINK).count();
        return "every entry agrees with a numerical derivative precise enough to tell it from 0, its negative and "
                + "its double (or is negligible), and every block's scale is pinned down"
                + (kinks == 0 ? "." : "; " + kinks + (kinks == 1 ? " entry sits" : " entries sit")
                + " at a kink (non-differentiable point) where the analytic value is a valid one-sided derivative.");
    }

    private static String scaledText(List<BlockPattern> patterns, String where, List<BlockFunction.KnownFactor> known) {
        StringBuilder sb = new StringBuilder();
        List<List<BlockPattern>> groups = groupByScale(patterns);
        if (groups.size() == 1) {
            double k = groups.get(0).get(0).scale();
            sb.append(String.format(Locale.ROOT, "analytic = k × numeric with k = %.6f %s", k, where));
            appendCauses(sb, k, known);
        } else {
            sb.append("each wrong block is scaled by its own constant:");
            for (List<BlockPattern> group : groups) {
                double k = group.get(0).scale();
                sb.append(String.format(Locale.ROOT, " k = %.6f on %s", k, blockList(group)));
                appendCauses(sb, k, known);
                sb.append(';');
            }
            sb.setLength(sb.length() - 1);
        }
        List<BlockPattern> asAWhole = patterns.stream().filter(p -> p.wrong().isEmpty()).toList();
        if (!asAWhole.isEmpty()) {
            sb.append(" (on ").append(blockList(asAWhole)).append(" no entry is off by more than its own error bar, "
                    + "but together the entries exclude k = 1)");
        }
        return sb.append('.').toString();
    }

    private static String mismatchText(List<BlockPattern> patterns, String where, List<BlockFunction.KnownFactor> known,
                                       double relativeTolerance) {
        int wrong = patterns.stream().mapToInt(p -> p.wrong().size()).sum();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d %s %s, in no single pattern:", wrong,
                wrong == 1 ? "entry disagrees" : "entries disagree", where));
        for (BlockPattern p : patterns) {
            sb.append(' ').append(p.block().name()).append(": ");
            switch (p.kind()) {
                case ZERO -> sb.append("analytic exactly 0 on ").append(p.wrong().size()).append(" wrong entries");
                case SCALED -> {
                    sb.append(String.format(Locale.ROOT, "scaled by k = %.6f", p.scale()));
                    appendCauses(sb, p.scale(), known);
                }
                case TRANSPOSED -> sb.append("transposed");
                case OTHER -> {
                    long zeros = p.wrong().stream().filter(e -> e.analytic() == 0.0).count();
                    sb.append(p.wrong().size()).append(" of ").append(p.block().size()).append(" entries wrong");
                    if (Double.isFinite(p.scale())) {
                        sb.append(String.format(Locale.ROOT, ", best-fit k = %.4g", p.scale()));
                    }
                    if (zeros > 0) {
                        sb.append(", ").append(zeros).append(" of them exactly 0");
                    }
                    sb.append(WrongRuns.describe(p.block(), p.entries(), relativeTolerance));
                }
            }
            sb.append(';');
        }
        sb.setLength(sb.length() - 1);
        return sb.append('.').toString();
    }

    private static void appendCauses(StringBuilder sb, double k, List<BlockFunction.KnownFactor> known) {
        List<String> causes = ScaleCauses.explain(k, known);
        if (!causes.isEmpty()) {
            sb.append(" — ").append(String.join("; or ", causes));
        }
    }

    private static List<List<BlockPattern>> groupByScale(List<BlockPattern> patterns) {
        List<List<BlockPattern>> groups = new ArrayList<>();
        for (BlockPattern p : patterns) {
            groups.stream().filter(g -> ScaleCauses.near(p.scale(), g.get(0).scale())).findFirst()
                    .ifPresentOrElse(g -> g.add(p), () -> groups.add(new ArrayList<>(List.of(p))));
        }
        return groups;
    }

    private static boolean all(List<BlockPattern> patterns, BlockPattern.Kind kind) {
        return patterns.stream().allMatch(p -> p.kind() == kind);
    }

    private static String blockList(List<BlockPattern> patterns) {
        return patterns.stream().map(p -> p.block().name()).collect(Collectors.joining(", "));
    }
}
