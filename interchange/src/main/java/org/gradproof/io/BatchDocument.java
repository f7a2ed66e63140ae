package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gradproof.nn.Batch;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code gradproof-batch} document (version 1): inputs and targets of m examples. {@code "examples": "rows"} stores
 * them as m × features and m × outputs (one example per row, the reference network's and PyTorch's convention);
 * {@code "examples": "columns"} as features × m and outputs × m (one example per column, the column-vector convention
 * z = W·x + b). Every value must be finite.
 */
public final class BatchDocument {

    public static final String FORMAT = "gradproof-batch";

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            List.of("format", "version", "examples", "inputs", "targets"));

    private BatchDocument() {
    }

    /** Reads a batch document from a file, within the default {@link ReadLimits}; errors name the file. */
    public static Batch read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /** Reads a batch document from a file, once, within the limits; errors name the file. */
    public static Batch read(Path file, ReadLimits limits) {
        return from(JsonNodes.read(file, limits, FORMAT), null);
    }

    /**
     * Reads a batch document for a model, once, within the limits: each example must have the model's inputs and
     * outputs, or the error names the JSON path, both widths and the model.
     */
    public static Batch read(Path file, ReadLimits limits, DenseArchitecture model) {
        return from(JsonNodes.read(file, limits, FORMAT), model);
    }

    /** Parses a batch document; {@code source} names it in errors. */
    public static Batch parse(String json, String source) {
        return from(JsonNodes.parse(json, source), null);
    }

    /**
     * Reads a parsed batch document, for {@code model} unless it is null; the numbers are copied out of the packed
     * blocks, not row by row.
     */
    static Batch from(Node parsed, DenseArchitecture net) {
        if (parsed.isObject() && "sequences".equals(parsed.text("examples"))) {
            throw new InterchangeException(parsed.source(), "$.examples", "a batch of sequences, for an LSTM model: "
                    + "read it with SequenceBatchDocument (this reader takes \"rows\" or \"columns\" of a dense "
                    + "model's examples)");
        }
        Node root = JsonNodes.document(parsed, FORMAT, FIELDS);
        Node examplesNode = root.field("examples", "\"rows\" (one example per row) or \"columns\" (one per column)");
        String examples = examplesNode.string("how examples are stored");
        boolean columns = switch (examples) {
            case "rows" -> false;
            case "columns" -> true;
            default -> throw examplesNode.error("expected \"rows\" or \"columns\", got \"" + examples + "\"");
        };
        String axis = columns ? "features x examples" : "examples x features";
        int[] in = new int[2];
        double[] x = root.field("inputs", "the inputs, " + axis).anyMatrix("the inputs, " + axis, true, in);
        DMatrixRMaj inputs = DMatrixRMaj.wrap(in[0], in[1], x);
        int m = columns ? in[1] : in[0];
        if (net != null) {
            requireWidth(root.field("inputs", ""), columns, columns ? in[0] : in[1], net.inputs(), "input", net);
        }
        Node targetsNode = root.field("targets", "the targets, " + (columns ? "outputs x examples" : "examples x outputs"));
        DMatrixRMaj targets;
        if (columns) {
            int outputs = targetsNode.length("an array of rows (the targets, outputs x examples)");
            String what = "the targets, outputs x examples: " + m + " columns like the " + in[0] + "x" + m
                    + " inputs";
            if (outputs == 0) {
                throw targetsNode.error("expected at least one row (" + what + "), got an empty array");
            }
            if (net != null) {
                requireWidth(targetsNode, true, outputs, net.outputs(), "output", net);
            }
            targets = CommonOps_DDRM.transpose(new DMatrixRMaj(targetsNode.matrix(outputs, m, what, true)), null);
            inputs = CommonOps_DDRM.transpose(inputs, null);
        } else {
            int rows = targetsNode.length("an array of " + m + " rows (the targets, one per example)");
            if (rows != m) {
                throw targetsNode.error("expected " + m + " rows (the targets, one per example like the " + m + "x"
                        + in[1] + " inputs), got " + rows);
            }
            int[] out = new int[2];
            double[] y = targetsNode.anyMatrix("the targets, examples x outputs", true, out);
            targets = DMatrixRMaj.wrap(out[0], out[1], y);
            if (net != null) {
                requireWidth(targetsNode, false, out[1], net.outputs(), "output", net);
            }
        }
        return Batch.of(inputs, targets);
    }

    /** An example's width: a row's length (examples as rows) or the number of rows (examples as columns). */
    private static void requireWidth(Node matrix, boolean columns, int got, int expected, String what,
                                     DenseArchitecture net) {
        if (got != expected) {
            throw (columns ? matrix : matrix.element(0)).error("expected " + expected + (columns ? " rows" : " numbers")
                    + ", one per " + what + " of the model (" + net.describe() + "), got " + got);
        }
    }

    /** The batch as a document, with examples as rows or as columns. */
    public static String toJson(Batch batch, boolean examplesAsColumns) {
        double[][] x = rows(batch.inputs().data, batch.size(), batch.inputWidth());
        double[][] y = rows(batch.targets().data, batch.size(), batch.targetWidth());
        if (examplesAsColumns) {
            x = transpose(x);
            y = transpose(y);
        }
        return "{\n  \"format\": \"" + FORMAT + "\",\n  \"version\": 1,\n  \"examples\": \""
                + (examplesAsColumns ? "columns" : "rows") + "\",\n  \"inputs\": " + JsonText.matrix(x, 2)
                + ",\n  \"targets\": " + JsonText.matrix(y, 2) + "\n}\n";
    }

    private static double[][] rows(double[] data, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * cols, m[i], 0, cols);
        }
        return m;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
