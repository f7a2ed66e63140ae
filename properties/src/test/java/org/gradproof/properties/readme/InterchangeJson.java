package org.gradproof.properties.readme;

// README: json begin
import java.util.ArrayList;
import java.util.List;

/**
 * gradproof's JSON interchange (docs/interchange.md) from plain arrays: W[l] as [out][in] (PyTorch's order), the biases
 * separate, examples as rows. Double.toString reads back to the same bits.
 */
final class InterchangeJson {

    private static final String LAYOUT = "\"layout\": {\"weights\": \"out_in\", \"bias\": \"separate\"}";

    /** A model: its layers' weights, biases and activations, and the loss, e.g. "softmax_cross_entropy", "mean". */
    static String model(double[][][] w, double[][] b, String[] activations, String loss, String reduction) {
        List<String> layers = new ArrayList<>();
        for (int l = 0; l < w.length; l++) {
            layers.add("{\"type\": \"dense\", \"units\": " + w[l].length + ", \"activation\": \"" + activations[l]
                    + "\", \"weights\": " + matrix(w[l]) + ", \"bias\": " + vector(b[l]) + "}");
        }
        return "{\"format\": \"gradproof-model\", \"version\": 1, " + LAYOUT + ", \"inputs\": " + w[0][0].length
                + ", \"layers\": [" + String.join(", ", layers) + "], \"loss\": {\"name\": \"" + loss
                + "\", \"reduction\": \"" + reduction + "\"}}";
    }

    /** A batch: one example per row. */
    static String batch(double[][] x, double[][] y) {
        return "{\"format\": \"gradproof-batch\", \"version\": 1, \"examples\": \"rows\", \"inputs\": " + matrix(x)
                + ", \"targets\": " + matrix(y) + "}";
    }

    /** Your gradients, named dense1.W, dense1.b, dense2.W, …, and the loss they were taken at. */
    static String gradients(double[][][] dw, double[][] db, double loss) {
        List<String> blocks = new ArrayList<>();
        for (int l = 0; l < dw.length; l++) {
            blocks.add("\"dense" + (l + 1) + ".W\": " + matrix(dw[l]));
            blocks.add("\"dense" + (l + 1) + ".b\": " + vector(db[l]));
        }
        return "{\"format\": \"gradproof-gradients\", \"version\": 1, " + LAYOUT + ", \"loss\": " + loss
                + ", \"blocks\": {" + String.join(", ", blocks) + "}}";
    }

    private static String matrix(double[][] m) {
        List<String> rows = new ArrayList<>();
        for (double[] row : m) {
            rows.add(vector(row));
        }
        return "[" + String.join(", ", rows) + "]";
    }

    private static String vector(double[] v) {
        List<String> numbers = new ArrayList<>();
        for (double d : v) {
            numbers.add(Double.toString(d)); // NaN and Infinity only in gradients: gradproof reads them there
        }
        return "[" + String.join(", ", numbers) + "]";
    }
}
// README: json end
