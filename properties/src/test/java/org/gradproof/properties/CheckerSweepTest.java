package org.gradproof.properties;

import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.properties.sweep.SweepCase;
import org.gradproof.properties.sweep.SweepCases;
import org.gradproof.properties.sweep.SweepFamily;
import org.gradproof.properties.sweep.SweepResult;
import org.gradproof.properties.sweep.Sweeps;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sample of the checker sweeps ({@code mvn -Psweep verify} runs 100,000 models): correct models of every family
 * (MLPs at weight scales 1e-12 … 1e4 and batch 1 … 64, ReLU units at and next to their kinks, saturated sigmoids,
 * softmax logits near ±700, LSTMs, float32) are never FAILED; at most 5 % of the float64 ones INCONCLUSIVE (measured
 * 2–4 % on 600-model samples, mostly saturated units and units next to a kink; 5.2 % on this seed's 500 once a kink
 * not pinned to x neither acquits nor convicts from the slopes beyond it, 4.4 % since ramps out of a flat stretch no
 * longer pass for noise, 3.2 % since each side's clean steps can prove an entry beside a kink, 1.4 % once wide
 * windows with kinks and fits were added, blocks below the loss's precision lost their exemption and G's floor came
 * down to the rounding model's noise; float32 is counted, not bounded);
 * planted sign flips are never PASSED. Seeded: {@code -Dsweep.seed} picks another sample.
 */
class CheckerSweepTest {

    private static final long SEED = Long.getLong("sweep.seed", 20261206);

    @Test
    void correctModelsAreNeverFailed() {
        SweepResult r = Sweeps.correctModels(SEED, Integer.getInteger("sweep.correct", 600), null, 0);
        System.out.println("CheckerSweepTest, seed " + SEED + ":\n" + r.table());
        assertEquals(0, r.count(SweepResult.Outcome.FALSE_ALARM), () -> String.join("\n\n",
                r.examples(SweepResult.Outcome.FALSE_ALARM)));
        int float64 = r.total() - r.total(SweepFamily.FLOAT32);
        int float64Inconclusive = r.count(SweepResult.Outcome.INCONCLUSIVE)
                - r.count(SweepFamily.FLOAT32, SweepResult.Outcome.INCONCLUSIVE);
        assertTrue(float64Inconclusive <= Math.max(2, 0.05 * float64), () -> float64Inconclusive + " of " + float64
                + " float64 models inconclusive\n" + String.join("\n\n", r.examples(SweepResult.Outcome.INCONCLUSIVE)));
    }

    /**
     * Correct models that larger sweeps once failed, each for a mechanism now fixed: a float32 network so saturated
     * that its loss never moved under any step, only f(x) seen, so its float rounding went unrecognised (seed 13, case
     * 8585); a leaky-ReLU unit of weights 1e-4 whose 64 examples put 64 kinks around x, so that wide central
     * differences converged smoothly to the slope averaged over the cluster (seed 13, case 9384); the same in a float32
     * network (seed 21, case 1235); a float32 BCE over an erf-logistic output near 1, whose loss moves only in stairs
     * 0.0066 high and 0.125 apart and is exactly flat for every step of the ladder around x, so that the small steps
     * convicted the slope the stairs climb at (seed 29, case 3773); another whose stairs (0.0025 high, the nearest
     * 0.29 from x) are farther apart than every step, so that the steps read the smooth terms' slope alone, −0.00497
     * against the claimed −0.00538 (seed 29, case 4703), and one where a stair of 9e-4 at 0.42 hides 0.0012 of the
     * slope behind a smaller stair nearer x (seed 100, case 9641, found by the 100,000-model sweep); a float32 ReLU
     * net whose bias has its 16 examples' kinks within 0.005 of x, which the noise windows reaching beyond the widest
     * step read as noise 6 float ulps high, so that only the steps across the kinks were precise enough to judge and
     * convicted the right slope, 0.0026 against their 0.0001 (seed 100, case 27875, the same sweep); and three float32
     * leaky-ReLU nets at weights of 0.1 whose wide steps straddle a cluster of kinks and drift towards the right slope
     * as they shrink (seed 101, cases 12683, 17177, 18749, from a 38,000-model sweep); a float32 ReLU network at weight
     * scale 0.1 whose loss is bit-flat within ±0.004 of x, so that only steps of 0.25 to 1 — wider than every
     * parameter, across units switching — resolved a slope, −5e-5 against the right 4.1e-4 (seed 102, case 2111);
     * and a float32 ReLU network whose first bias the entries' fit alone put at k = 1.0068 ± 0.0067, excluding 1 by
     * 0.6 % of its bar, while the bias's gradient direction agrees with the claim (seed 105, case 8339, from a
     * 100,000-model sweep).
     */
    @Test
    void formerFalseAlarmsAreNotFailed() {
        long[][] cases = {{13, 8585}, {13, 9384}, {21, 1235}, {29, 3773}, {29, 4703}, {100, 9641}, {100, 27875},
            {101, 12683}, {101, 17177}, {101, 18749}, {102, 2111}, {105, 8339}};
        for (long[] c : cases) {
            SweepCase sweepCase = SweepCases.draw(c[0], c[1]);
            GradientReport r = GradientCheck.check(sweepCase.objective());
            assertTrue(r.passed() || r.diagnosis() == Diagnosis.INCONCLUSIVE, () -> sweepCase + "\n" + r.summary());
        }
    }

    /**
     * A kink near x whose sides differ in their best estimates but at no single step is described as such, not as
     * "the slopes differ only at steps of Infinity" (sweep seed 23, case 582).
     */
    @Test
    void anUnpinnedKinkIsDescribedWithoutAnInfiniteStep() {
        SweepCase sweepCase = SweepCases.draw(23, 582);
        GradientReport r = GradientCheck.check(sweepCase.objective());
        assertTrue(r.summary().contains("no one step shows the slopes apart") && !r.summary().contains("Infinity"),
                () -> sweepCase + "\n" + r.summary());
    }

    @Test
    void plantedSignFlipsAreNeverPassed() {
        SweepResult r = Sweeps.plantedBugs(SEED + 1, Integer.getInteger("sweep.planted", 300), Sweeps.Bug.SIGN_FLIP,
                null, 0);
        System.out.println("CheckerSweepTest, sign flips, seed " + (SEED + 1) + ":\n" + r.table());
        assertEquals(0, r.count(SweepResult.Outcome.MISSED), () -> String.join("\n\n",
                r.examples(SweepResult.Outcome.MISSED)));
        assertTrue(r.count(SweepResult.Outcome.DETECTED) >= 0.5 * r.total(), r::table);
    }
}
