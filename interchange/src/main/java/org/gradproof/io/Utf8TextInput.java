package org.gradproof.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The bytes of a document on their way to the JSON parser, checked to be UTF-8 text of at most a given size, so that
 * whatever is wrong with a file is said in plain words with the place: a byte that is not UTF-8 (with its value, line
 * and column), a zero byte (binary data, or UTF-16/UTF-32 text without a byte-order mark), a UTF-16 or UTF-32
 * byte-order mark (named as such), a character cut off at the end, or more bytes than the limit (a FIFO or device
 * such as {@code /dev/zero} is read only that far). A UTF-8 byte-order mark at the start is accepted (the parser skips
 * it).
 *
 * <p>A read that meets a bad byte first returns the good bytes before it, so that the parser reports an earlier
 * syntax error first; the next read throws {@link Refusal}.
 */
final class Utf8TextInput extends FilterInputStream {

    /** The reason a text is refused, in plain words; the message is the detail of the document error. */
    static final class Refusal extends IOException {

        private static final long serialVersionUID = 1L;

        Refusal(String detail) {
            super(detail);
        }
    }

    private final long maxBytes;
    private final String limitName;
    private long offset;          // bytes passed on so far
    private long line = 1;
    private long column = 1;      // of the next character
    private int pending;          // continuation bytes still expected
    private int low = 0x80;       // the range of the next continuation byte
    private int high = 0xBF;
    private long charStart;       // the offset of the first byte of the current character
    private int lead;             // and that byte
    private Refusal deferred;

    /**
     * @param maxBytes  the most bytes accepted
     * @param limitName how the limit is named in the refusal, e.g. "the 256 MiB limit for a document"
     */
    Utf8TextInput(InputStream in, long maxBytes, String limitName) {
        super(in);
        this.maxBytes = maxBytes;
        this.limitName = limitName;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (deferred != null) {
            throw deferred;
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            if (pending > 0) {
                throw new Refusal(String.format(Locale.ROOT, "not UTF-8 text: the file ends in the middle of a "
                        + "character (line %d, column %d, byte %d)", line, column, charStart));
            }
            return n;
        }
        for (int i = 0; i < n; i++) {
            Refusal refusal = accept(b[off + i] & 0xFF);
            if (refusal != null) {
                if (i == 0) {
                    throw refusal;
                }
                deferred = refusal;
                return i;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported: every byte is checked");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Checks one byte; returns the refusal it causes, or null. */
    private Refusal accept(int b) {
        if (offset == maxBytes) {
            return new Refusal("more than " + maxBytes + " bytes, over " + limitName);
        }
        Refusal refusal = pending > 0 ? continuation(b) : lead(b);
        if (refusal == null) {
            offset++;
        }
        return refusal;
    }

    /** The first byte of a character. */
    private Refusal lead(int b) {
        charStart = offset;
        lead = b;
        if (b == 0) {
            return new Refusal(String.format(Locale.ROOT, "a zero byte at line %d, column %d (byte %d): not JSON "
                    + "text but binary data, or UTF-16 or UTF-32 text (gradproof reads UTF-8)", line, column, offset));
        }
        if (offset == 0 && (b == 0xFF || b == 0xFE)) {
            return new Refusal("starts with a UTF-16 byte-order mark (" + (b == 0xFF ? "FF FE, little-endian"
                    : "FE FF, big-endian") + "): gradproof reads UTF-8 text; save the file as UTF-8");
        }
        if (b < 0x80) {
            if (b == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            return null;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            expect(1, 0x80, 0xBF);
        } else if (b >= 0xE0 && b <= 0xEF) {
            expect(2, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF); // no overlong forms, no surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            expect(3, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF); // nothing above U+10FFFF
        } else {
            return invalid(b, offset);
        }
        return null;
    }

    /** A byte after a lead byte; when it does not fit, the lead byte is named (0xE9: Latin-1 é, say). */
    private Refusal continuation(int b) {
        if (b < low || b > high) {
            return invalid(lead, charStart);
        }
        low = 0x80;
        high = 0xBF;
        if (--pending == 0) {
            column++;
        }
        return null;
    }

    private void expect(int count, int firstLow, int firstHigh) {
        pending = count;
        low = firstLow;
        high = firstHigh;
    }

    private Refusal invalid(int b, long at) {
        return new Refusal(String.format(Locale.ROOT, "not UTF-8 text (invalid byte 0x%02X at line %d, column %d, "
                + "byte %d)", b, line, column, at));
    }
}
