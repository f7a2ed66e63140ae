package org.gradproof.properties.contract;

import org.gradproof.check.CheckOptions;
import org.gradproof.check.GradientReport;
import org.gradproof.nn.Reduction;
import org.gradproof.properties.Head;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.gradproof.properties.contract.ContractFailures.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user of the dense kit meets: the same verdict on every run, the replay line and the Java call first, a
 * smallest case that keeps the first failure's diagnosis and layer position, the case written as JSON that rebuilds it,
 * and the settings a network that is not the reference's needs.
 */
@Isolated // changes JVM-wide state (see junit-platform.properties)
class GradientContractFailureTest {

    private static final GradientContract SIGMOID_MSE = GradientContract.forSubject(new MyNetwork())
            .activations("sigmoid").heads(Head.MSE_IDENTITY);

    @Test
    void theReplayLineAndTheJavaCallComeBeforeTheChecker() {
        String message = failure(GradientContract.forSubject(new MyNetwork(2)).activations("sigmoid")
                .heads(Head.MSE_IDENTITY));
        String[] lines = message.split("\n");
        assertTrue(lines[0].startsWith("GradientContract FAILED for MyNetwork: SCALED"), message);
        assertEquals("  replay:   -DQT_SEED=" + RunPlan.DEFAULT_SEED + " (the fixed default; explore new cases with "
                + "-Dgradproof.explore=true or explore()), e.g. mvn test -Dtest='GradientContractFailureTest#"
                + "theReplayLineAndTheJavaCallComeBeforeTheChecker' -DQT_SEED=" + RunPlan.DEFAULT_SEED, lines[1]);
        assertTrue(lines[2].startsWith("  in Java:  contract.check(ContractCase.fromJson(Path.of(\""), lines[2]);
        assertTrue(message.indexOf("gradproof gradient check: FAILED") > message.indexOf("  settings:"), message);
        assertTrue(message.endsWith("QuickTheories: Property falsified after 1 example(s)"), message);
    }

    @Test
    void theDefaultSeedGivesTheSameVerdictOnEveryRun() {
        GradientContract bug = GradientContract.forSubject(MyNetwork.outputLayerScaledBy(3)).activations("sigmoid")
                .heads(Head.MSE_IDENTITY);
        assertEquals(failure(bug), failure(bug));
    }

    /**
     * The output layer's dW and db summed where the loss averages: right at batch 1, where QuickTheories starts, so the
     * first failure is a random larger case. Shrinking would reach one-layer networks, where the output layer is every
     * layer ("k = 2 on every block"); the kit passes over them and keeps a layer below the output, which is right.
     */
    @Test
    void aBugInTheOutputLayerOnlyIsNotShrunkIntoAOneLayerNetwork() {
        String message = failure(GradientContract.forSubject(MyNetwork.outputLayerNotAveraged()).activations("sigmoid")
                .heads(Head.MSE_IDENTITY).depths(1, 4).batchSizes(1, 6));
        assertTrue(message.startsWith("GradientContract FAILED for MyNetwork: SCALED on the output layer only"),
                message);
        String smallest = line(message, "case");
        assertEquals(2, smallest.split(" -> ").length - 1, "one hidden layer below the output: " + smallest);
        assertTrue(smallest.contains("batch 2,"), smallest);
        assertTrue(message.contains("k = 2.000000 on dense2.W, dense2.b only"), message);
        String shrunk = line(message, "shrunk");
        assertTrue(shrunk.matches("from NetworkCase\\[.*] \\(found after \\d+ passing cases\\) in \\d+ steps, keeping "
                + "its diagnosis and layer position; \\d+ smaller cases that failed differently were passed over"),
                shrunk);
    }

    /**
     * σ' taken of σ(z) instead of z is not a constant factor: with the default widths (from 2) it is MISMATCH, on the
     * hidden layer.
     */
    @Test
    void aWrongDerivativeIsAMismatchOnTheHiddenLayer() {
        String message = failure(GradientContract.forSubject(MyNetwork.sigmoidDerivativeOfTheActivation())
                .activations("sigmoid").heads(Head.MSE_IDENTITY));
        assertTrue(message.startsWith("GradientContract FAILED for MyNetwork: MISMATCH on the first layer only"),
                message);
        assertFalse(message.contains("SCALED"), message);
    }

    /** The message names the likely cause of a wrong derivative below right layers: the layer's φ′ or its delta. */
    @Test
    void aWrongDerivativeIsHintedAtAsTheLayersActivationDerivative() {
        String message = failure(GradientContract.forSubject(MyNetwork.sigmoidDerivativeOfTheActivation())
                .activations("sigmoid").heads(Head.MSE_IDENTITY));
        assertEquals("dense1 is wrong and every layer above it is right: is it dense1's activation derivative (φ′ "
                + "given the wrong argument? φ′(z) needs z, a formula in a such as 1 − a² needs a = φ(z)), or the delta "
                + "passed into it from dense2?", line(message, "hint"));
    }

    /** Hidden bias gradients assigned per example: only biases wrong, so the message asks about the batch sum. */
    @Test
    void biasesAloneWrongAskWhetherTheyAreSummedOverTheBatch() {
        String message = failure(GradientContract.forSubject(MyNetwork.hiddenBiasAssignedPerExample())
                .activations("sigmoid").heads(Head.MSE_IDENTITY));
        assertTrue(message.startsWith("GradientContract FAILED for MyNetwork: MISMATCH on the first layer only (bias "
                + "blocks only)"), message);
        assertEquals("only bias gradients are wrong (dense1.b) and the weights are right, so the deltas are: is each "
                + "bias gradient its delta summed over the batch — every example's added in (not assigned), along the "
                + "examples and not the units?", line(message, "hint"));
    }

    /** The output layer's dW and db not averaged: the hint names the layer that misses the mean. */
    @Test
    void theLayerThatMissesTheMeanIsNamed() {
        String message = failure(GradientContract.forSubject(MyNetwork.outputLayerNotAveraged()).activations("sigmoid")
                .heads(Head.MSE_IDENTITY).reductions(Reduction.MEAN));
        String k = line(message, "verdict").replaceAll(".*k = (\\d+)\\.000000 on dense2.*", "$1");
        assertEquals("only dense2 is off, by k = " + k + " = the batch size m, and the other layers are right: does "
                + "dense2 miss the 1/" + k + " of the mean that the other layers' gradients get (summed over the "
                + "examples, not averaged)?", line(message, "hint"), message);
    }

    /** A scale on every layer is no one layer's: no hint. */
    @Test
    void aScaleOnEveryLayerHasNoLayerHint() {
        String message = failure(GradientContract.forSubject(new MyNetwork(3)).activations("sigmoid")
                .heads(Head.MSE_IDENTITY));
        assertTrue(message.startsWith("GradientContract FAILED for MyNetwork: SCALED on every layer"), message);
        assertFalse(message.contains("hint:"), message);
    }

    /**
     * With width-1 layers allowed, QuickTheories' first, smallest case has one-entry blocks, where the checker fits a
     * factor to the one wrong value ("k = 0.984866 on dense1.W"): the message says what that is worth.
     */
    @Test
    void aScaleFromOneEntryPerBlockIsFlagged() {
        String message = failure(GradientContract.forSubject(MyNetwork.sigmoidDerivativeOfTheActivation())
                .activations("sigmoid").heads(Head.MSE_IDENTITY).widths(1, 8));
        assertTrue(message.startsWith("GradientContract FAILED for MyNetwork: SCALED"), message);
        assertTrue(line(message, "note").startsWith("the checker's SCALED rests on one wrong entry per block"),
                message);
    }

    /** The case is written as interchange JSON and rebuilt from it bit for bit: the check fails the same way again. */
    @Test
    void theSmallestCaseIsWrittenAsJsonAndRebuildsTheSameFailure() throws IOException {
        GradientContract contract = GradientContract.forSubject(MyNetwork.outputLayerScaledBy(3))
                .activations("sigmoid").heads(Head.MSE_IDENTITY);
        String message = failure(contract);
        assertTrue(line(message, "written").endsWith("GradientContractFailureTest."
                + "theSmallestCaseIsWrittenAsJsonAndRebuildsTheSameFailure: model.json, batch.json, yours.json"),
                message);
        ContractCase rebuilt = ContractCase.fromJson(ContractFailures.model(message), ContractFailures.batch(message));
        String again = assertThrows(AssertionError.class, () -> contract.check(rebuilt)).getMessage();
        for (String label : List.of("loss", "verdict", "entries", "fitted k")) {
            assertEquals(line(message, label), line(again, label), label + " on the rebuilt case");
        }
        String yours = Files.readString(ContractFailures.model(message).resolveSibling("yours.json"));
        assertTrue(yours.startsWith("{\n  \"format\": \"gradproof-gradients\""), yours);
    }

    @Test
    void aSubjectThatThrowsIsReportedWithItsOwnException() {
        GradientContract.Subject broken = new GradientContract.Subject() {
            @Override
            public double loss(ContractCase c) {
                return new MyNetwork().loss(c);
            }

            @Override
            public double[][] gradients(ContractCase c) {
                throw new IllegalStateException("not implemented for depth " + c.depth());
            }
        };
        AssertionError e = assertThrows(AssertionError.class, () -> GradientContract.forSubject(broken)
                .activations("sigmoid").heads(Head.MSE_IDENTITY).verify());
        assertTrue(e.getMessage().startsWith("GradientContract FAILED for GradientContractFailureTest_1: your code "
                + "threw java.lang.IllegalStateException: not implemented for depth 2"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
    }

    /** A network that knows only the mean: the default contract tries SUM too and says so; reductions(MEAN) passes. */
    @Test
    void aMeanOnlyNetworkIsTestedWithoutSum() {
        String message = failure(GradientContract.forSubject(MyNetwork.meanOnly()).activations("sigmoid")
                .heads(Head.MSE_IDENTITY));
        assertTrue(message.startsWith("GradientContract FAILED for MyNetwork: your loss is not the reference's"),
                message);
        assertTrue(line(message, "case").contains("/sum,"), message);
        ContractSummary summary = GradientContract.forSubject(MyNetwork.meanOnly()).activations("sigmoid")
                .heads(Head.MSE_IDENTITY).reductions(Reduction.MEAN).examples(200).verify();
        assertTrue(summary.outcomes().stream().allMatch(o -> o.description().contains("/mean,")), summary.line());
    }

    /** Every case's report is kept, and the checker ran with the options given. */
    @Test
    void everyCaseKeepsItsReportCheckedWithTheOptionsGiven() {
        CheckOptions options = CheckOptions.builder().relativeTolerance(1e-7).seed(5).build();
        ContractSummary summary = SIGMOID_MSE.checkOptions(options).examples(30).verify();
        assertTrue(summary.cases() >= 25 && summary.cases() <= 30, summary.line());
        for (CaseOutcome o : summary.outcomes()) {
            GradientReport report = o.checkerReport().orElseThrow();
            assertTrue(report.passed(), report.summary());
            assertEquals(options, report.options());
        }
    }

    @Test
    void exploringDrawsANewSeedAndQtSeedReplaysOne() {
        ContractSummary explored = SIGMOID_MSE.examples(3).explore().verify();
        assertNotEquals(RunPlan.DEFAULT_SEED, explored.seed());
        assertTrue(explored.seedSource().startsWith("new on this run (exploring); replay it with -DQT_SEED="
                + explored.seed()), explored.seedSource());
        System.setProperty("QT_SEED", Long.toString(explored.seed()));
        try {
            ContractSummary replayed = SIGMOID_MSE.examples(3).verify();
            assertEquals(explored.seed(), replayed.seed());
            assertEquals(descriptions(explored), descriptions(replayed));
        } finally {
            System.clearProperty("QT_SEED");
        }
    }

    private static List<String> descriptions(ContractSummary summary) {
        return summary.outcomes().stream().map(CaseOutcome::description).toList();
    }

    private static String failure(GradientContract contract) {
        return assertThrows(AssertionError.class, contract::verify).getMessage();
    }
}
