package org.gradproof.properties;

import org.gradproof.check.Diagnosis;
import org.gradproof.check.EntryResult;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Optional;

import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Planted bugs are caught and named: a correct network's gradient is corrupted in one block (sign flip, a scale k,
 * zeroed, transposed, one entry off by a relative 1e-5) and the check must fail with the matching diagnosis, naming
 * that block and no other. The block is chosen among those where the corruption is resolvable (see
 * {@link PlantedBug}); cases whose own loss is not finite are regenerated. Each property counts the examples that
 * really planted a bug and requires a floor of them ({@link Exercised}): a checker that made every bug look
 * unresolvable would otherwise leave these green having tested nothing.
 */
class MutationProperties {

    private static final Gen<NetworkCase> CASES = networkCases().assuming(NetworkCase::finite);
    private static final Gen<Integer> BLOCK_CHOICES = integers().between(0, 2 * NetworkGenerators.MAX_DEPTH - 1);
    /** Each example checks a network twice, the second time through a conviction: 500 by default ({@link Examples}). */
    private static final int EXAMPLES = Examples.share(0.5);
    /** The share of examples that must plant a bug (measured: 0.8–0.95 of them do). */
    private static final double MIN_PLANTED = 0.5;
    /** Transposes need a square block whose transpose differs resolvably (measured: about 0.6 of them). */
    private static final double MIN_TRANSPOSED = 0.3;

    @Test
    void signFlipOfOneBlockIsDiagnosedAsSignFlipOfThatBlock() {
        Exercised planted = new Exercised("sign flips planted");
        qt().withExamples(EXAMPLES).forAll(CASES, BLOCK_CHOICES).checkAssert((c, choice) -> {
            planted.example();
            PlantedBug bug = new PlantedBug(c);
            Optional<Integer> target = bug.block(choice, b -> bug.resolvable(b, 2));
            target.ifPresent(b -> {
                planted.hit();
                GradientReport r = GradientCheck.check(CorruptedGradient.signFlipped(bug.objective(), b));
                assertDiagnosis(r, Diagnosis.SIGN_FLIP, bug.blockName(b), c);
                assertEquals(-1, r.block(bug.blockName(b)).orElseThrow().fittedScale(), bug.scaleUncertainty(b, -1),
                        () -> c + "\n" + r.summary());
            });
        });
        planted.requireAtLeast(MIN_PLANTED);
    }

    /** k ∈ {2, ½, m, 1/m, 1 + 1e-4} with m the batch size. */
    @Test
    void scaledBlockIsDiagnosedAsScaledWithItsFactor() {
        Gen<Integer> factorChoices = integers().between(0, 4);
        Exercised planted = new Exercised("scale factors planted");
        qt().withExamples(EXAMPLES).forAll(CASES, BLOCK_CHOICES, factorChoices).checkAssert((c, choice, f) -> {
            planted.example();
            double m = c.batchSize();
            double k = List.of(2.0, 0.5, m, 1 / m, 1 + 1e-4).get(f);
            if (k == 1) {
                return; // m = 1: no corruption to plant
            }
            PlantedBug bug = new PlantedBug(c);
            Optional<Integer> target = bug.block(choice, b -> bug.resolvable(b, Math.abs(k - 1) / Math.max(1, k)));
            target.ifPresent(b -> {
                planted.hit();
                GradientReport r = GradientCheck.check(CorruptedGradient.scaled(bug.objective(), b, k));
                assertDiagnosis(r, Diagnosis.SCALED, bug.blockName(b), c);
                double fitted = r.block(bug.blockName(b)).orElseThrow().fittedScale();
                assertEquals(k, fitted, bug.scaleUncertainty(b, k), () -> c + "\n" + r.summary());
                if (k == m && m > 2) {
                    assertTrue(r.explanation().contains("batch size"), () -> c + "\n" + r.summary());
                }
            });
        });
        planted.requireAtLeast(MIN_PLANTED);
    }

    @Test
    void zeroedBlockIsDiagnosedAsMissingGradient() {
        Exercised planted = new Exercised("zeroed blocks planted");
        qt().withExamples(EXAMPLES).forAll(CASES, BLOCK_CHOICES).checkAssert((c, choice) -> {
            planted.example();
            PlantedBug bug = new PlantedBug(c);
            bug.block(choice, b -> bug.resolvable(b, 1)).ifPresent(b -> {
                planted.hit();
                GradientReport r = GradientCheck.check(CorruptedGradient.zeroed(bug.objective(), b));
                assertDiagnosis(r, Diagnosis.MISSING_GRADIENT, bug.blockName(b), c);
            });
        });
        planted.requireAtLeast(MIN_PLANTED);
    }

    @Test
    void transposedSquareBlockIsDiagnosedAsTransposed() {
        Gen<NetworkCase> squareCases = networkCases(NetworkGenerators.squareFirstLayerArchitectures(),
                NetworkGenerators.weightScales()).assuming(NetworkCase::finite);
        Exercised planted = new Exercised("transposes planted");
        qt().withExamples(EXAMPLES).forAll(squareCases, BLOCK_CHOICES).checkAssert((c, choice) -> {
            planted.example();
            PlantedBug bug = new PlantedBug(c);
            bug.block(choice, bug::transposable).ifPresent(b -> {
                planted.hit();
                GradientReport r = GradientCheck.check(CorruptedGradient.transposed(bug.objective(), b));
                if (r.unresolved().stream().anyMatch(e -> e.block() == b)) {
                    // an entry of the block next to a kink cannot be pinned: the transpose is still a failure there
                    assertFalse(r.passed(), () -> c + "\n" + r.summary());
                    assertEquals(List.of(bug.blockName(b)), r.wrongBlocks(), () -> c + "\n" + r.summary());
                } else {
                    assertDiagnosis(r, Diagnosis.TRANSPOSED, bug.blockName(b), c);
                }
            });
        });
        planted.requireAtLeast(MIN_TRANSPOSED);
    }

    @Test
    void oneEntryWrongByARelative1eMinus5IsCaughtAndNamed() {
        double relative = 1e-5;
        Exercised planted = new Exercised("entries off by 1e-5 planted");
        Exercised heldBack = new Exercised("planted entries held back as unresolved");
        qt().withExamples(EXAMPLES).forAll(CASES, BLOCK_CHOICES).checkAssert((c, choice) -> {
            planted.example();
            PlantedBug bug = new PlantedBug(c);
            bug.block(choice, b -> bug.resolvable(bug.bestResolvedEntry(b), relative)).ifPresent(b -> {
                planted.hit();
                heldBack.example();
                EntryResult entry = bug.bestResolvedEntry(b);
                GradientReport r = GradientCheck.check(
                        CorruptedGradient.perturbedEntry(bug.objective(), b, entry.index(), relative));
                if (r.diagnosis() == Diagnosis.INCONCLUSIVE) {
                    // a conviction the loss's stairs could explain waits (a saturated BCE whose loss jumps 3.7e-3
                    // at 3.6 from x could hide a slope 1e-3 off from every small step: a 4e-5 difference is not
                    // proof): allowed, but only with the planted entry the one unresolved, and rarely
                    heldBack.hit();
                    assertEquals(List.of(entry.label()), r.entries().stream()
                            .filter(e -> e.verdict() == org.gradproof.check.EntryVerdict.UNRESOLVED)
                            .map(EntryResult::label).toList(), () -> c + "\n" + r.summary());
                    return;
                }
                // With no other entry of the block resolvable at 1e-5, the block is indistinguishable from one
                // scaled by 1 + 1e-5: SCALED is then as right as MISMATCH.
                boolean othersResolvable = bug.entries(b).stream()
                        .anyMatch(e -> e != entry && bug.resolvable(e, relative));
                assertDiagnosis(r, othersResolvable || r.diagnosis() != Diagnosis.SCALED
                        ? Diagnosis.MISMATCH : Diagnosis.SCALED, bug.blockName(b), c);
                assertEquals(List.of(entry.label()), r.failures().stream().map(EntryResult::label).toList(),
                        () -> c + "\n" + r.summary());
            });
        });
        planted.requireAtLeast(MIN_PLANTED);
        heldBack.requireAtMost(0.1);
    }

    private static void assertDiagnosis(GradientReport r, Diagnosis expected, String block, NetworkCase c) {
        assertEquals(expected, r.diagnosis(), () -> c + "\n" + r.summary());
        assertEquals(List.of(block), r.wrongBlocks(), () -> c + "\n" + r.summary());
    }
}
