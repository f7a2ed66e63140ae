package org.gradproof.io;

import java.util.Locale;

/**
 * How big a document may be: at most {@code maxFileBytes} bytes of text, and a model of at most {@code maxParameters}
 * parameters (weights and biases). A document is read in one pass and its numbers packed, so memory stays a small
 * multiple of the file size; the parameter limit is checked on the sizes a model declares, as longs, before anything
 * of that size is allocated. The defaults ({@link #DEFAULT}: 256 MiB, 10,000,000 parameters, about 13 times a
 * 12288-64-1 network's 786,561) are documented in docs/interchange.md; the command line can raise them.
 *
 * @param maxFileBytes  at least 1
 * @param maxParameters at least 1, at most {@link #MAX_PARAMETERS} (a parameter block is one Java array)
 */
public record ReadLimits(long maxFileBytes, long maxParameters) {

    public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;
    public static final long DEFAULT_MAX_PARAMETERS = 10_000_000L;
    /** The largest parameter limit there can be: the length of the longest Java array. */
    public static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

    public static final ReadLimits DEFAULT = new ReadLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PARAMETERS);

    public ReadLimits {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes: expected at least 1, got " + maxFileBytes);
        }
        if (maxParameters < 1 || maxParameters > MAX_PARAMETERS) {
            throw new IllegalArgumentException("maxParameters: expected 1 to " + MAX_PARAMETERS + ", got "
                    + maxParameters);
        }
    }

    /** e.g. "the 256 MiB limit for a document". */
    String fileLimitText() {
        return "the " + bytesText(maxFileBytes) + " limit for a document";
    }

    /**
     * Adds a layer's declared parameters ({@link LayerCodec#parameterCount()}) to a model's running total, layer by
     * layer from the first, and throws unless the new total is within the limit; the error names {@code at}, the
     * declared size that crossed it, and the layer.
     *
     * @param total the parameters of the layers before, saturated at Long.MAX_VALUE
     * @return the new total, saturated at Long.MAX_VALUE
     */
    long requireParameters(JsonNodes.Node at, long total, LayerCodec layer) {
        long count = plus(total, layer.parameterCount());
        if (count > maxParameters) {
            throw at.error(String.format(Locale.ROOT, "the model up to %s (%s): %s parameters, over the limit of %d "
                    + "parameters per model", layer.name(), layer.size(), count == Long.MAX_VALUE
                    ? "more than " + Long.MAX_VALUE : Long.toString(count), maxParameters));
        }
        return count;
    }

    /** a · b, or Long.MAX_VALUE when that overflows (sizes are at least 0). */
    static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** a + b, or Long.MAX_VALUE when that overflows (sizes are at least 0). */
    private static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** "256 MiB" for whole mebibytes, else the bytes. */
    static String bytesText(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
