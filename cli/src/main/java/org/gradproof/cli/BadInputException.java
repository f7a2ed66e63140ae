package org.gradproof.cli;

/** Input the user can fix (a missing file, a batch that does not fit the model): one line on stderr, exit code 2. */
final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
