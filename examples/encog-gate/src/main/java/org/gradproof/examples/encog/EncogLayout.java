package org.gradproof.examples.encog;

import org.encog.neural.flat.FlatNetwork;
import org.gradproof.check.ParameterBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each weight of a feed-forward Encog network lives in its flat weight array, and the named blocks
 * {@code layerL->L+1.W} (shape [to][from]) and {@code layerL->L+1.b} (shape [to]) that gradproof checks.
 *
 * <p>Layers are numbered as in {@code BasicNetwork.getWeight(fromLayer, fromNeuron, toNeuron)}: 0 is the input layer,
 * {@code n − 1} the output layer. {@link FlatNetwork} numbers them the other way round, so user layer l is flat layer
 * {@code f(l) = n − 1 − l}, and the connections from l to l + 1 start at {@code weightIndex[f(l + 1)]}. Each "to"
 * neuron i has one row of {@code layerCounts[f(l)]} weights, one per "from" neuron j, the bias neuron last
 * (j = {@code layerFeedCounts[f(l)]}, its output is the layer's bias activation, 1 here):
 *
 * <pre>
 *   W_l[i][j] = weights[ weightIndex[f(l+1)] + i · layerCounts[f(l)] + j ]      = getWeight(l, j, i)
 *   b_l[i]    = weights[ weightIndex[f(l+1)] + i · layerCounts[f(l)] + F_l ]    = getWeight(l, F_l, i),
 *   F_l = layerFeedCounts[f(l)] (the neurons of layer l without its bias)
 * </pre>
 *
 * (Encog 3.4, {@code FlatNetwork.getWeight}: {@code weightBaseIndex + fromNeuron + toNeuron * count}.) Instances are
 * immutable and only describe the layout; they never hold the weights.
 */
public final class EncogLayout {

    private final int layers;
    private final int[] weightIndex;
    private final int[] layerCounts;
    private final int[] feedCounts;
    private final int weightCount;

    private EncogLayout(FlatNetwork flat) {
        this.layers = flat.getLayerCounts().length;
        this.weightIndex = flat.getWeightIndex().clone();
        this.layerCounts = flat.getLayerCounts().clone();
        this.feedCounts = flat.getLayerFeedCounts().clone();
        this.weightCount = flat.getWeights().length;
    }

    /** The layout of a feed-forward flat network (see {@link EncogSupport} for what is supported). */
    public static EncogLayout of(FlatNetwork flat) {
        return new EncogLayout(flat);
    }

    /** Number of layers, input and output included. */
    public int layerCount() {
        return layers;
    }

    /** Number of neurons of user layer l (0 = input), without its bias neuron. */
    public int neurons(int layer) {
        return feedCounts[flat(checkLayer(layer))];
    }

    /** Whether user layer l feeds a bias neuron into layer l + 1. */
    public boolean hasBias(int layer) {
        int f = flat(checkLayer(layer));
        return layerCounts[f] > feedCounts[f];
    }

    /** Index in the flat weight array of W_l[to][from], the connection from neuron j of layer l to neuron i of l + 1. */
    public int weightIndex(int layer, int to, int from) {
        checkConnection(layer);
        if (to < 0 || to >= neurons(layer + 1) || from < 0 || from >= neurons(layer)) {
            throw new IndexOutOfBoundsException("W of layer" + layer + "->" + (layer + 1) + " has shape "
                    + neurons(layer + 1) + "x" + neurons(layer) + "; no entry [" + to + "," + from + "]");
        }
        return weightIndex[flat(layer + 1)] + to * layerCounts[flat(layer)] + from;
    }

    /** Index in the flat weight array of b_l[to], the weight from layer l's bias neuron to neuron i of l + 1. */
    public int biasIndex(int layer, int to) {
        checkConnection(layer);
        if (!hasBias(layer)) {
            throw new IllegalArgumentException("layer " + layer + " has no bias neuron");
        }
        if (to < 0 || to >= neurons(layer + 1)) {
            throw new IndexOutOfBoundsException("b of layer" + layer + "->" + (layer + 1) + " has " + neurons(layer + 1)
                    + " entries; no entry [" + to + "]");
        }
        return weightIndex[flat(layer + 1)] + to * layerCounts[flat(layer)] + feedCounts[flat(layer)];
    }

    /** Name of the weight block from layer l to l + 1, e.g. {@code layer0->1.W}. */
    public static String weightName(int layer) {
        return "layer" + layer + "->" + (layer + 1) + ".W";
    }

    /** Name of the bias block from layer l to l + 1, e.g. {@code layer0->1.b}. */
    public static String biasName(int layer) {
        return "layer" + layer + "->" + (layer + 1) + ".b";
    }

    /**
     * New blocks holding a copy of the flat weights: for each connection l → l + 1, W [to][from] then b [to] (if
     * layer l has a bias). The flat array is not modified.
     */
    public List<ParameterBlock> blocksOf(double[] flatWeights) {
        requireLength(flatWeights);
        List<ParameterBlock> blocks = new ArrayList<>();
        for (int l = 0; l + 1 < layers; l++) {
            int to = neurons(l + 1);
            int from = neurons(l);
            double[] w = new double[to * from];
            for (int i = 0; i < to; i++) {
                for (int j = 0; j < from; j++) {
                    w[i * from + j] = flatWeights[weightIndex(l, i, j)];
                }
            }
            blocks.add(new ParameterBlock(weightName(l), w, to, from));
            if (hasBias(l)) {
                double[] b = new double[to];
                for (int i = 0; i < to; i++) {
                    b[i] = flatWeights[biasIndex(l, i)];
                }
                blocks.add(new ParameterBlock(biasName(l), b, to));
            }
        }
        return blocks;
    }

    /** Per-block arrays (in the order of {@link #blocksOf}) of a flat array, e.g. of Encog's gradients. */
    public double[][] split(double[] flat) {
        return blocksOf(flat).stream().map(ParameterBlock::data).toArray(double[][]::new);
    }

    /** Writes the blocks' contents (in the order of {@link #blocksOf}) into the flat weight array. */
    public void write(List<ParameterBlock> blocks, double[] flatWeights) {
        requireLength(flatWeights);
        int k = 0;
        for (int l = 0; l + 1 < layers; l++) {
            double[] w = blocks.get(k++).data();
            int from = neurons(l);
            for (int i = 0; i < neurons(l + 1); i++) {
                for (int j = 0; j < from; j++) {
                    flatWeights[weightIndex(l, i, j)] = w[i * from + j];
                }
            }
            if (hasBias(l)) {
                double[] b = blocks.get(k++).data();
                for (int i = 0; i < neurons(l + 1); i++) {
                    flatWeights[biasIndex(l, i)] = b[i];
                }
            }
        }
        if (k != blocks.size()) {
            throw new IllegalArgumentException("expected " + k + " blocks for this layout, got " + blocks.size());
        }
    }

    private void requireLength(double[] flatWeights) {
        if (flatWeights.length != weightCount) {
            throw new IllegalArgumentException("the layout has " + weightCount + " weights but the array has "
                    + flatWeights.length);
        }
    }

    private int flat(int layer) {
        return layers - 1 - layer;
    }

    private int checkLayer(int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer " + layer + " does not exist: the network has layers 0.."
                    + (layers - 1));
        }
        return layer;
    }

    private void checkConnection(int layer) {
        if (layer < 0 || layer + 1 >= layers) {
            throw new IndexOutOfBoundsException("no connection from layer " + layer + ": the network's connections are "
                    + "0->1 .. " + (layers - 2) + "->" + (layers - 1));
        }
    }
}
