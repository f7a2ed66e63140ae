package org.gradproof.cli;

/**
 * Input the user can fix that is not a document's fault (a document's own faults are {@code InterchangeException}s,
 * naming the file and the JSON path): an option out of range, an output path that cannot be written, a catalogue
 * fixture that does not exist. One line on stderr, exit code 2.
 */
final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
