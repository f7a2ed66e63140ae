package org.gradproof.check;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one result of a gradient check: verdict, diagnosis with its evidence, per-block statistics, every entry's
 * measurement, and the text a person reads ({@link #summary()}, the same text the CLI prints).
 */
public final class GradientReport {

    private final String description;
    private final CheckOptions options;
    private final double relativeTolerance;
    private final double loss;
    private final long evaluations;
    private final List<BlockStatistics> blocks;
    private final List<EntryResult> entries;
    private final int entriesNotChecked;
    private final boolean claimsInFloat32;
    private final Diagnosis diagnosis;
    private final String explanation;
    private final List<String> wrongBlocks;
    private final double fittedScale;
    private final List<String> hints;
    private final List<EntryResult> directions;
    private final String summary;

    GradientReport(String description, CheckOptions options, double relativeTolerance, double loss, long evaluations,
                   List<BlockStatistics> blocks, List<EntryResult> entries, int entriesNotChecked,
                   boolean claimsInFloat32, DiagnosisFinder.Finding finding, List<String> hints,
                   List<EntryResult> directions) {
        this.description = description;
        this.options = options;
        this.relativeTolerance = relativeTolerance;
        this.loss = loss;
        this.evaluations = evaluations;
        this.blocks = List.copyOf(blocks);
        this.entries = List.copyOf(entries);
        this.entriesNotChecked = entriesNotChecked;
        this.claimsInFloat32 = claimsInFloat32;
        this.diagnosis = finding.diagnosis();
        this.explanation = finding.explanation();
        this.wrongBlocks = List.copyOf(finding.wrongBlocks());
        this.fittedScale = BlockPattern.fittedScale(entries);
        this.hints = List.copyOf(hints);
        this.directions = List.copyOf(directions);
        this.summary = ReportText.render(this);
    }

    /** This report with another finding (the full Hessian check's symmetry verdict); every measurement stays. */
    GradientReport withFinding(DiagnosisFinder.Finding finding) {
        return new GradientReport(description, options, relativeTolerance, loss, evaluations, blocks, entries,
                entriesNotChecked, claimsInFloat32, finding, hints, directions);
    }

    /**
     * Whether the gradient is proven right: every entry resolved and agreeing (entries at kinks pass, with a warning;
     * negligible ones count as settled) and every block's scale pinned down. INCONCLUSIVE and NON_DETERMINISTIC
     * reports are not passed.
     */
    public boolean passed() {
        return diagnosis == Diagnosis.CORRECT;
    }

    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /**
     * The blocks' derivatives along random directions that a {@link GradientCheck#directional directional check}
     * measured, labelled "dense1.W along random direction 1" (analytic: the claim a · u; numeric: the measured
     * derivative); empty for an entry-by-entry check.
     */
    public List<EntryResult> directions() {
        return directions;
    }

    /** The evidence for the diagnosis in one paragraph, e.g. "analytic = k × numeric with k = 8.000000 on …". */
    public String explanation() {
        return explanation;
    }

    /**
     * Likely causes read from where the wrong blocks sit, each a question: "only bias gradients are wrong … is each
     * bias gradient its delta summed over the batch …?", "dense1 is wrong and every layer above it is right: is it
     * dense1's activation derivative …, or the delta passed into it …?", "only dense3 is off, by k = 8 = the batch
     * size m … does dense3 miss the 1/8 of the mean …?". Empty when no such pattern holds (always, when the check
     * passed). Layer hints need the function's {@link BlockFunction#modelLayers() layers}.
     */
    public List<String> hints() {
        return hints;
    }

    /** Least-squares k in analytic ≈ k · numeric over all checked entries: Σ a·n / Σ n² (NaN if n is all zero). */
    public double fittedScale() {
        return fittedScale;
    }

    /** The human-readable report, the same text the CLI prints. */
    public String summary() {
        return summary;
    }

    /** What was checked, as described by the function. */
    public String description() {
        return description;
    }

    public CheckOptions options() {
        return options;
    }

    /**
     * The relative tolerance that was applied: the options' one, plus an allowance when the function reported a
     * loss computed through cancellation (see {@link BlockFunction#noiseScale()}), and at least 1e-3 when the claimed
     * gradient was computed in float32 ({@link #claimsInFloat32()}).
     */
    public double effectiveRelativeTolerance() {
        return relativeTolerance;
    }

    /**
     * Whether the claim was recognised as a backprop computed in single precision against a loss computed in double
     * (every claimed derivative a float32 value, one at least of full float precision), and so judged with a relative
     * tolerance of at least 1e-3, its rounding where the batch's terms cancel. A loss computed in float has error bars
     * of its own rounding, and its claims keep the options' tolerance.
     */
    public boolean claimsInFloat32() {
        return claimsInFloat32;
    }

    /** The loss at the unperturbed parameters. */
    public double loss() {
        return loss;
    }

    /** How many times the function was evaluated. */
    public long evaluations() {
        return evaluations;
    }

    /** Per-block statistics, in block order. */
    public List<BlockStatistics> blocks() {
        return blocks;
    }

    /** Statistics of the block with this name. */
    public Optional<BlockStatistics> block(String name) {
        return blocks.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** Names of the blocks with failing entries, in block order. */
    public List<String> wrongBlocks() {
        return wrongBlocks;
    }

    /** Every checked entry, in block order then flat index order. */
    public List<EntryResult> entries() {
        return entries;
    }

    /**
     * Entries the check was to judge but did not reach, because it stopped at its budget or at an interrupt (0 when it
     * ran to the end). A report with any is never PASSED.
     */
    public int entriesNotChecked() {
        return entriesNotChecked;
    }

    /** The entry with this label, e.g. {@code dense1.W[2,0]}, if it was checked. */
    public Optional<EntryResult> entry(String label) {
        return entries.stream().filter(e -> e.label().equals(label)).findFirst();
    }

    /**
     * Entries ordered from the most wrong down — failures first, then unresolved entries, each by |a − n| / tolerance
     * — at most {@code limit} of them. A bounded selection, O(P log limit), so a report on a million entries does not
     * sort them all.
     */
    public List<EntryResult> worstEntries(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Comparator<EntryResult> worstFirst = Comparator.comparingInt(GradientReport::severity)
                .thenComparing(Comparator.comparingDouble(EntryResult::errorRatio).reversed());
        java.util.PriorityQueue<EntryResult> kept = new java.util.PriorityQueue<>(limit + 1, worstFirst.reversed());
        for (EntryResult e : entries) {
            kept.add(e);
            if (kept.size() > limit) {
                kept.poll();
            }
        }
        List<EntryResult> worst = new java.util.ArrayList<>(kept);
        worst.sort(worstFirst);
        return worst;
    }

    private static int severity(EntryResult e) {
        return e.verdict().fails() ? 0 : e.verdict() == EntryVerdict.UNRESOLVED ? 1 : 2;
    }

    /** Entries at kinks: non-differentiable points where the analytic value is a valid one-sided derivative. */
    public List<EntryResult> kinks() {
        return entries.stream().filter(e -> e.verdict() == EntryVerdict.KINK).toList();
    }

    /** Entries the numbers cannot decide (their notes say why). */
    public List<EntryResult> unresolved() {
        return entries.stream().filter(e -> e.verdict() == EntryVerdict.UNRESOLVED).toList();
    }

    /** Entries that fail. */
    public List<EntryResult> failures() {
        return entries.stream().filter(e -> e.verdict().fails()).toList();
    }

    @Override
    public String toString() {
        return summary;
    }
}
