package org.gradproof.properties.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gradproof.check.DifferentiableLayer;
import org.gradproof.check.ParameterBlock;
import org.gradproof.nn.Activation;
import org.gradproof.nn.Dense;
import org.gradproof.nn.LstmLayer;
import org.gradproof.nn.ReferenceLayers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One case of the {@link LayerContract}: a layer's kind and sizes, its parameters and its inputs, all drawn from a
 * seed, and the reference layer with those parameters. Parameters are U(−s, s) for the case's scale s; inputs U(−1, 1)
 * (a cell state U(−2, 2), pre-activations U(−3, 3)). Block layouts are the reference's: a dense layer's {@code dense.W}
 * is out × in row by row and {@code dense.b} has out entries; an LSTM cell's twelve blocks are
 * {@code lstm.W_i … lstm.W_o} (cells × inputs), {@code lstm.U_i … lstm.U_o} (cells × cells), {@code lstm.b_i …
 * lstm.b_o}; inputs are batches with one example per row.
 */
public final class LayerCase {

    /** What kind of layer. */
    public enum Kind {
        /** Z = X·Wᵀ + 1·bᵀ: one input {@code x} (batch × inputs), parameters {@code dense.W}, {@code dense.b}. */
        DENSE,
        /** A = act(Z), softmax by rows too: one input {@code z} (batch × width), no parameters. */
        ACTIVATION,
        /**
         * The dense layer on each of {@value LayerCase#STEPS} time steps: one input {@code xs}, the steps stacked
         * ((steps · batch) × inputs, step by step), parameters {@code dense.W}, {@code dense.b}, whose gradients sum
         * over the steps.
         */
        TIME_DISTRIBUTED,
        /**
         * One LSTM step: inputs {@code x_t} (batch × inputs), {@code h_prev} and {@code c_prev} (batch × cells); output
         * h_t then c_t; the twelve parameter blocks of {@link LstmLayer}.
         */
        LSTM_CELL
    }

    /** Time steps of a {@link Kind#TIME_DISTRIBUTED} case: enough for a gradient kept from one step only to show. */
    public static final int STEPS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Kind kind;
    private final String activation;
    private final int inputs;
    private final int outputs;
    private final int batch;
    private final double scale;
    private final long seed;
    private final Map<String, ParameterBlock> parameters = new LinkedHashMap<>();
    private final List<ParameterBlock> inputBlocks = new ArrayList<>();

    private LayerCase(Kind kind, String activation, int inputs, int outputs, int batch, double scale, long seed) {
        this.kind = kind;
        this.activation = activation;
        this.inputs = inputs;
        this.outputs = outputs;
        this.batch = batch;
        this.scale = scale;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        for (ParameterBlock b : referenceBlocks()) {
            parameters.put(b.name(), new ParameterBlock(b.name(), uniform(random, b.size(), scale), b.shape()));
        }
        switch (kind) {
            case DENSE -> inputBlocks.add(new ParameterBlock("x", uniform(random, batch * inputs, 1), batch, inputs));
            case TIME_DISTRIBUTED -> inputBlocks.add(new ParameterBlock("xs", uniform(random, STEPS * batch * inputs,
                    1), STEPS * batch, inputs));
            case ACTIVATION -> inputBlocks.add(new ParameterBlock("z", uniform(random, batch * inputs, 3), batch,
                    inputs));
            case LSTM_CELL -> {
                inputBlocks.add(new ParameterBlock("x_t", uniform(random, batch * inputs, 1), batch, inputs));
                inputBlocks.add(new ParameterBlock("h_prev", uniform(random, batch * outputs, 1), batch, outputs));
                inputBlocks.add(new ParameterBlock("c_prev", uniform(random, batch * outputs, 2), batch, outputs));
            }
        }
    }

    /**
     * The case these numbers stand for: for {@link Kind#ACTIVATION}, {@code activation} names it (as
     * {@link Activation#named} does) and outputs equals inputs; otherwise it is null.
     */
    public static LayerCase of(Kind kind, String activation, int inputs, int outputs, int batch, double scale,
                               long seed) {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (kind == Kind.ACTIVATION) {
            Activation.named(activation);
            if (outputs != inputs) {
                throw new IllegalArgumentException("an activation has as many outputs as inputs, got " + inputs
                        + " inputs and " + outputs + " outputs");
            }
        } else if (activation != null) {
            throw new IllegalArgumentException("activation: only an ACTIVATION case names one, got '" + activation
                    + "' for " + kind);
        }
        if (inputs < 1 || outputs < 1 || batch < 1) {
            throw new IllegalArgumentException("inputs, outputs and batch must be at least 1, got " + inputs + ", "
                    + outputs + ", " + batch);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        return new LayerCase(kind, activation, inputs, outputs, batch, scale, seed);
    }

    /** The case written by {@link #toJson()} (kind, sizes, scale and seed rebuild it; the values are there to read). */
    public static LayerCase fromJson(Path file) throws IOException {
        JsonNode n = JSON.readTree(file.toFile());
        return of(Kind.valueOf(n.path("kind").asText()), n.hasNonNull("activation") ? n.get("activation").asText()
                : null, n.path("inputs").asInt(), n.path("outputs").asInt(), n.path("batch").asInt(),
                n.path("scale").asDouble(), n.path("seed").asLong());
    }

    /** The case as JSON: kind, sizes, scale, seed, and every parameter and input block's shape and values. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", kind.name());
        root.put("activation", activation);
        root.put("inputs", inputs);
        root.put("outputs", outputs);
        root.put("batch", batch);
        root.put("scale", scale);
        root.put("seed", seed);
        root.set("parameters", blocksJson(parameters.values()));
        root.set("inputBlocks", blocksJson(inputBlocks));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("a layer case could not be written as JSON", e);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The activation's name for {@link Kind#ACTIVATION}, else null. */
    public String activation() {
        return activation;
    }

    /** Input features (a dense layer's in, an LSTM's inputs, an activation's width). */
    public int inputs() {
        return inputs;
    }

    /** Output units (a dense layer's out, an LSTM's cells, an activation's width). */
    public int outputs() {
        return outputs;
    }

    public int batch() {
        return batch;
    }

    public double scale() {
        return scale;
    }

    public long seed() {
        return seed;
    }

    /** The names of the parameter blocks, in the order your layer's {@code parameters()} must give them. */
    public List<String> parameterNames() {
        return List.copyOf(parameters.keySet());
    }

    /** A copy of the values of parameter block {@code name}, in the reference's layout. */
    public double[] parameter(String name) {
        ParameterBlock b = parameters.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no parameter block '" + name + "'; this case has " + parameterNames());
        }
        return b.data().clone();
    }

    /** The shape of parameter block {@code name}. */
    public int[] parameterShape(String name) {
        parameter(name);
        return parameters.get(name).shape();
    }

    /** Fresh copies of the input blocks, in the order your layer's forward() receives them. */
    public List<ParameterBlock> inputBlocks() {
        return inputBlocks.stream().map(b -> new ParameterBlock(b.name(), b.data().clone(), b.shape())).toList();
    }

    /** The name of the layer, as its parameter blocks begin ({@code dense}, {@code lstm}) or the activation's. */
    String layerName() {
        return switch (kind) {
            case DENSE, TIME_DISTRIBUTED -> "dense";
            case LSTM_CELL -> "lstm";
            case ACTIVATION -> activation;
        };
    }

    /** A new reference layer ({@code ReferenceLayers}) with this case's parameters, in storage of its own. */
    public DifferentiableLayer reference() {
        switch (kind) {
            case DENSE -> {
                Dense d = new Dense("dense", inputs, outputs);
                fill(d.blocks());
                return ReferenceLayers.dense(d, batch);
            }
            case TIME_DISTRIBUTED -> {
                Dense d = new Dense("dense", inputs, outputs);
                fill(d.blocks());
                return ReferenceLayers.timeDistributed(d, STEPS, batch);
            }
            case LSTM_CELL -> {
                LstmLayer l = new LstmLayer("lstm", inputs, outputs);
                fill(l.blocks());
                return ReferenceLayers.lstmCell(l, batch);
            }
            default -> {
                return ReferenceLayers.activation(Activation.named(activation), batch, inputs);
            }
        }
    }

    @Override
    public String toString() {
        String shape = switch (kind) {
            case DENSE -> "dense " + inputs + " -> " + outputs;
            case TIME_DISTRIBUTED -> "dense " + inputs + " -> " + outputs + " on each of " + STEPS + " steps";
            case LSTM_CELL -> "LSTM cell " + inputs + " -> " + outputs + " cells";
            case ACTIVATION -> activation + " of width " + inputs;
        };
        return String.format(Locale.ROOT, "%s, batch %d%s, seed %d", shape, batch,
                kind == Kind.ACTIVATION ? "" : ", weights U(±" + scale + ")", seed);
    }

    private List<ParameterBlock> referenceBlocks() {
        return switch (kind) {
            case DENSE, TIME_DISTRIBUTED -> new Dense("dense", inputs, outputs).blocks();
            case LSTM_CELL -> new LstmLayer("lstm", inputs, outputs).blocks();
            case ACTIVATION -> List.of();
        };
    }

    private void fill(List<ParameterBlock> blocks) {
        for (ParameterBlock b : blocks) {
            System.arraycopy(parameters.get(b.name()).data(), 0, b.data(), 0, b.size());
        }
    }

    private static ObjectNode blocksJson(Iterable<ParameterBlock> blocks) {
        ObjectNode node = JSON.createObjectNode();
        for (ParameterBlock b : blocks) {
            ObjectNode block = node.putObject(b.name());
            var shape = block.putArray("shape");
            for (int d : b.shape()) {
                shape.add(d);
            }
            var values = block.putArray("values");
            for (double v : b.data()) {
                values.add(v);
            }
        }
        return node;
    }

    private static double[] uniform(SplittableRandom random, int n, double a) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-a, a);
        }
        return v;
    }
}
