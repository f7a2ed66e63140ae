package org.gradproof.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a document file once, as it streams, into a {@link JsonValue}. Before a byte is read, the path must name a
 * file (not a directory) that can be opened, and a regular file must be within the size limit; anything else (a FIFO
 * such as {@code <(python dump.py)}, a device such as {@code /dev/zero}) is read only up to the limit. Every failure
 * is an {@link InterchangeException} naming the file, in plain words ({@link IoReasons}, {@link Utf8TextInput}).
 */
final class DocumentFile {

    private DocumentFile() {
    }

    /**
     * @param format the document expected, e.g. {@code gradproof-model}, named when the file is missing or a folder
     */
    static JsonValue read(Path file, ReadLimits limits, String format) {
        String source = file.toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new InterchangeException(source, "", IoReasons.describe(e) + " (expected a " + format
                    + " document)");
        }
        if (attributes.isDirectory()) {
            throw new InterchangeException(source, "", "is a directory, expected a " + format + " document");
        }
        if (attributes.isRegularFile() && attributes.size() > limits.maxFileBytes()) {
            throw new InterchangeException(source, "", attributes.size() + " bytes, over "
                    + limits.fileLimitText());
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new InterchangeException(source, "", "cannot open the file: " + IoReasons.describe(e));
        }
        try (InputStream text = new Utf8TextInput(in, limits.maxFileBytes(), limits.fileLimitText())) {
            return JsonReader.read(text, source);
        } catch (IOException e) {
            throw new InterchangeException(source, "", "cannot close the file: " + IoReasons.describe(e));
        }
    }
}
