package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.CheckOptions;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.gradproof.properties.LstmGenerators.lstmCases;
import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

/**
 * {@link CheckOptions#threads()}: a check on several threads — each with its own copy of the reference network
 * ({@link BlockFunction#threadCopy}) — gives the report one thread gives, text and evaluations, for random dense
 * networks and stacked LSTMs, right and with a planted sign flip.
 */
class ThreadsProperties {

    private static final CheckOptions ONE = CheckOptions.builder().threads(1).build();
    private static final CheckOptions THREE = CheckOptions.builder().threads(3).build();

    @Test
    void denseNetworksGetTheSameReportOnOneThreadAndOnThree() {
        qt().withExamples(Examples.share(0.1)).forAll(networkCases()).checkAssert(c -> {
            same(() -> c.network().objective(c.batch()), c);
            same(() -> CorruptedGradient.signFlipped(c.network().objective(c.batch()), 0), c);
        });
    }

    @Test
    void stackedLstmsGetTheSameReportOnOneThreadAndOnThree() {
        qt().withExamples(Examples.share(0.03)).forAll(lstmCases()).checkAssert(c -> same(c::objective, c));
    }

    private static void same(Supplier<BlockFunction> objective, Object c) {
        GradientReport one = GradientCheck.check(objective.get(), ONE);
        GradientReport three = GradientCheck.check(objective.get(), THREE);
        assertEquals(one.summary(), three.summary(), () -> c.toString());
        assertEquals(one.evaluations(), three.evaluations(), () -> c.toString());
    }
}
