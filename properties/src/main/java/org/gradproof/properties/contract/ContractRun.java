package org.gradproof.properties.contract;

import org.quicktheories.core.Gen;

import org.gradproof.check.GradientReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.quicktheories.QuickTheory.qt;

/**
 * One run of a contract kit over generated cases, and the failure message a user reads.
 *
 * <p><b>Reproducible.</b> The seed is fixed unless exploring is asked for ({@link RunPlan}); it is printed when the run
 * starts and ends, and at the top of a failure message together with a line of Java that rebuilds the failing case
 * from the JSON files written for it.
 *
 * <p><b>Shrinking keeps the diagnosis.</b> QuickTheories shrinks whatever fails the property. The property here fails
 * only for a case with the same {@link FailureSignature} as the first failure found — the same diagnosis on the same
 * layer position — so the case reported is the smallest that still shows <em>that</em> failure; smaller cases that
 * fail differently (a one-layer network where the bug was in the output layer only, a block of one entry that fits any
 * factor) count as passing while shrinking, and are counted in the message.
 *
 * <p><b>Counterexamples as data.</b> The smallest case is written as interchange JSON (model, batch and the subject's
 * gradients) under the kit's directory, one sub-directory per calling test; the message says how to load it.
 */
final class ContractRun<D, C> {

    private static final Pattern FALSIFIED = Pattern.compile("Property falsified after (\\d+) example");

    private final ContractKit<D, C> kit;
    private final RunPlan plan;
    private final Path counterexamples;
    private final List<CaseOutcome> explored = new ArrayList<>();
    private FailureSignature target;
    private String firstFailure;
    private C smallestCase;
    private CaseOutcome smallestOutcome;
    private int shrinkSteps;
    private int failedDifferently;

    private ContractRun(ContractKit<D, C> kit, RunPlan plan, Path counterexamples) {
        this.kit = kit;
        this.plan = plan;
        this.counterexamples = counterexamples;
    }

    /**
     * Runs the kit over {@code plan.examples()} cases from {@code cases}. Prints the seed as it starts and the tally
     * when it passes; throws an {@link AssertionError} describing the smallest failing case otherwise.
     */
    static <D, C> ContractSummary verify(ContractKit<D, C> kit, Gen<D> cases, RunPlan plan, Path counterexamples) {
        return new ContractRun<>(kit, plan, counterexamples).run(cases);
    }

    private ContractSummary run(Gen<D> cases) {
        Caller caller = Caller.find();
        System.out.println(kit.name() + " on " + kit.subjectName() + ": " + plan.examples() + " cases, seed "
                + plan.seed() + " (" + plan.seedSource() + ")");
        try {
            qt().withFixedSeed(plan.seed()).withExamples(plan.examples()).forAll(cases).checkAssert(this::check);
        } catch (AssertionError e) {
            if (smallestOutcome == null) {
                throw e;
            }
            AssertionError failure = new AssertionError(message(caller, e.getMessage()));
            if (smallestOutcome.thrown() != null) {
                failure.initCause(smallestOutcome.thrown());
            }
            throw failure;
        }
        ContractSummary summary = new ContractSummary(kit.name(), plan.seed(), plan.seedSource(), explored);
        System.out.println(summary.line());
        requireFewUndecided(summary);
        return summary;
    }

    /** The property: fails for a case only if it fails the way the first failing case did. */
    private void check(D description) {
        C c = kit.build(description);
        CaseOutcome outcome = kit.evaluate(c);
        if (target == null) {
            explored.add(outcome);
        }
        if (outcome.passed() || outcome.undecided() && !kit.strict()) {
            return;
        }
        FailureSignature signature = FailureSignature.of(outcome, kit.layers(c));
        if (target == null) {
            target = signature;
            firstFailure = outcome.description();
        } else if (!signature.equals(target)) {
            failedDifferently++;
            return;
        } else {
            shrinkSteps++;
        }
        smallestCase = c;
        smallestOutcome = outcome;
        throw new AssertionError(outcome.failureText());
    }

    /**
     * A few undecided cases are the checker being honest about an imprecise loss; many say the loss formulation, not
     * the gradient, is the problem, and the run cannot vouch for the gradient.
     */
    private void requireFewUndecided(ContractSummary summary) {
        List<CaseOutcome> undecided = summary.undecided();
        if (undecided.size() <= RunSettings.UNDECIDED_SHARE * summary.cases()) {
            return;
        }
        GradientReport example = undecided.get(0).report();
        throw new AssertionError(kit.name() + " could not judge " + undecided.size() + " of " + summary.cases()
                + " cases for " + kit.subjectName() + " (more than " + Math.round(100 * RunSettings.UNDECIDED_SHARE)
                + " %): your loss loses too much precision for its gradient to be checked there. That is the loss's "
                + "formulation, not the gradient: compute it without cancellation (log-sum-exp with the max "
                + "subtracted, log1p(Σ exp(z_j − z_y)) for a confident softmax, a fused sigmoid + cross-entropy), or "
                + "report its rounding through Subject.noiseScale.\n  replay:   -DQT_SEED=" + plan.seed() + " ("
                + plan.seedSource() + ")\n  first:    " + undecided.get(0).description() + "\n\n" + example.summary());
    }

    private String message(Caller caller, String quickTheories) {
        LayerRoles roles = kit.layers(smallestCase);
        StringBuilder m = new StringBuilder();
        m.append(kit.name()).append(" FAILED for ").append(kit.subjectName()).append(": ").append(headline(roles))
                .append('\n');
        m.append("  replay:   -DQT_SEED=").append(plan.seed()).append(" (").append(plan.seedSource()).append(')');
        caller.testSelector().ifPresent(t -> m.append(", e.g. mvn test -Dtest='").append(t).append("' -DQT_SEED=")
                .append(plan.seed()));
        m.append('\n');
        Optional<Counterexample> written = Optional.empty();
        String notWritten = null;
        try {
            Path dir = counterexamples.resolve(caller.directoryName(kit.subjectName())).toAbsolutePath().normalize();
            Files.createDirectories(dir);
            written = Optional.of(kit.write(smallestCase, dir));
        } catch (IOException | RuntimeException e) {
            notWritten = e.toString();
        }
        written.ifPresent(w -> m.append("  in Java:  ").append(w.javaCall()).append('\n'));
        m.append("  case:     ").append(smallestOutcome.description()).append('\n');
        if (smallestOutcome.report() != null) {
            smallestOutcome.report().hints().forEach(h -> m.append("  hint:     ").append(h).append('\n'));
        }
        m.append("  shrunk:   ").append(shrinking()).append('\n');
        if (written.isPresent()) {
            Counterexample w = written.get();
            m.append("  written:  ").append(w.directory()).append(": ").append(String.join(", ", w.files()))
                    .append('\n');
            for (String command : w.commands()) {
                m.append("            ").append(command).append('\n');
            }
        } else {
            m.append("  written:  nothing (").append(notWritten).append(")\n");
        }
        if (target.singleEntries()) {
            m.append("  note:     the checker's SCALED rests on one wrong entry per block, and one number always fits "
                    + "some factor k: read it as a wrong value, not as evidence of a constant factor\n");
        }
        m.append("  settings: ").append(kit.settings()).append("\n\n");
        m.append(smallestOutcome.report() != null ? smallestOutcome.report().summary()
                : smallestOutcome.failureText()).append("\n\n");
        m.append(quickTheoriesLine(quickTheories));
        return m.toString();
    }

    private String headline(LayerRoles roles) {
        if (smallestOutcome.thrown() != null) {
            return "your code threw " + smallestOutcome.thrown();
        }
        if (smallestOutcome.lossProblem() != null) {
            return "your " + kit.comparedValue() + " is not the reference's";
        }
        String where = WrongLayers.of(smallestOutcome.report(), roles).describe(roles);
        return smallestOutcome.report().diagnosis() + (where.isEmpty() ? "" : " " + where) + " — wrong blocks "
                + smallestOutcome.report().wrongBlocks();
    }

    private String shrinking() {
        if (shrinkSteps == 0) {
            return "no smaller case fails the same way (found after " + (explored.size() - 1) + " passing cases)";
        }
        return "from " + firstFailure + " (found after " + (explored.size() - 1)
                + " passing cases) in " + shrinkSteps + " steps, keeping its diagnosis and layer position"
                + (failedDifferently == 0 ? "" : "; " + failedDifferently + " smaller cases that failed differently "
                + "were passed over");
    }

    private static String quickTheoriesLine(String message) {
        Matcher m = FALSIFIED.matcher(message == null ? "" : message);
        return "QuickTheories: " + (m.find() ? "Property falsified after " + m.group(1) + " example(s)" : message);
    }
}
