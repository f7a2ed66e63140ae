package org.gradproof.cli;

/** The exit codes of every gradproof command. */
final class ExitCodes {

    /** The gradients are correct (or the command did what was asked). */
    static final int CORRECT = 0;
    /** The gradients are wrong (a catalogue entry not confirmed). */
    static final int WRONG = 1;
    /** Bad input: a file that cannot be read or parsed, a batch that does not fit the model, a bad option. */
    static final int BAD_INPUT = 2;
    /** A bug in gradproof itself. */
    static final int INTERNAL_ERROR = 3;

    private ExitCodes() {
    }
}
