package org.gradproof.check;

/**
 * The checked function threw. The message says which evaluation it was (e.g. at {@code dense1.W[0,1] = x + h}); the
 * cause is the function's own exception. The parameters were restored before this was thrown.
 */
public final class FunctionEvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FunctionEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
