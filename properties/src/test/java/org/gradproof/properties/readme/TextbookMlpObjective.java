package org.gradproof.properties.readme;

// README: blocks begin
import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * Your network's loss on one batch over named blocks dense1.W, dense1.b, dense2.W, …: flat row-major copies of its
 * double[][] weights, which the checker moves one entry at a time. Every call builds the network from the blocks as
 * they are now, so your own arrays are never touched.
 */
final class TextbookMlpObjective implements BlockFunction {

    private final List<ParameterBlock> blocks = new ArrayList<>();
    private final String[] hidden;
    private final double[][] x;
    private final double[][] y;

    TextbookMlpObjective(double[][][] w, double[][] b, String[] hidden, double[][] x, double[][] y) {
        for (int l = 0; l < w.length; l++) {
            blocks.add(new ParameterBlock("dense" + (l + 1) + ".W", RowMajor.flatten(w[l]), w[l].length,
                    w[l][0].length));
            blocks.add(new ParameterBlock("dense" + (l + 1) + ".b", b[l].clone(), b[l].length));
        }
        this.hidden = hidden;
        this.x = x;
        this.y = y;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        return network().loss(x, y);
    }

    @Override
    public double[][] gradient() {
        TextbookMlp.Gradients g = network().gradients(x, y);
        double[][] grads = new double[blocks.size()][];
        for (int l = 0; l < g.dw().length; l++) {
            grads[2 * l] = RowMajor.flatten(g.dw()[l]);
            grads[2 * l + 1] = g.db()[l];
        }
        return grads;
    }

    /** Sizes that explain a scaled gradient: "k = 8 on dense2.W only" becomes "8 = the batch size m: a 1/m missing". */
    @Override
    public List<KnownFactor> knownFactors() {
        return List.of(new KnownFactor("the batch size m", x.length),
                new KnownFactor("the number of output units", y[0].length));
    }

    private TextbookMlp network() {
        int layers = blocks.size() / 2;
        double[][][] w = new double[layers][][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int[] shape = blocks.get(2 * l).shape();
            w[l] = RowMajor.rows(blocks.get(2 * l).data(), shape[0], shape[1]);
            b[l] = blocks.get(2 * l + 1).data().clone();
        }
        return new TextbookMlp(w, b, hidden);
    }
}
// README: blocks end
