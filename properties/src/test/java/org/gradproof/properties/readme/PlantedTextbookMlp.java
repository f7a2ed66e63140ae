package org.gradproof.properties.readme;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.ParameterBlock;

import java.util.List;

/**
 * {@link TextbookMlpObjective} with a bug planted in its backprop ({@link TextbookMlp.Bug}): the same blocks, loss
 * and known factors, the gradient of the buggy network built from the blocks as they are now.
 */
final class PlantedTextbookMlp implements BlockFunction {

    private final TextbookMlpObjective correct;
    private final TextbookMlp.Bug bug;
    private final String[] hidden;
    private final double[][] x;
    private final double[][] y;

    PlantedTextbookMlp(TextbookMlp.Bug bug, double[][][] w, double[][] b, String[] hidden, double[][] x,
                       double[][] y) {
        this.correct = new TextbookMlpObjective(w, b, hidden, x, y);
        this.bug = bug;
        this.hidden = hidden;
        this.x = x;
        this.y = y;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return correct.blocks();
    }

    @Override
    public double value() {
        return correct.value();
    }

    @Override
    public double[][] gradient() {
        List<ParameterBlock> blocks = blocks();
        int layers = blocks.size() / 2;
        double[][][] w = new double[layers][][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int[] shape = blocks.get(2 * l).shape();
            w[l] = RowMajor.rows(blocks.get(2 * l).data(), shape[0], shape[1]);
            b[l] = blocks.get(2 * l + 1).data().clone();
        }
        TextbookMlp.Gradients g = new TextbookMlp(bug, w, b, hidden).gradients(x, y);
        double[][] grads = new double[blocks.size()][];
        for (int l = 0; l < layers; l++) {
            grads[2 * l] = RowMajor.flatten(g.dw()[l]);
            grads[2 * l + 1] = g.db()[l];
        }
        return grads;
    }

    @Override
    public List<KnownFactor> knownFactors() {
        return correct.knownFactors();
    }
}
