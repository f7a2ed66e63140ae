package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.nn.LeakyRelu;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.StandardActivation;
import org.gradproof.properties.sweep.Float32Network;
import org.gradproof.properties.sweep.SweepCase;
import org.gradproof.properties.sweep.SweepCases;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Networks evaluated in single precision ({@link Float32Network}): a gradient off by a common factor of 1 % or more —
 * 63/64 for a batch of 64, a loss scale left out — is failed or inconclusive, never passed, however the float
 * rounding hides it from each entry alone; the right gradient is never failed.
 */
class Float32Properties {

    /** Smooth float32 networks as they are trained: tanh/sigmoid/softplus hidden layers, mean losses, batch 8–64. */
    private static final Gen<NetworkCase> CASES = NetworkGenerators.networkCases(
            NetworkGenerators.architectures(List.of(StandardActivation.TANH, StandardActivation.SIGMOID,
                    StandardActivation.SOFTPLUS), List.of(Head.MSE_IDENTITY, Head.SOFTMAX_CROSS_ENTROPY_LOGITS,
                    Head.SIGMOID_BCE_LOGITS, Head.HALF_SUM_OF_SQUARES_TANH)).map(a -> new Architecture(a.inputs(),
                    a.hiddenWidths(), a.hiddenActivations(), a.outputs(), a.head(), Reduction.MEAN)),
            Generate.pick(List.of(0.5, 1.0, 2.0)), Generate.pick(List.of(8, 16, 32, 64)));

    /**
     * Float32 networks with kinks — ReLU and leaky-ReLU layers among smooth ones, weights of 0.1 to 1 — where units
     * switching within the wide steps the float loss needs, and bars added up across a block's entries, once failed
     * right gradients (sweep seed 102 case 2111, seed 105 case 8339).
     */
    private static final Gen<NetworkCase> KINKED_CASES = NetworkGenerators.networkCases(
            NetworkGenerators.architectures(List.of(StandardActivation.RELU, new LeakyRelu(0.1),
                    StandardActivation.TANH), List.of(Head.MSE_IDENTITY, Head.SOFTMAX_CROSS_ENTROPY_LOGITS,
                    Head.SIGMOID_BCE_LOGITS)),
            Generate.pick(List.of(0.1, 0.5, 1.0)), Generate.pick(List.of(8, 16, 64)));

    /**
     * Float32 checks re-measure every entry, and a scaled claim takes each through the tests a conviction must pass:
     * 40 and 80 examples by default ({@link Examples}).
     */
    private static final int SCALED_EXAMPLES = Examples.share(0.04);
    private static final int EXAMPLES = Examples.share(0.08);

    /** Relative scale errors from 1 % to 50 %, too large or too small. */
    private static final Gen<Double> FACTORS = doubles().between(0.01, 0.5).zip(integers().between(0, 1),
            (e, sign) -> sign == 0 ? 1 + e : 1 / (1 + e));

    @Test
    void aScaleErrorOfOnePercentOrMoreIsNeverPassed() {
        Exercised checked = new Exercised("scaled float32 gradients checked");
        qt().withExamples(SCALED_EXAMPLES).forAll(CASES, FACTORS)
                .checkAssert((c, k) -> {
                    checked.example();
                    checked.hit();
                    BlockFunction f = new Float32Network(c.network(), c.batch(), k);
                    GradientReport r = GradientCheck.check(f);
                    assertFalse(r.passed(), () -> c + ", gradient × " + k + "\n" + r.summary());
                });
        checked.requireAtLeast(1);
    }

    @Test
    void theRightGradientIsNeverFailed() {
        rightGradientsAreNeverFailed(CASES, EXAMPLES, "float32 networks passed", 0.5);
    }

    /**
     * The right gradient of each case, in float32, passes or is inconclusive; at least {@code share} of the examples
     * pass.
     */
    private static void rightGradientsAreNeverFailed(Gen<NetworkCase> cases, int examples, String what, double share) {
        Exercised passed = new Exercised(what);
        qt().withExamples(examples).forAll(cases).checkAssert(c -> {
            passed.example();
            GradientReport r = GradientCheck.check(new Float32Network(c.network(), c.batch(), 1));
            assertTrue(r.passed() || r.diagnosis() == Diagnosis.INCONCLUSIVE, () -> c + "\n" + r.summary());
            if (r.passed()) {
                passed.hit();
            }
        });
        passed.requireAtLeast(share);
    }

    /**
     * Blocks whose entries each pass within bars of 0.4–3.5 % — together too loose to pin the block's scale to 0.5 %,
     * which left these reports inconclusive — are pinned along their own claimed gradient (sweep seed 102: case 11's
     * dense1.b, case 107's dense1.W and dense1.b, float32 networks at weight scale 0.1 whose first layers' gradients
     * are 1e-5…4e-4 next to losses of 1.6 and 179); the same bias claimed 1 % too large is not passed. (It is not
     * convicted either: the fit that resolves the claim's direction to ±0.1 % is a central estimate, and the one-sided
     * derivatives, ±3.7 % through the noise, cannot exclude a kink nearby.)
     */
    @Test
    void aScaleTheEntriesLeaveLooseIsPinnedAlongTheBlocksGradient() {
        for (long index : new long[] {11, 107}) {
            SweepCase c = SweepCases.draw(102, index);
            GradientReport right = GradientCheck.check(c.objective());
            assertTrue(right.passed(), () -> c + "\n" + right.summary());
            BlockFunction f = c.objective();
            List<String> names = f.blocks().stream().map(b -> b.name()).toList();
            int bias = names.indexOf("dense1.b");
            GradientReport scaled = GradientCheck.check(CorruptedGradient.scaled(f, bias, 1.01));
            assertFalse(scaled.passed(), () -> c + ", dense1.b × 1.01\n" + scaled.summary());
        }
    }

    @Test
    void theRightGradientOfAKinkedNetworkIsNeverFailed() {
        rightGradientsAreNeverFailed(KINKED_CASES, SCALED_EXAMPLES, "float32 networks with kinks passed", 0.3);
    }
}
