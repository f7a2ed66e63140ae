package org.gradproof.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A layer's backward pass as the gradient of random projections of its output, so that the checker judges it by every
 * rule it judges a loss's gradient by. For upstream vectors u₁ … u_P (Gaussian, seeded), each projection p holds its
 * own copy of every input and parameter block, and
 * <pre>
 *   φ = C + Σₚ [ uₚ·y(x⁽ᵖ⁾; θ⁽ᵖ⁾) − uₚ·y(x; θ) ],     ∂φ/∂x⁽ᵖ⁾ = backward(x, uₚ).inputs,  ∂φ/∂θ⁽ᵖ⁾ = backward(x, uₚ).parameters
 * </pre>
 * Moving an entry of projection p's copies moves only its own term, so each evaluation is one forward pass (the entry
 * evaluator). C = maxₚ Σᵢ |uₚᵢ·yᵢ| puts φ where the projections' rounding is. A wrong Jacobian entry ∂yᵢ/∂xⱼ off by δ
 * moves entry j of projection p by uₚᵢ·δ: {@value #PROJECTIONS} independent projections make the chance that every uₚᵢ
 * is too small to show it negligible. Blocks are named {@code u1·x}, {@code u1·dense.W}, …; the layer's own parameters
 * are set to a projection's copy only for the length of one forward pass, and restored bit-exactly.
 */
final class LayerProjections implements BlockFunction {

    /** How many random upstream vectors. */
    static final int PROJECTIONS = 3;

    private final DifferentiableLayer layer;
    private final String what;
    private final List<ParameterBlock> inputs;
    private final double[][] inputData;
    private final List<ParameterBlock> parameters;
    private final double[][] parameterData;
    private final double[][] upstream;
    private final double[] baseline;
    private final double offset;
    private final List<ParameterBlock> blocks = new ArrayList<>();

    /** {@value #PROJECTIONS} Gaussian upstream vectors u1, u2, u3 drawn from {@code seed}. */
    static LayerProjections random(DifferentiableLayer layer, List<ParameterBlock> inputs, long seed) {
        return new LayerProjections(layer, inputs, (outputs, p) -> {
            SplittableRandom random = new SplittableRandom(seed + p);
            double[] u = new double[outputs];
            for (int i = 0; i < outputs; i++) {
                u[i] = random.nextGaussian();
            }
            return u;
        }, PROJECTIONS, p -> "u" + (p + 1), "its backward pass checked along " + PROJECTIONS + " random upstream "
                + "gradients (block uN·X: the gradient of uN·y with respect to X)");
    }

    /**
     * Every unit vector eᵢ as upstream, one per output: projection i's gradient is row i of the Jacobian, and its
     * blocks are named {@code J[out i]·x}, {@code J[out i]·dense.W}, … For m · (inputs and parameters) up to
     * {@value JacobianRows#MAX_ENTRIES}.
     */
    static LayerProjections unit(DifferentiableLayer layer, List<ParameterBlock> inputs) {
        return new LayerProjections(layer, inputs, (outputs, p) -> {
            double[] e = new double[outputs];
            e[p] = 1;
            return e;
        }, -1, p -> "J[out " + p + "]", "its Jacobian checked row by row (block J[out i]·X: ∂y_i/∂X)");
    }

    /** The upstream vector of projection p, for a layer of {@code outputs} outputs. */
    @FunctionalInterface
    private interface Upstream {
        double[] of(int outputs, int p);
    }

    /**
     * @param count how many projections, or −1 for one per output
     * @param names the prefix of projection p's block names
     * @param what  what the check does, for the report's description
     */
    private LayerProjections(DifferentiableLayer layer, List<ParameterBlock> inputs, Upstream vectors, int count,
                             java.util.function.IntFunction<String> names, String what) {
        if (layer == null) {
            throw new IllegalArgumentException("layer must not be null");
        }
        if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("inputs must be a non-empty list of blocks without nulls, got " + inputs);
        }
        List<ParameterBlock> own = layer.parameters();
        if (own == null || own.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("layer.parameters() must be a list of blocks without nulls, got " + own);
        }
        this.layer = layer;
        this.what = what;
        this.inputs = List.copyOf(inputs);
        this.inputData = this.inputs.stream().map(b -> b.data().clone()).toArray(double[][]::new);
        this.parameters = List.copyOf(own);
        this.parameterData = this.parameters.stream().map(b -> b.data().clone()).toArray(double[][]::new);
        double[] y = forward(inputData);
        if (y.length == 0) {
            throw new IllegalArgumentException("forward(inputs) returned no outputs: nothing to check");
        }
        int projections = count < 0 ? y.length : count;
        long entries = this.inputs.stream().mapToLong(ParameterBlock::size).sum()
                + this.parameters.stream().mapToLong(ParameterBlock::size).sum();
        if (projections * entries > JacobianRows.MAX_ENTRIES) {
            throw new IllegalArgumentException("the layer's Jacobian has " + y.length + " outputs x " + entries
                    + " inputs and parameters = " + projections * entries + " entries, more than "
                    + JacobianRows.MAX_ENTRIES + " a full check takes on; check it along random upstream gradients "
                    + "with GradientCheck.layer instead");
        }
        this.upstream = new double[projections][];
        this.baseline = new double[projections];
        double largest = 0;
        for (int p = 0; p < projections; p++) {
            upstream[p] = vectors.of(y.length, p);
            double magnitude = 0;
            for (int i = 0; i < y.length; i++) {
                baseline[p] += upstream[p][i] * y[i];
                magnitude += Math.abs(upstream[p][i] * y[i]);
            }
            largest = Math.max(largest, magnitude);
        }
        this.offset = largest;
        for (int p = 0; p < projections; p++) {
            String u = names.apply(p) + "·";
            for (ParameterBlock b : this.inputs) {
                blocks.add(new ParameterBlock(u + b.name(), b.data().clone(), b.shape()));
            }
            for (ParameterBlock b : this.parameters) {
                blocks.add(new ParameterBlock(u + b.name(), b.data().clone(), b.shape()));
            }
        }
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        double sum = offset;
        int per = perProjection();
        for (int p = 0; p < upstream.length; p++) {
            boolean moved = false;
            for (int k = 0; k < per && !moved; k++) {
                moved = !Arrays.equals(blocks.get(p * per + k).data(), baselineOf(k));
            }
            if (moved) {
                sum += projectionAt(p) - baseline[p];
            }
        }
        return sum;
    }

    @Override
    public double[][] gradient() {
        double[][] rows = new double[blocks.size()][];
        int per = perProjection();
        for (int p = 0; p < upstream.length; p++) {
            LayerGradients g = layer.backward(copies(inputData), upstream[p].clone());
            String call = "backward(inputs, " + blocks.get(p * per).name().substring(0,
                    blocks.get(p * per).name().indexOf('·')) + ")";
            if (g == null || g.inputs() == null || g.parameters() == null) {
                throw new IllegalArgumentException(call + " returned " + (g == null ? "null" : "null gradients"));
            }
            requireCount(call, "input", g.inputs().length, inputs.size());
            requireCount(call, "parameter block", g.parameters().length, parameters.size());
            for (int k = 0; k < per; k++) {
                boolean input = k < inputs.size();
                ParameterBlock of = input ? inputs.get(k) : parameters.get(k - inputs.size());
                double[] row = input ? g.inputs()[k] : g.parameters()[k - inputs.size()];
                if (row == null || row.length != of.size()) {
                    throw new IllegalArgumentException(call + " returned " + (row == null ? "null" : row.length
                            + " entries") + " for the gradient of " + (input ? "input " : "parameter block ")
                            + of.name() + ", whose shape is " + of.shapeText() + " (" + of.size() + " entries)");
                }
                rows[p * per + k] = row.clone();
            }
        }
        return rows;
    }

    /** Only the moved entry's projection: one forward pass with that entry set. */
    @Override
    public Optional<EntryEvaluator> entryEvaluator() {
        return Optional.of((block, index, trial) -> {
            int per = perProjection();
            int p = block / per;
            int k = block % per;
            if (k < inputs.size()) {
                double[][] moved = copies(inputData);
                moved[k][index] = trial;
                return offset + (project(p, forward(moved)) - baseline[p]);
            }
            double[] live = parameters.get(k - inputs.size()).data();
            double kept = live[index];
            live[index] = trial;
            try {
                return offset + (project(p, forward(copies(inputData))) - baseline[p]);
            } finally {
                live[index] = kept;
            }
        });
    }

    @Override
    public String description() {
        return layer.description() + ", " + what;
    }

    private int perProjection() {
        return inputs.size() + parameters.size();
    }

    private double[] baselineOf(int k) {
        return k < inputs.size() ? inputData[k] : parameterData[k - inputs.size()];
    }

    /** uₚ·y with projection p's copies of the inputs and, for one forward pass, of the parameters. */
    private double projectionAt(int p) {
        int per = perProjection();
        double[][] x = new double[inputs.size()][];
        for (int k = 0; k < inputs.size(); k++) {
            x[k] = blocks.get(p * per + k).data().clone();
        }
        try {
            for (int j = 0; j < parameters.size(); j++) {
                double[] copy = blocks.get(p * per + inputs.size() + j).data();
                System.arraycopy(copy, 0, parameters.get(j).data(), 0, copy.length);
            }
            return project(p, forward(x));
        } finally {
            for (int j = 0; j < parameters.size(); j++) {
                System.arraycopy(parameterData[j], 0, parameters.get(j).data(), 0, parameterData[j].length);
            }
        }
    }

    private double project(int p, double[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += upstream[p][i] * y[i];
        }
        return sum;
    }

    private double[] forward(double[][] x) {
        double[] y = layer.forward(x);
        if (y == null) {
            throw new IllegalArgumentException("forward(inputs) returned null");
        }
        if (upstream != null && y.length != upstream[0].length) {
            throw new IllegalArgumentException("forward(inputs) returned " + y.length + " outputs, then "
                    + upstream[0].length + " at the unmoved inputs: the output's size must not depend on the values");
        }
        return y;
    }

    private static double[][] copies(double[][] data) {
        double[][] c = new double[data.length][];
        for (int i = 0; i < data.length; i++) {
            c[i] = data[i].clone();
        }
        return c;
    }

    private static void requireCount(String call, String what, int got, int expected) {
        if (got != expected) {
            throw new IllegalArgumentException(call + " returned " + got + " " + what + " gradients, but the layer has "
                    + expected + " " + what + (expected == 1 ? "" : "s"));
        }
    }
}
