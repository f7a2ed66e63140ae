package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.LstmState;
import org.gradproof.nn.SequenceBatch;
import org.gradproof.nn.Sequences;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code gradproof-batch} document (version 1) of sequences, {@code "examples": "sequences"}, for LSTM models. The
 * axis order is stated ({@code "axes": "seq_batch_features"}, the only order version 1 reads; PyTorch's
 * {@code batch_first=True} arrays must be transposed):
 * <ul>
 *   <li>{@code inputs}: [seq][batch][features], T steps of a batch × features matrix;</li>
 *   <li>{@code targets}: [batch][outputs] for a head on the last step, [seq][batch][outputs] for a head on every
 *       step (told apart by their depth);</li>
 *   <li>{@code initial_state}, optional (default all zeros): [layers][2][batch][cells], [l][0] = h_0 and
 *       [l][1] = c_0 of layer l+1 (the last axis is each layer's own cells, so layers may differ).</li>
 * </ul>
 * Every value must be finite. Sizes the batch cannot know (layers, cells, features, outputs) are checked against a
 * model by {@link #requireFits}; every error names the JSON path, the axis, and both sizes.
 */
public final class SequenceBatchDocument {

    /** The one axis order version 1 reads. */
    public static final String AXES = "seq_batch_features";

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            List.of("format", "version", "examples", "axes", "inputs", "targets", "initial_state"));
    private static final String[] INPUT_AXES = {"seq", "batch", "features"};

    private final String source;
    private final SequenceBatch batch;
    private final double[][][][] initialState; // null: zeros

    private SequenceBatchDocument(String source, SequenceBatch batch, double[][][][] initialState) {
        this.source = source;
        this.batch = batch;
        this.initialState = initialState;
    }

    /** A document of a batch, with an initial state [layers][2][batch][cells] (copied) or null for zeros. */
    public static SequenceBatchDocument of(SequenceBatch batch, double[][][][] initialState) {
        return new SequenceBatchDocument("(in memory)", batch, initialState == null ? null : copy(initialState));
    }

    /** Reads a sequence batch document from a file, within the default {@link ReadLimits}; errors name the file. */
    public static SequenceBatchDocument read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /** Reads a sequence batch document from a file, once, within the limits; errors name the file. */
    public static SequenceBatchDocument read(Path file, ReadLimits limits) {
        return from(JsonNodes.read(file, limits, BatchDocument.FORMAT));
    }

    /** Parses a sequence batch document; {@code source} names it in errors. */
    public static SequenceBatchDocument parse(String json, String source) {
        return from(JsonNodes.parse(json, source));
    }

    /** Reads a parsed sequence batch document. */
    static SequenceBatchDocument from(Node parsed) {
        Node root = JsonNodes.document(parsed, BatchDocument.FORMAT, FIELDS);
        Node examples = root.field("examples", "\"sequences\"");
        String e = examples.string("how examples are stored");
        if (!e.equals("sequences")) {
            throw examples.error("expected \"sequences\" (a batch for an LSTM model), got \"" + e + "\"");
        }
        Node axesNode = root.field("axes", "the axis order of the inputs, \"" + AXES + "\"; it is stated, never "
                + "guessed");
        String axes = axesNode.string("the axis order of the inputs");
        if (!axes.equals(AXES)) {
            throw axesNode.error("expected \"" + AXES + "\" (inputs [seq][batch][features]), got \"" + axes + "\""
                    + (axes.equals("batch_seq_features") ? ": transpose the inputs (x.transpose(1, 0, 2) for "
                    + "PyTorch's batch_first=True) and every-step targets alike" : ""));
        }
        int[] in = {-1, -1, -1};
        double[] x = JsonNodes.array(root.field("inputs", "the inputs, [seq][batch][features]"), in, INPUT_AXES,
                null, "the inputs [seq][batch][features]", true);
        int steps = in[0];
        int m = in[1];
        Node targetsNode = root.field("targets", "the targets, [batch][outputs] (head on the last step) or "
                + "[seq][batch][outputs] (head on every step)");
        boolean perStep = depth(targetsNode) >= 3;
        SequenceBatch batch;
        if (perStep) {
            int[] shape = {steps, m, -1};
            double[] y = JsonNodes.array(targetsNode, shape, new String[] {"seq", "batch", "outputs"},
                    new String[] {"the inputs' steps", "the inputs' batch", null},
                    "the targets [seq][batch][outputs]", true);
            batch = SequenceBatch.everyStep(cube(x, in), cube(y, shape));
        } else {
            int[] shape = {m, -1};
            double[] y = JsonNodes.array(targetsNode, shape, new String[] {"batch", "outputs"},
                    new String[] {"the inputs' batch", null}, "the targets [batch][outputs]", true);
            batch = SequenceBatch.lastStep(cube(x, in), cube(y, new int[] {1, shape[0], shape[1]})[0]);
        }
        double[][][][] state = null;
        if (root.optionalField("initial_state").isPresent()) {
            Node node = root.field("initial_state", "");
            int layers = node.length("an array along axis 0 (layers) of the initial state [layers][2][batch][cells]");
            if (layers == 0) {
                throw node.error("axis 0 (layers) must have at least 1 entry, got 0");
            }
            state = new double[layers][][][];
            String[] stateAxes = {"layers", "h and c", "batch", "cells"};
            String[] why = {null, "[l][0] = h_0, [l][1] = c_0", "the inputs' batch", null};
            for (int l = 0; l < layers; l++) {
                int[] shape = {layers, 2, m, -1}; // the cells may differ from layer to layer
                double[] s = JsonNodes.array(node.element(l), 1, shape, stateAxes, why,
                        "the initial state [layers][2][batch][cells]", true);
                state[l] = cube(s, new int[] {2, m, shape[3]});
            }
        }
        return new SequenceBatchDocument(root.source(), batch, state);
    }

    /** How deeply arrays nest at the start of a value: 0 for a number, 1 for [x, …], 2 for [[x, …]], … */
    private static int depth(Node node) {
        int d = 0;
        Node v = node;
        while (v.isArray() && v.length("") > 0) {
            d++;
            v = v.element(0);
        }
        return d + (v.isArray() ? 1 : 0);
    }

    private static double[][][] cube(double[] flat, int[] shape) {
        double[][][] c = new double[shape[0]][shape[1]][shape[2]];
        for (int a = 0; a < shape[0]; a++) {
            for (int b = 0; b < shape[1]; b++) {
                System.arraycopy(flat, (a * shape[1] + b) * shape[2], c[a][b], 0, shape[2]);
            }
        }
        return c;
    }

    /**
     * Throws unless the batch fits the model: features, outputs, targets per step or not, and the initial state's
     * layers and cells. The message names the file, the JSON path, the axis and both sizes.
     */
    public SequenceBatchDocument requireFits(LstmArchitecture a) {
        if (batch.features() != a.inputs()) {
            throw new InterchangeException(source, "$.inputs", "axis 2 (features) must have " + a.inputs()
                    + " entries (the model's inputs), got " + batch.features());
        }
        if (batch.targetWidth() != a.outputs()) {
            throw new InterchangeException(source, "$.targets", "axis " + (batch.perStep() ? 2 : 1) + " (outputs) "
                    + "must have " + a.outputs() + " entries (the head's units), got " + batch.targetWidth());
        }
        boolean every = a.head() == Lstm.HeadPlacement.EVERY_STEP;
        if (batch.perStep() != every) {
            throw new InterchangeException(source, "$.targets", "the model's head reads "
                    + (every ? "every step, so the targets are [seq][batch][outputs]" : "the last step, so the "
                    + "targets are [batch][outputs]") + ", got " + (batch.perStep() ? "[seq][batch][outputs]"
                    : "[batch][outputs]"));
        }
        if (initialState != null) {
            int layers = a.cells().size();
            if (initialState.length != layers) {
                throw new InterchangeException(source, "$.initial_state", "axis 0 (layers) must have " + layers
                        + " entries (the model's lstm layers), got " + initialState.length);
            }
            for (int l = 0; l < layers; l++) {
                int cells = a.cells().get(l);
                if (initialState[l][0][0].length != cells) {
                    throw new InterchangeException(source, "$.initial_state[" + l + "][0][0]", "axis 3 (cells) must "
                            + "have " + cells + " entries (the cells of lstm" + (l + 1) + "), got "
                            + initialState[l][0][0].length);
                }
            }
        }
        return this;
    }

    /** The batch (inputs and targets). */
    public SequenceBatch batch() {
        return batch;
    }

    /** Whether the document gives an initial state (else it is all zeros). */
    public boolean hasInitialState() {
        return initialState != null;
    }

    /** The initial state [layers][2][batch][cells] (a copy), or null when the document gives none. */
    public double[][][][] initialState() {
        return initialState == null ? null : copy(initialState);
    }

    /**
     * The batch with its initial state for a model of this architecture (the document's state, or zeros), once it
     * fits ({@link #requireFits}).
     */
    public Sequences sequencesFor(LstmArchitecture model) {
        requireFits(model);
        return new Sequences(batch, state(model.cells()));
    }

    /** The initial state for layers of these cells: the document's, or zeros. */
    private LstmState state(List<Integer> cells) {
        // LstmState's factories take one cell count for every layer; layers of other widths are reshaped in place.
        LstmState state = LstmState.zeros(cells.size(), batch.size(), 1);
        for (int l = 0; l < cells.size(); l++) {
            state.hidden(l).reshape(batch.size(), cells.get(l));
            state.cell(l).reshape(batch.size(), cells.get(l));
            state.hidden(l).zero();
            state.cell(l).zero();
            if (initialState != null) {
                for (int n = 0; n < batch.size(); n++) {
                    for (int j = 0; j < cells.get(l); j++) {
                        state.hidden(l).set(n, j, initialState[l][0][n][j]);
                        state.cell(l).set(n, j, initialState[l][1][n][j]);
                    }
                }
            }
        }
        return state;
    }

    /** The document as JSON text. */
    public String toJson() {
        StringBuilder s = new StringBuilder("{\n  \"format\": \"").append(BatchDocument.FORMAT)
                .append("\",\n  \"version\": 1,\n  \"examples\": \"sequences\",\n  \"axes\": \"").append(AXES)
                .append("\",\n  \"inputs\": ");
        List<org.ejml.data.DMatrixRMaj> xs = batch.inputs();
        double[][][] x = xs.stream().map(SequenceBatchDocument::rows).toArray(double[][][]::new);
        s.append(cubeJson(x, 2));
        org.ejml.data.DMatrixRMaj y = batch.targets();
        s.append(",\n  \"targets\": ");
        if (batch.perStep()) {
            int m = batch.size();
            double[][][] ys = new double[batch.steps()][m][y.numCols];
            for (int t = 0; t < batch.steps(); t++) {
                for (int n = 0; n < m; n++) {
                    System.arraycopy(y.data, (t * m + n) * y.numCols, ys[t][n], 0, y.numCols);
                }
            }
            s.append(cubeJson(ys, 2));
        } else {
            s.append(JsonText.matrix(rows(y), 2));
        }
        if (initialState != null) {
            s.append(",\n  \"initial_state\": [\n");
            for (int l = 0; l < initialState.length; l++) {
                s.append("    ").append(cubeJson(initialState[l], 4)).append(l + 1 < initialState.length ? ",\n" : "\n");
            }
            s.append("  ]");
        }
        return s.append("\n}\n").toString();
    }

    /** [[row, …], …] with each matrix's rows on their own lines. */
    private static String cubeJson(double[][][] c, int indent) {
        String pad = " ".repeat(indent + 2);
        StringBuilder s = new StringBuilder("[\n");
        for (int a = 0; a < c.length; a++) {
            s.append(pad).append(JsonText.matrix(c[a], indent + 2)).append(a + 1 < c.length ? ",\n" : "\n");
        }
        return s.append(" ".repeat(indent)).append(']').toString();
    }

    private static double[][] rows(org.ejml.data.DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, r[i], 0, m.numCols);
        }
        return r;
    }

    private static double[][][][] copy(double[][][][] a) {
        double[][][][] c = new double[a.length][][][];
        for (int l = 0; l < a.length; l++) {
            c[l] = new double[a[l].length][][];
            for (int k = 0; k < a[l].length; k++) {
                c[l][k] = new double[a[l][k].length][];
                for (int n = 0; n < a[l][k].length; n++) {
                    c[l][k][n] = a[l][k][n].clone();
                }
            }
        }
        return c;
    }
}
