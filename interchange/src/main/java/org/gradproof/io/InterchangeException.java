package org.gradproof.io;

/**
 * A document that cannot be read: names the file, the JSON path and what was expected against what was found, e.g.
 * {@code model.json: $.layers[1].weights[1]: expected 4 numbers (row 1 of the 2x4 dense2.W as [out][in] with the
 * bias as the last column), got 3}.
 */
public final class InterchangeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final String detail;

    /**
     * @param source the file (or other source) the document came from
     * @param path   the JSON path of the offending value, e.g. {@code $.layers[1].weights[1]}, or "" for the whole text
     * @param detail what was expected and what was found
     */
    public InterchangeException(String source, String path, String detail) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + detail);
        this.source = source;
        this.path = path;
        this.detail = detail;
    }

    public String source() {
        return source;
    }

    public String path() {
        return path;
    }

    public String detail() {
        return detail;
    }
}
