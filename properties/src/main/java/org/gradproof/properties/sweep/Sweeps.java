package org.gradproof.properties.sweep;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.EntryResult;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.ParameterBlock;
import org.gradproof.properties.CorruptedGradient;

import java.io.PrintStream;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The checker sweeps: many correct models, where every verdict but PASSED needs a reason (a non-finite loss is
 * NON_FINITE; INCONCLUSIVE is counted and must stay rare; anything else is a false alarm), and the same models with a
 * bug planted in one block, where PASSED is a miss.
 *
 * <p>Run the large sweeps with {@code mvn -Psweep verify} (see the parent pom); {@code mvn verify} runs a sample of
 * the same generators in {@code CheckerSweepTest}.
 */
public final class Sweeps {

    /** The bugs planted in the detection sweep. */
    public enum Bug { SIGN_FLIP, SCALED_BY_2, SCALED_BY_HALF, ZEROED, SCALED_BY_1_01 }

    private Sweeps() {
    }

    /** Checks {@code count} correct models of the sweep with this seed; progress every {@code every} cases. */
    public static SweepResult correctModels(long seed, int count, PrintStream progress, int every) {
        SweepResult result = new SweepResult();
        for (int i = 0; i < count; i++) {
            SweepCase c = SweepCases.draw(seed, i);
            GradientReport report = GradientCheck.check(c.objective());
            SweepResult.Outcome outcome = report.passed() ? SweepResult.Outcome.PASSED
                    : report.diagnosis() == Diagnosis.INCONCLUSIVE ? SweepResult.Outcome.INCONCLUSIVE
                    : report.diagnosis() == Diagnosis.NON_FINITE && notFiniteNearby(c.objective(), report)
                    ? SweepResult.Outcome.NON_FINITE : SweepResult.Outcome.FALSE_ALARM;
            result.add(c.family(), outcome, outcome == SweepResult.Outcome.PASSED
                    || outcome == SweepResult.Outcome.NON_FINITE ? null : c + "\n" + report.summary());
            report(progress, every, i, count, result);
        }
        return result;
    }

    /**
     * Plants a bug in one block (chosen with the seed among those with a nonzero gradient) of each of {@code count}
     * correct models and checks it: DETECTED if the report fails, INCONCLUSIVE, or MISSED if it passes. Models whose
     * correct report is not PASSED are skipped (there is nothing to detect against).
     */
    public static SweepResult plantedBugs(long seed, int count, Bug bug, PrintStream progress, int every) {
        SweepResult result = new SweepResult();
        for (int i = 0; i < count; i++) {
            SweepCase c = SweepCases.draw(seed, i);
            GradientReport correct = GradientCheck.check(c.objective());
            if (correct.passed()) {
                int block = blockWithGradient(c.objective(), correct, new SplittableRandom(seed ^ i));
                if (block >= 0) {
                    BlockFunction wrong = plant(c.objective(), block, bug);
                    GradientReport report = GradientCheck.check(wrong);
                    SweepResult.Outcome outcome = report.passed() ? SweepResult.Outcome.MISSED
                            : report.diagnosis() == Diagnosis.INCONCLUSIVE ? SweepResult.Outcome.INCONCLUSIVE
                            : SweepResult.Outcome.DETECTED;
                    result.add(c.family(), outcome, outcome == SweepResult.Outcome.DETECTED ? null
                            : c + ", " + bug + " on " + wrong.blocks().get(block).name() + "\n" + report.summary());
                }
            }
            report(progress, every, i, count, result);
        }
        return result;
    }

    static BlockFunction plant(BlockFunction f, int block, Bug bug) {
        return switch (bug) {
            case SIGN_FLIP -> CorruptedGradient.signFlipped(f, block);
            case SCALED_BY_2 -> CorruptedGradient.scaled(f, block, 2);
            case SCALED_BY_HALF -> CorruptedGradient.scaled(f, block, 0.5);
            case ZEROED -> CorruptedGradient.zeroed(f, block);
            case SCALED_BY_1_01 -> CorruptedGradient.scaled(f, block, 1.01);
        };
    }

    /**
     * A block with an entry the correct check resolved well (its derivative 100 times its error bar, and not below
     * 1e-3 of the largest), chosen at random; or −1. A network saturated everywhere has gradients of 1e-50 next to a
     * loss of 1: a bug planted there changes nothing any finite difference could see, and is not counted.
     */
    private static int blockWithGradient(BlockFunction f, GradientReport correct, SplittableRandom r) {
        List<ParameterBlock> blocks = f.blocks();
        double largest = correct.entries().stream().mapToDouble(e -> Math.abs(e.analytic())).max().orElse(0);
        List<Integer> candidates = new java.util.ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            int block = b;
            if (correct.entries().stream().anyMatch(e -> e.block() == block
                    && Math.abs(e.analytic()) > 1e-3 * largest && largest > 0
                    && Math.abs(e.numeric()) > 100 * e.measurementError())) {
                candidates.add(b);
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(r.nextInt(candidates.size()));
    }

    /** Whether the loss is not finite at the point or one screening step from an entry the report names. */
    static boolean notFiniteNearby(BlockFunction f, GradientReport report) {
        if (!Double.isFinite(report.loss())) {
            return true;
        }
        for (EntryResult e : report.entries()) {
            if (e.verdict() != org.gradproof.check.EntryVerdict.NON_FINITE) {
                continue;
            }
            if (!Double.isFinite(e.analytic())) {
                return true;
            }
            double[] data = f.blocks().get(e.block()).data();
            double x = data[e.index()];
            double h = Math.scalb(1.0, Math.getExponent(org.gradproof.check.CheckOptions.STEP_FACTOR
                    * Math.max(1, Math.abs(x))));
            for (double trial : new double[] {x + h, x - h, x + 2 * h, x - 2 * h}) {
                data[e.index()] = trial;
                double value = f.value();
                data[e.index()] = x;
                if (!Double.isFinite(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void report(PrintStream progress, int every, int i, int count, SweepResult result) {
        if (progress != null && every > 0 && ((i + 1) % every == 0 || i + 1 == count)) {
            progress.printf(java.util.Locale.ROOT, "  %d of %d: %d passed, %d inconclusive, %d false alarms%n",
                    i + 1, count, result.count(SweepResult.Outcome.PASSED) + result.count(SweepResult.Outcome.DETECTED),
                    result.count(SweepResult.Outcome.INCONCLUSIVE),
                    result.count(SweepResult.Outcome.FALSE_ALARM) + result.count(SweepResult.Outcome.MISSED));
        }
    }
}
