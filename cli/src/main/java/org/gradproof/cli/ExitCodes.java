package org.gradproof.cli;

/** The exit codes of every gradproof command. */
final class ExitCodes {

    /** The gradients are correct (or the command did what was asked). */
    static final int CORRECT = 0;
    /** The gradients are wrong (a catalogue fixture not confirmed). */
    static final int WRONG = 1;
    /** Bad input: a file that cannot be read or parsed, a batch that does not fit the model, a bad option. */
    static final int BAD_INPUT = 2;
    /** A bug in gradproof itself. */
    static final int INTERNAL_ERROR = 3;
    /**
     * The numbers cannot decide: the report is INCONCLUSIVE (entries too noisy or too close to a kink to tell the claim
     * from 0, its negative or its double; the report says what would resolve them) or NON_DETERMINISTIC (the loss
     * changed between identical calls). Not a pass, not a proven failure.
     */
    static final int INCONCLUSIVE = 4;

    private ExitCodes() {
    }

    /** 0 passed, 1 wrong, 4 inconclusive or non-deterministic. */
    static int of(org.gradproof.check.GradientReport report) {
        if (report.passed()) {
            return CORRECT;
        }
        return switch (report.diagnosis()) {
            case INCONCLUSIVE, NON_DETERMINISTIC -> INCONCLUSIVE;
            default -> WRONG;
        };
    }
}
