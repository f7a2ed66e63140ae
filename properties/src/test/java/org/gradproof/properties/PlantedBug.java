package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.CheckOptions;
import org.gradproof.check.EntryResult;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where to plant a bug so that it is resolvable: the correct network's own report says which entries a relative error
 * of a given size would stand out in.
 */
final class PlantedBug {

    static final double MARGIN = 100;

    private final Object networkCase;
    private final java.util.function.Supplier<BlockFunction> objectives;
    private final GradientReport correct;

    /**
     * Checks the correct network first: a false alarm there fails the property too. A correct network the checker
     * cannot decide (INCONCLUSIVE) gives nothing to plant a bug against: see {@link #usable()}.
     */
    PlantedBug(NetworkCase networkCase) {
        this(networkCase, networkCase::objective);
    }

    /** As {@link #PlantedBug(NetworkCase)} for any case that builds fresh objectives. */
    PlantedBug(Object networkCase, java.util.function.Supplier<BlockFunction> objectives) {
        this.networkCase = networkCase;
        this.objectives = objectives;
        this.correct = GradientCheck.check(objectives.get());
        if (!correct.passed() && correct.diagnosis() != org.gradproof.check.Diagnosis.INCONCLUSIVE) {
            throw new AssertionError("false alarm on the correct network " + networkCase + "\n" + correct.summary());
        }
    }

    /** Whether the correct network passed, so that a planted bug can be measured against it. */
    boolean usable() {
        return correct.passed();
    }

    /**
     * How far the fitted k = Σ a·n / Σ n² of block b may be from the planted k, given the error bars of its numerical
     * entries: |Δk| ≤ |k| · 3 Σ |n| · err / Σ n², plus a relative 1e-9.
     */
    double scaleUncertainty(int b, double k) {
        // Divided by the largest |n| first, so gradients of 1e-180 do not underflow when squared.
        double largest = entries(b).stream().mapToDouble(e -> Math.abs(e.numeric())).max().orElse(0);
        double weightedError = 0;
        double squares = 0;
        for (EntryResult e : entries(b)) {
            double n = e.numeric() / largest;
            weightedError += Math.abs(n) * e.tolerance() / largest;
            squares += n * n;
        }
        return Math.abs(k) * (1e-9 + 3 * weightedError / squares);
    }

    GradientReport correctReport() {
        return correct;
    }

    /** A fresh objective of the case (the correct one). */
    BlockFunction objective() {
        return objectives.get();
    }

    /** The first block at or after {@code choice} (cyclically) satisfying {@code test}; none if the case is unusable. */
    Optional<Integer> block(int choice, Predicate<Integer> test) {
        if (!usable()) {
            return Optional.empty();
        }
        int blocks = correct.blocks().size();
        for (int i = 0; i < blocks; i++) {
            int b = (choice + i) % blocks;
            if (test.test(b)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** Whether an error of relative size {@code relative} in block b would be resolvable in at least one entry. */
    boolean resolvable(int b, double relative) {
        return entries(b).stream().anyMatch(e -> resolvable(e, relative));
    }

    /**
     * Whether a relative error in this entry would stand out: above {@value #MARGIN} × the entry's measurement error
     * plus twice its relative tolerance (the effective one, raised for ill-conditioned losses), for an entry the central difference alone resolved in the correct network
     * (entries that needed re-measuring sit at kinks or where the loss is quantised, where re-measuring with other
     * steps may excuse more).
     */
    boolean resolvable(EntryResult e, double relative) {
        double n = Math.abs(e.numeric());
        double relativePart = e.tolerance() - e.measurementError();
        return e.verdict() == org.gradproof.check.EntryVerdict.PASSED && !e.refined()
                && relative * n > MARGIN * e.measurementError() + 2 * relativePart
                && n > SETTLED_MARGIN * negligible(e.block());
    }

    /**
     * How far above {@link #negligible} a derivative must lie for the checker not to settle it: it settles an entry
     * whose claim is at most that size and whose measurement, bar included, at most twice it.
     */
    static final double SETTLED_MARGIN = 4;

    /**
     * The size below which the checker settles a derivative of block b as negligible whatever its claim:
     * negligibleGradient · G with G the block's largest claim, but at least the rounding model's floor (see
     * {@code GradientCheck}; default options). A bug that moves no entry beyond it is not one the checker promises to
     * see: a transposed 2 × 2 block whose off-diagonal entries are 0 and 2.2e-6 beside a diagonal 0.12 passes, and
     * rightly (a random CI seed planted one). Planted bugs need an entry above {@link #SETTLED_MARGIN} times it.
     */
    double negligible(int b) {
        CheckOptions options = CheckOptions.defaults();
        double largest = entries(b).stream().mapToDouble(e -> Math.abs(e.analytic())).max().orElse(0);
        double floor = options.noiseFactor() * Math.ulp(1.0) * (correct.loss() == 0 ? 1 : Math.abs(correct.loss()))
                / options.negligibleGradient();
        return options.negligibleGradient() * Math.max(largest, floor);
    }

    /** Whether transposing block b (a square matrix) changes some entry resolvably. */
    boolean transposable(int b) {
        ParameterBlock block = objective().blocks().get(b);
        int[] shape = block.shape();
        if (shape.length != 2 || shape[0] != shape[1] || shape[0] < 2) {
            return false;
        }
        List<EntryResult> entries = entries(b);
        int r = shape[0];
        for (EntryResult e : entries) {
            EntryResult mirror = entries.get((e.index() % r) * r + e.index() / r);
            double change = Math.abs(e.numeric() - mirror.numeric());
            if (!e.refined() && !mirror.refined() && change > MARGIN * (e.tolerance() + mirror.tolerance())
                    && Math.max(Math.abs(e.numeric()), Math.abs(mirror.numeric())) > SETTLED_MARGIN * negligible(b)) {
                return true;
            }
        }
        return false;
    }

    /** The entry of block b whose numerical value is largest relative to its measurement error. */
    EntryResult bestResolvedEntry(int b) {
        return entries(b).stream().max((x, y) -> Double.compare(Math.abs(x.numeric()) / x.measurementError(),
                Math.abs(y.numeric()) / y.measurementError())).orElseThrow();
    }

    String blockName(int b) {
        return correct.blocks().get(b).name();
    }

    List<EntryResult> entries(int b) {
        return correct.entries().stream().filter(e -> e.block() == b).toList();
    }

    @Override
    public String toString() {
        return networkCase.toString();
    }
}
