package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each layer codec reads back, bit for bit, what it writes, in every layout and gate layout, both as a model
 * document's layer fields and as a gradients document's named blocks: the two documents compose the same codecs.
 */
class LayerCodecTest {

    /** A dense layer of 3 units on 2 inputs, an LSTM layer of 3 cells on 2 inputs, with their blocks' sizes. */
    private static final List<LayerCodec> CODECS = List.of(new DenseLayerCodec("dense1", 3, 2),
            new LstmLayerCodec("lstm1", 2, 3));
    private static final List<int[]> SIZES = List.of(new int[] {6, 3},
            new int[] {6, 6, 6, 6, 9, 9, 9, 9, 3, 3, 3, 3});

    @Test
    void everyCodecReadsWhatItWritesInEveryLayout() {
        SplittableRandom random = new SplittableRandom(12);
        for (int c = 0; c < CODECS.size(); c++) {
            LayerCodec codec = CODECS.get(c);
            double[][] blocks = new double[SIZES.get(c).length][];
            for (int b = 0; b < blocks.length; b++) {
                blocks[b] = random.doubles(SIZES.get(c)[b], -1, 1).toArray();
            }
            assertEquals(blocks.length, codec.blockCount());
            for (WeightOrder order : WeightOrder.values()) {
                for (BiasPlacement bias : BiasPlacement.values()) {
                    for (GateLayout gates : GateLayout.values()) {
                        Layout layout = new Layout(order, bias);
                        String where = codec.name() + ", " + layout + ", gates " + gates.id();
                        Node fields = JsonNodes.parse("{\"type\": \"x\"" + codec.fieldsJson(blocks, layout, gates)
                                + "}", "m.json");
                        assertBlocks(blocks, codec.readFields(fields, layout, gates), "model, " + where);
                        Node members = JsonNodes.parse("{\n" + String.join(",\n", codec.blocksJson(blocks, layout,
                                gates)) + "\n}", "g.json");
                        assertEquals(GradientsDocument.blockNames(List.of(codec), layout, gates),
                                members.fieldNames(), where);
                        assertBlocks(blocks, codec.read((key, meaning) -> members.member(codec.name() + "." + key),
                                layout, gates, LayerCodec.Stored.GRADIENTS), "gradients, " + where);
                    }
                }
            }
        }
    }

    private static void assertBlocks(double[][] expected, double[][] read, String where) {
        assertEquals(expected.length, read.length, where);
        for (int b = 0; b < expected.length; b++) {
            assertArrayEquals(expected[b], read[b], 0.0, where + ", block " + b);
        }
    }

    @Test
    void aModelsBlocksAreCutIntoItsLayersOrRefusedWithBothCounts() {
        double[][] blocks = new double[14][];
        List<double[][]> cut = LayerCodec.perLayer(CODECS, blocks);
        assertEquals(2, cut.get(0).length);
        assertEquals(12, cut.get(1).length);
        assertEquals("blocks: expected 14 (the layers [dense1, lstm1]), got 13", assertThrows(
                IllegalArgumentException.class, () -> LayerCodec.perLayer(CODECS, new double[13][])).getMessage());
    }
}
