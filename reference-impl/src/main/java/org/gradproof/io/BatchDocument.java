package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;
import org.gradproof.nn.Batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code gradproof-batch} document (version 1): inputs and targets of m examples. {@code "examples": "rows"} stores
 * them as m × features and m × outputs (one example per row, the reference network's and PyTorch's convention);
 * {@code "examples": "columns"} as features × m and outputs × m (one example per column, the column-vector convention
 * of seed 000). Every value must be finite.
 */
public final class BatchDocument {

    public static final String FORMAT = "gradproof-batch";

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            List.of("format", "version", "examples", "inputs", "targets"));

    private BatchDocument() {
    }

    /** Reads a batch document from a file; errors name the file. */
    public static Batch read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses a batch document; {@code source} names it in errors. */
    public static Batch parse(String json, String source) {
        if (SequenceBatchDocument.isSequences(json, source)) {
            throw new InterchangeException(source, "$.examples", "a batch of sequences, for an LSTM model: read it "
                    + "with SequenceBatchDocument (this reader takes \"rows\" or \"columns\" of a dense model's "
                    + "examples)");
        }
        Node root = JsonNodes.document(json, source, FORMAT, FIELDS);
        Node examplesNode = root.field("examples", "\"rows\" (one example per row) or \"columns\" (one per column)");
        String examples = examplesNode.string("how examples are stored");
        boolean columns = switch (examples) {
            case "rows" -> false;
            case "columns" -> true;
            default -> throw examplesNode.error("expected \"rows\" or \"columns\", got \"" + examples + "\"");
        };
        String axis = columns ? "features x examples" : "examples x features";
        double[][] inputs = root.field("inputs", "the inputs, " + axis).anyMatrix("the inputs, " + axis, true);
        int m = columns ? inputs[0].length : inputs.length;
        Node targetsNode = root.field("targets", "the targets, " + (columns ? "outputs x examples" : "examples x outputs"));
        double[][] targets;
        if (columns) {
            int outputs = targetsNode.length("an array of rows (the targets, outputs x examples)");
            String what = "the targets, outputs x examples: " + m + " columns like the " + inputs.length + "x" + m
                    + " inputs";
            if (outputs == 0) {
                throw targetsNode.error("expected at least one row (" + what + "), got an empty array");
            }
            targets = transpose(targetsNode.matrix(outputs, m, what, true));
            inputs = transpose(inputs);
        } else {
            int rows = targetsNode.length("an array of " + m + " rows (the targets, one per example)");
            if (rows != m) {
                throw targetsNode.error("expected " + m + " rows (the targets, one per example like the " + m + "x"
                        + inputs[0].length + " inputs), got " + rows);
            }
            targets = targetsNode.anyMatrix("the targets, examples x outputs", true);
        }
        return Batch.of(inputs, targets);
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
