package org.gradproof.properties.readme;

// README: flat begin
import org.gradproof.check.DifferentiableFunction;

/**
 * Your network's loss as a function of one flat vector θ: every W_l row-major, then b_l, layer after layer. The
 * checker needs nothing else, but its report can only say "x[53]": prefer named blocks.
 */
final class TextbookMlpFlat implements DifferentiableFunction {

    private final int[] widths;        // inputs, then the units of each layer, e.g. {2, 6, 5, 3}
    private final String[] hidden;
    private final double[][] x;
    private final double[][] y;

    TextbookMlpFlat(int[] widths, String[] hidden, double[][] x, double[][] y) {
        this.widths = widths;
        this.hidden = hidden;
        this.x = x;
        this.y = y;
    }

    @Override
    public double value(double[] theta) {
        return network(theta).loss(x, y);
    }

    @Override
    public double[] gradient(double[] theta) {
        TextbookMlp.Gradients g = network(theta).gradients(x, y);
        double[] flat = new double[theta.length];
        int at = 0;
        for (int l = 0; l < g.dw().length; l++) {
            double[] dw = RowMajor.flatten(g.dw()[l]);
            System.arraycopy(dw, 0, flat, at, dw.length);
            System.arraycopy(g.db()[l], 0, flat, at + dw.length, g.db()[l].length);
            at += dw.length + g.db()[l].length;
        }
        return flat;
    }

    private TextbookMlp network(double[] theta) {
        double[][][] w = new double[widths.length - 1][][];
        double[][] b = new double[widths.length - 1][];
        int at = 0;
        for (int l = 0; l < w.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            w[l] = RowMajor.rows(java.util.Arrays.copyOfRange(theta, at, at + out * in), out, in);
            b[l] = java.util.Arrays.copyOfRange(theta, at + out * in, at + out * in + out);
            at += out * in + out;
        }
        return new TextbookMlp(w, b, hidden);
    }
}
// README: flat end
