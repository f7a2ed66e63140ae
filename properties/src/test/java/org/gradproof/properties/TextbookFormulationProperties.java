package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;
import org.gradproof.properties.readme.TextbookMlp;
import org.gradproof.properties.readme.TextbookMlp.Bug;
import org.gradproof.properties.readme.TextbookMlp.Formulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Correct user code written the textbook way must never be failed (issue 10 item 1): random small MLPs (depth 1–3,
 * widths 1–6, batch 1–16, tanh/sigmoid hidden layers, weights up to ±4 so that predictions get confident) whose loss
 * and gradient are computed by hand in {@link TextbookMlp} in three {@link Formulation}s — softmax cross-entropy as
 * max-shifted log-sum-exp minus z_y, as −log softmax(z)_y from p, and naive sigmoid BCE from σ(z) — each with the
 * gradient p − y (σ(z) − y). Their losses round at ε·|z| or ε·|log p| rather than at ε·|L|, which once made the checker
 * fail them (SCALED k = 0.99997, MISMATCH 0 vs 4e-16). A correct gradient is PASSED or INCONCLUSIVE, never failed; a
 * planted bug (the output layer not averaged, the first hidden layer's φ′ taken of a, the gradient negated) is never
 * PASSED, and mostly FAILED. The shares are printed; the bounds below were measured over many random seeds.
 */
class TextbookFormulationProperties {

    /** Examples for the correct gradients: QuickTheories' default (1000, or -DQT_EXAMPLES). */
    private static final int EXAMPLES = Examples.share(1);
    /** Examples for the planted bugs, whose diagnosis costs more: 300 by default ({@link Examples}). */
    private static final int PLANTED_EXAMPLES = Examples.share(0.3);

    /**
     * Measured over 6 random seeds of 1000: 0–1 inconclusive (≤ 0.1 %, LOG_SUM_EXP), none failed, ~9 % of the cases
     * confident (loss < 1e-4, down to 1e-9); over one run of 20,000: 17 inconclusive (0.085 %), none failed. The bound
     * is the "small share": 5 %.
     */
    private static final double MAX_INCONCLUSIVE = 0.05;
    /** Measured over 6 random seeds of 300: every planted bug that changes the gradient FAILED (100 %), none passed. */
    private static final double MIN_PLANTED_FAILED = 0.90;

    private static final Bug[] PLANTED = {Bug.OUTPUT_NOT_AVERAGED, Bug.FIRST_HIDDEN_DERIVATIVE_OF_A, Bug.NEGATED};

    /** A network and batch: widths, activations, weight scale, weights and data all drawn from {@code seed}. */
    record Case(Formulation formulation, int depth, int batch, long seed) {

        private SplittableRandom random() {
            return new SplittableRandom(seed);
        }

        /** Inputs, then each layer's units; a softmax output has at least 2 units (1 would make the loss 0). */
        int[] widths() {
            SplittableRandom r = random();
            int[] widths = new int[depth + 1];
            for (int l = 0; l <= depth; l++) {
                widths[l] = 1 + r.nextInt(6);
            }
            if (formulation != Formulation.NAIVE_SIGMOID_BCE) {
                widths[depth] = Math.max(2, widths[depth]);
            }
            return widths;
        }

        String[] hidden() {
            SplittableRandom r = new SplittableRandom(seed + 1);
            String[] hidden = new String[depth - 1];
            Arrays.setAll(hidden, l -> r.nextBoolean() ? "tanh" : "sigmoid");
            return hidden;
        }

        /** Weights and biases U(±scale): scale 4 where the labels are the network's own, else one of 0.5, 1, 2, 4. */
        double scale() {
            return ownLabels() ? 4 : new double[] {0.5, 1, 2, 4}[new SplittableRandom(seed + 2).nextInt(4)];
        }

        double[][][] w() {
            int[] widths = widths();
            SplittableRandom r = new SplittableRandom(seed + 3);
            double[][][] w = new double[depth][][];
            for (int l = 0; l < depth; l++) {
                w[l] = new double[widths[l + 1]][widths[l]];
                for (double[] row : w[l]) {
                    Arrays.setAll(row, j -> scale() * (2 * r.nextDouble() - 1));
                }
            }
            return w;
        }

        double[][] b() {
            int[] widths = widths();
            SplittableRandom r = new SplittableRandom(seed + 4);
            double[][] b = new double[depth][];
            for (int l = 0; l < depth; l++) {
                b[l] = new double[widths[l + 1]];
                Arrays.setAll(b[l], i -> scale() * (2 * r.nextDouble() - 1));
            }
            return b;
        }

        /**
         * Inputs U(±1.5); where the labels are the network's own, each the most confident of 30 such draws (the
         * largest margin of its predictions), as a trained network is on its training data.
         */
        double[][] x() {
            SplittableRandom r = new SplittableRandom(seed + 5);
            TextbookMlp net = ownLabels() ? new TextbookMlp(formulation, Bug.NONE, w(), b(), hidden()) : null;
            double[][] x = new double[batch][];
            for (int n = 0; n < batch; n++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int draw = 0; draw < (net == null ? 1 : 30); draw++) {
                    double[] candidate = new double[widths()[0]];
                    Arrays.setAll(candidate, j -> 3 * r.nextDouble() - 1.5);
                    double margin = net == null ? 0 : margin(net.logits(candidate));
                    if (margin > best) {
                        best = margin;
                        x[n] = candidate;
                    }
                }
            }
            return x;
        }

        /** How sure the prediction is: the top logit's lead over the next (softmax), the smallest |z_j| (sigmoid). */
        private double margin(double[] z) {
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            double smallest = Double.POSITIVE_INFINITY;
            for (double zj : z) {
                second = Math.max(second, Math.min(first, zj));
                first = Math.max(first, zj);
                smallest = Math.min(smallest, Math.abs(zj));
            }
            return formulation == Formulation.NAIVE_SIGMOID_BCE ? smallest : first - second;
        }

        /**
         * Whether the targets are the network's own predictions (half the cases): then large weights make it
         * confident and right, the loss tiny next to the logits — where textbook losses lose their precision.
         */
        boolean ownLabels() {
            return new SplittableRandom(seed + 7).nextBoolean();
        }

        /**
         * One-hot classes for softmax, independent 0/1 labels per output unit for the BCE: drawn at random, or the
         * network's own predictions (argmax z; z > 0).
         */
        double[][] y() {
            SplittableRandom r = new SplittableRandom(seed + 6);
            int outputs = widths()[depth];
            double[][] x = x();
            TextbookMlp net = new TextbookMlp(formulation, Bug.NONE, w(), b(), hidden());
            double[][] y = new double[batch][outputs];
            for (int n = 0; n < batch; n++) {
                double[] z = net.logits(x[n]);
                double[] row = y[n];
                if (formulation == Formulation.NAIVE_SIGMOID_BCE) {
                    Arrays.setAll(row, j -> (ownLabels() ? z[j] > 0 : r.nextBoolean()) ? 1 : 0);
                } else {
                    int argmax = 0;
                    for (int j = 1; j < outputs; j++) {
                        argmax = z[j] > z[argmax] ? j : argmax;
                    }
                    row[ownLabels() ? argmax : r.nextInt(outputs)] = 1;
                }
            }
            return y;
        }

        /** The same network and batch made fit to show {@code bug}: a hidden layer for φ′, two examples for 1/m. */
        Case fitFor(Bug bug) {
            return new Case(formulation, bug == Bug.FIRST_HIDDEN_DERIVATIVE_OF_A ? Math.max(2, depth) : depth,
                    bug == Bug.OUTPUT_NOT_AVERAGED ? Math.max(2, batch) : batch, seed);
        }

        /** The user's network as the checker sees it, with {@code bug} planted in its gradient (NONE: correct). */
        Textbook with(Bug bug) {
            return new Textbook(formulation, bug, w(), b(), hidden(), x(), y());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, widths %s, hidden %s, batch %d, weights U(±%s), %s labels, seed %dL",
                    formulation, Arrays.toString(widths()), Arrays.toString(hidden()), batch, scale(),
                    ownLabels() ? "own" : "random", seed)
                    + " — new TextbookFormulationProperties.Case(Formulation." + formulation + ", " + depth + ", "
                    + batch + ", " + seed + "L)";
        }
    }

    /** The network over named blocks dense1.W, dense1.b, …, rebuilt from them on every call, as the README does it. */
    static final class Textbook implements BlockFunction {
        private final Formulation formulation;
        private final Bug bug;
        private final String[] hidden;
        private final double[][] x;
        private final double[][] y;
        private final List<ParameterBlock> blocks = new ArrayList<>();

        Textbook(Formulation formulation, Bug bug, double[][][] w, double[][] b, String[] hidden, double[][] x,
                 double[][] y) {
            this.formulation = formulation;
            this.bug = bug;
            this.hidden = hidden;
            this.x = x;
            this.y = y;
            for (int l = 0; l < w.length; l++) {
                double[] flat = new double[w[l].length * w[l][0].length];
                for (int i = 0; i < w[l].length; i++) {
                    System.arraycopy(w[l][i], 0, flat, i * w[l][0].length, w[l][0].length);
                }
                blocks.add(new ParameterBlock("dense" + (l + 1) + ".W", flat, w[l].length, w[l][0].length));
                blocks.add(new ParameterBlock("dense" + (l + 1) + ".b", b[l].clone(), b[l].length));
            }
        }

        @Override
        public List<ParameterBlock> blocks() {
            return blocks;
        }

        @Override
        public double value() {
            return network(Bug.NONE).loss(x, y);
        }

        @Override
        public double[][] gradient() {
            TextbookMlp.Gradients g = network(bug).gradients(x, y);
            double[][] grads = new double[blocks.size()][];
            for (int l = 0; l < g.dw().length; l++) {
                grads[2 * l] = Arrays.stream(g.dw()[l]).flatMapToDouble(Arrays::stream).toArray();
                grads[2 * l + 1] = g.db()[l];
            }
            return grads;
        }

        @Override
        public List<KnownFactor> knownFactors() {
            return List.of(new KnownFactor("the batch size m", x.length),
                    new KnownFactor("the number of output units", y[0].length));
        }

        private TextbookMlp network(Bug planted) {
            int layers = blocks.size() / 2;
            double[][][] w = new double[layers][][];
            double[][] b = new double[layers][];
            for (int l = 0; l < layers; l++) {
                int[] shape = blocks.get(2 * l).shape();
                double[] flat = blocks.get(2 * l).data();
                w[l] = new double[shape[0]][];
                for (int i = 0; i < shape[0]; i++) {
                    w[l][i] = Arrays.copyOfRange(flat, i * shape[1], (i + 1) * shape[1]);
                }
                b[l] = blocks.get(2 * l + 1).data().clone();
            }
            return new TextbookMlp(formulation, planted, w, b, hidden);
        }
    }

    private static final Gen<Case> CASES = integers().between(0, Formulation.values().length - 1).zip(
            integers().between(1, 3), integers().between(1, 16), longs().all(),
            (f, depth, batch, seed) -> new Case(Formulation.values()[f], depth, batch, seed));

    /** A tally of verdicts per formulation or bug, printed at the end of a property. */
    private static final class Tally<K extends Enum<K>> {
        private final Map<K, int[]> counts;

        Tally(Class<K> type) {
            counts = new EnumMap<>(type);
        }

        /** 0 passed, 1 inconclusive, 2 failed, 3 skipped (infinite loss). */
        synchronized void add(K key, int verdict) {
            counts.computeIfAbsent(key, k -> new int[4])[verdict]++;
        }

        String text() {
            StringBuilder s = new StringBuilder();
            counts.forEach((k, c) -> s.append(String.format(Locale.ROOT,
                    "  %-28s passed %4d, inconclusive %4d, failed %4d, skipped (infinite loss) %d%n", k, c[0], c[1],
                    c[2], c[3])));
            return s.toString();
        }
    }

    private static int verdict(GradientReport r) {
        return r.passed() ? 0 : r.diagnosis() == Diagnosis.INCONCLUSIVE ? 1 : 2;
    }

    @Test
    void aCorrectTextbookGradientIsNeverFailed() {
        Exercised checked = new Exercised("correct textbook gradients checked (finite loss)");
        Exercised inconclusive = new Exercised("correct textbook gradients INCONCLUSIVE");
        Exercised confident = new Exercised("confident cases (loss < 1e-4) among those checked");
        Tally<Formulation> tally = new Tally<>(Formulation.class);
        int[] skipped = new int[1];
        qt().withExamples(EXAMPLES).forAll(CASES).checkAssert(c -> {
            checked.example();
            Textbook f = c.with(Bug.NONE);
            if (!Double.isFinite(f.value())) {
                synchronized (skipped) {
                    skipped[0]++;
                }
                tally.add(c.formulation(), 3);   // a naive log of 0: the user's loss itself is infinite here
                return;
            }
            checked.hit();
            confident.example();
            if (f.value() < 1e-4) {
                confident.hit();
            }
            GradientReport r = GradientCheck.check(f);
            int v = verdict(r);
            tally.add(c.formulation(), v);
            inconclusive.example();
            if (v == 1) {
                inconclusive.hit();
            }
            assertNotEquals(2, v, () -> "a correct textbook gradient FAILED: " + c + "\n" + r.summary());
        });
        System.out.println("TextbookFormulationProperties, correct gradients (" + EXAMPLES + " examples, "
                + skipped[0] + " skipped: infinite naive loss; " + confident.count() + " confident, loss < 1e-4):\n"
                + tally.text());
        checked.requireAtLeast(0.9);
        confident.requireAtLeast(0.05);
        inconclusive.requireAtMost(MAX_INCONCLUSIVE);
    }

    /**
     * The false alarms fresh seeds once found: naive sigmoid BCE on a confidently wrong output computes log(1 − σ)
     * from a σ rounded near 1, so that the loss moves in stairs (7e-10 high, a few steps h apart along a first-layer
     * weight) with the smooth rest of the loss in between. The first case read dense1.W[3,2] 3.4e-6 (relative) off,
     * 34 times its bar, while the wider steps agreed with the claim: such a conflict now leaves the entry unresolved.
     * The other two (a CI run's seed and a 10,000-example run's) read dense1.W[4,2] 3.5e-4 and dense1.W[4,1] 2.4e-5
     * off from every step between two stairs, and the wider steps were too irregular to be trusted: the stairs found
     * around x, which could hide that much slope, now leave them unresolved.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2 2 -184447750135275168", "2 4 -591971136169429844", "2 2 -3570738753"})
    void theNaiveSigmoidBceCasesThatOnceFailedAreNotFailed(String depthBatchSeed) {
        String[] d = depthBatchSeed.split(" ");
        Case c = new Case(Formulation.NAIVE_SIGMOID_BCE, Integer.parseInt(d[0]), Integer.parseInt(d[1]),
                Long.parseLong(d[2]));
        GradientReport r = GradientCheck.check(c.with(Bug.NONE));
        assertNotEquals(2, verdict(r), () -> c + "\n" + r.summary());
    }

    /**
     * A false alarm a CI run's fresh seed found (on stop 19's checker too): a log-sum-exp loss of 2.8e-5, computed as
     * the difference of logits near 3, moves only in steps of 4.4e-16; a saturated tanh unit's weights claim slopes of
     * 1e-16 … 1e-15, too small to move it by one such step within ±1, and f's bit-exact flatness there convicted them
     * at a tolerance of 1e-17. Flatness below the smallest move f shows anywhere now leaves them unresolved.
     */
    @Test
    void theLogSumExpCaseWithAFlatSaturatedUnitIsNotFailed() {
        Case c = new Case(Formulation.LOG_SUM_EXP, 2, 2, -1495200764149064138L);
        GradientReport r = GradientCheck.check(c.with(Bug.NONE));
        assertNotEquals(2, verdict(r), () -> c + "\n" + r.summary());
    }

    @Test
    void aPlantedBugInATextbookGradientIsNeverPassed() {
        Exercised planted = new Exercised("planted bugs that change the gradient, checked");
        Exercised failed = new Exercised("planted bugs FAILED");
        Exercised confident = new Exercised("confident cases (loss < 1e-4) among the planted bugs checked");
        Tally<Bug> tally = new Tally<>(Bug.class);
        int[] skipped = new int[1];
        qt().withExamples(PLANTED_EXAMPLES).forAll(CASES, integers().between(0, PLANTED.length - 1)).checkAssert((k, i) -> {
            planted.example();
            Bug bug = PLANTED[i];
            Case c = k.fitFor(bug);
            Textbook f = c.with(bug);
            if (!Double.isFinite(f.value())) {
                synchronized (skipped) {
                    skipped[0]++;
                }
                tally.add(bug, 3);
                return;
            }
            if (!changes(c, bug)) {
                return;   // the bug leaves this gradient as it is (to 1e-3 of its largest entry): nothing to find
            }
            planted.hit();
            confident.example();
            if (f.value() < 1e-4) {
                confident.hit();
            }
            GradientReport r = GradientCheck.check(f);
            int v = verdict(r);
            tally.add(bug, v);
            failed.example();
            if (v == 2) {
                failed.hit();
            }
            assertFalse(r.passed(), () -> "a planted " + bug + " PASSED: " + c + "\n" + r.summary());
        });
        System.out.println("TextbookFormulationProperties, planted bugs (" + PLANTED_EXAMPLES + " examples, " + skipped[0]
                + " skipped: infinite naive loss; " + confident.count() + " confident, loss < 1e-4):\n" + tally.text());
        planted.requireAtLeast(0.8);
        failed.requireAtLeast(MIN_PLANTED_FAILED);
    }

    /** Whether {@code bug} moves some gradient entry by more than 1e-3 of the largest entry of either gradient. */
    private static boolean changes(Case c, Bug bug) {
        double[][] right = c.with(Bug.NONE).gradient();
        double[][] wrong = c.with(bug).gradient();
        double largest = 0;
        double moved = 0;
        for (int k = 0; k < right.length; k++) {
            for (int j = 0; j < right[k].length; j++) {
                largest = Math.max(largest, Math.max(Math.abs(right[k][j]), Math.abs(wrong[k][j])));
                moved = Math.max(moved, Math.abs(right[k][j] - wrong[k][j]));
            }
        }
        return moved > 1e-3 * largest && moved > 0;
    }
}
