package org.gradproof.properties;

import org.gradproof.check.EntryResult;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.List;
import java.util.Optional;

import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * {@link GradientCheck#directional} against {@link GradientCheck#check} on random networks (every activation and head,
 * weight scales that saturate, kinks of ReLU units): the same verdict — passed, failed with the same diagnosis, or
 * inconclusive — and a wrong entry planted in a correct network is named by both. Counted ({@link Exercised}): the
 * planted property must really plant.
 */
class DirectionalProperties {

    private static final Gen<NetworkCase> CASES = networkCases().assuming(NetworkCase::finite);
    /** Each example runs both checks: 150 by default ({@link Examples}). */
    private static final int EXAMPLES = Examples.share(0.15);

    @Test
    void theDirectionalVerdictIsTheExhaustiveOne() {
        Exercised proven = new Exercised("networks with a block proven along its directions");
        qt().withExamples(EXAMPLES).forAll(CASES).checkAssert(c -> {
            proven.example();
            GradientReport exhaustive = GradientCheck.check(c.network().objective(c.batch()));
            GradientReport directional = GradientCheck.directional(c.network().objective(c.batch()));
            assertEquals(exhaustive.diagnosis(), directional.diagnosis(),
                    () -> c + "\n" + exhaustive.summary() + "\n" + directional.summary());
            if (directional.entries().size() < exhaustive.entries().size()) {
                proven.hit();
            }
        });
        // the generator's blocks are small (widths up to 8), where directions often cannot beat the entries' bars
        proven.requireAtLeast(0.2);
    }

    /** One entry of a resolvable block doubled (its best-resolved entry, so that the exhaustive check sees it). */
    @Test
    void aWrongEntryPlantedInACorrectNetworkIsNamedAsTheExhaustiveCheckNamesIt() {
        Exercised planted = new Exercised("wrong entries planted");
        qt().withExamples(EXAMPLES).forAll(CASES, integers().between(0, 2 * NetworkGenerators.MAX_DEPTH - 1))
                .checkAssert((c, choice) -> {
                    planted.example();
                    PlantedBug bug = new PlantedBug(c);
                    Optional<Integer> target = bug.block(choice, b -> bug.resolvable(b, 2));
                    target.ifPresent(b -> {
                        EntryResult entry = bug.bestResolvedEntry(b);
                        GradientReport exhaustive = GradientCheck.check(
                                CorruptedGradient.perturbedEntry(bug.objective(), b, entry.index(), 1));
                        GradientReport directional = GradientCheck.directional(
                                CorruptedGradient.perturbedEntry(bug.objective(), b, entry.index(), 1));
                        assertEquals(exhaustive.diagnosis(), directional.diagnosis(),
                                () -> c + "\n" + exhaustive.summary() + "\n" + directional.summary());
                        if (!exhaustive.passed()) {
                            planted.hit();
                            List<String> named = directional.failures().stream().map(EntryResult::label).toList();
                            assertTrue(named.contains(entry.label()), () -> c + ": " + entry.label() + " not named\n"
                                    + directional.summary());
                        }
                    });
                });
        planted.requireAtLeast(0.5);
    }
}
