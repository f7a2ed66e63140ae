package org.gradproof.properties.contract;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * How both kits check one case: your loss against the reference's (if asked), then your gradients against your own
 * loss with the checker; whatever your code throws becomes part of the outcome.
 */
final class CaseCheck {

    /** How close your loss must be to the reference's: relatively, or absolutely below a loss of 1. */
    static final double LOSS_TOLERANCE = 1e-9;

    private CaseCheck() {
    }

    static CaseOutcome evaluate(String description, RunSettings settings, DoubleSupplier yourLoss,
                                DoubleSupplier referenceLoss, Supplier<BlockFunction> function) {
        try {
            if (settings.compareLossWithReference()) {
                double yours = yourLoss.getAsDouble();
                double reference = referenceLoss.getAsDouble();
                if (!(Math.abs(yours - reference) <= LOSS_TOLERANCE * Math.max(1, Math.abs(reference)))) {
                    return CaseOutcome.lossDiffers(description, "your loss is " + yours + " but the reference loss is "
                            + reference + " (ratio " + yours / reference + ") for " + description + "; the loss must "
                            + "be right before its gradient can be (or call compareLossWithReference(false))");
                }
            }
            return CaseOutcome.checked(description, GradientCheck.check(function.get(), settings.checkOptions()));
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return CaseOutcome.threw(description, e);
        }
    }

    /**
     * The report if the case passed or could not be decided (INCONCLUSIVE: read its summary); else the failure as an
     * {@link AssertionError} with the full text, or what your code threw, as it was thrown.
     */
    static GradientReport require(CaseOutcome outcome) {
        Throwable thrown = outcome.thrown();
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        if (!outcome.passed() && !outcome.undecided()) {
            throw new AssertionError(outcome.failureText());
        }
        return outcome.report();
    }
}
