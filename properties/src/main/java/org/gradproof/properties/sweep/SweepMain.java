package org.gradproof.properties.sweep;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The large sweeps, run by {@code mvn -Psweep verify} (see properties/pom.xml): many correct models (every verdict but
 * PASSED needs a reason), then each planted bug in a share of them (PASSED is a miss). Prints one table per sweep and
 * the first reports of every bad outcome. Arguments: correct-model count, planted-bug count per bug, seed.
 */
public final class SweepMain {

    private SweepMain() {
    }

    public static void main(String[] args) {
        int correct = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int planted = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        PrintStream out = System.out;
        long start = System.nanoTime();
        out.printf(Locale.ROOT, "== correct models: %d, seed %d%n", correct, seed);
        SweepResult result = Sweeps.correctModels(seed, correct, out, Math.max(1, correct / 20));
        out.print(result.table());
        examples(out, result, SweepResult.Outcome.FALSE_ALARM, SweepResult.Outcome.INCONCLUSIVE);
        for (Sweeps.Bug bug : Sweeps.Bug.values()) {
            out.printf(Locale.ROOT, "%n== planted %s: %d models, seed %d%n", bug, planted, seed + 1);
            SweepResult detection = Sweeps.plantedBugs(seed + 1, planted, bug, out, Math.max(1, planted / 10));
            out.print(detection.table());
            int detected = detection.count(SweepResult.Outcome.DETECTED);
            int missed = detection.count(SweepResult.Outcome.MISSED);
            out.printf(Locale.ROOT, "detection rate %.4f (%d detected, %d inconclusive, %d missed)%n",
                    detected / (double) Math.max(1, detection.total()), detected,
                    detection.count(SweepResult.Outcome.INCONCLUSIVE), missed);
            examples(out, detection, SweepResult.Outcome.MISSED);
        }
        out.printf(Locale.ROOT, "%n== done in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static void examples(PrintStream out, SweepResult result, SweepResult.Outcome... outcomes) {
        for (SweepResult.Outcome o : outcomes) {
            for (String e : result.examples(o)) {
                out.println("--- " + o + ": " + e);
            }
        }
    }
}
