package org.gradproof.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LayoutTest {

    private static final double[] W = {1, 2, 3, 4, 5, 6}; // 3 units x 2 inputs, [out][in]
    private static final double[] B = {7, 8, 9};

    private static Layout layout(String weights, String bias) {
        return new Layout(WeightOrder.byId(weights), BiasPlacement.byId(bias));
    }

    /** The table in docs/interchange.md. */
    @Test
    void storesTheDocumentedExampleInEachLayout() {
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}, {5, 6}}, layout("out_in", "separate").pack(W, B, 3, 2));
        assertArrayEquals(new double[][] {{1, 3, 5}, {2, 4, 6}}, layout("in_out", "separate").pack(W, B, 3, 2));
        assertArrayEquals(new double[][] {{1, 2, 7}, {3, 4, 8}, {5, 6, 9}}, layout("out_in", "last").pack(W, B, 3, 2));
        assertArrayEquals(new double[][] {{7, 1, 2}, {8, 3, 4}, {9, 5, 6}}, layout("out_in", "first").pack(W, B, 3, 2));
        assertArrayEquals(new double[][] {{1, 3, 5}, {2, 4, 6}, {7, 8, 9}}, layout("in_out", "last").pack(W, B, 3, 2));
        assertArrayEquals(new double[][] {{7, 8, 9}, {1, 3, 5}, {2, 4, 6}}, layout("in_out", "first").pack(W, B, 3, 2));
    }

    @Test
    void unpackInvertsPackInEveryLayout() {
        for (WeightOrder order : WeightOrder.values()) {
            for (BiasPlacement bias : BiasPlacement.values()) {
                Layout l = new Layout(order, bias);
                double[] w = new double[6];
                double[] b = bias.insideWeights() ? new double[3] : B.clone();
                l.unpack(l.pack(W, B, 3, 2), 3, 2, w, b);
                assertArrayEquals(W, w, l.toString());
                assertArrayEquals(B, b, l.toString());
                assertEquals(l.storedRows(3, 2), l.pack(W, B, 3, 2).length);
            }
        }
    }

    @Test
    void describesTheLayoutInWords() {
        assertEquals("as [out][in] with the bias as the last column", layout("out_in", "last").describe());
        assertEquals("as [in][out] with the bias as the first row", layout("in_out", "first").describe());
        assertEquals("as [in][out]", layout("in_out", "separate").describe());
    }
}
