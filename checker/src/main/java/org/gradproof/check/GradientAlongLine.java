package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The function whose gradient is a claimed second derivative — H·v, or the columns H·eⱼ of a claimed Hessian — so that
 * the checker judges it by every rule it judges a gradient by. Each block is a line: a direction d_b and a run of
 * components of the gradient, one entry t per component, all 0 at the checked point:
 * <pre>
 *   φ(t) = G + Σ_b Σ_k [ g_{s_b + k}(x + t_{b,k}·d_b) − g_{s_b + k}(x) ],
 *   ∂φ/∂t_{b,k} (0) = ∇g_{s_b + k}(x) · d_b = (H(x)·d_b)_{s_b + k}
 * </pre>
 * with g the function's gradient, s_b the block's first component and G = max |gᵢ(x)|. A Hessian-vector product is
 * one direction v split into the function's named blocks ({@link #product}); a full Hessian is n lines dⱼ = eⱼ over
 * every component, block {@code H[·][j]} with entries {@code H[i][j]} ({@link HessianColumns}). Moving an entry moves
 * only its own term, so each evaluation is one gradient at x + t·d_b (the entry evaluator). The constant G puts φ where
 * the gradient's own rounding is, so that the checker's rounding model (ε·|φ|) is the rounding of the terms: a gradient
 * of size 1e6 moves in steps of 1e-10, not of ε.
 */
final class GradientAlongLine implements BlockFunction {

    /**
     * One block: its entries t (the block's live storage, all 0), the direction d_b, and the gradient component its
     * entry 0 reads (s_b).
     */
    record Line(ParameterBlock block, double[] direction, int first) {
    }

    private final DifferentiableFunction function;
    private final double[] x;
    private final List<Line> lines;
    private final List<ParameterBlock> blocks;
    private final Supplier<double[][]> claim;
    private final String description;
    private final double[] g0;
    private final double offset;

    /**
     * @param function    gives the gradient g
     * @param x           the point (kept as a copy)
     * @param lines       the blocks, in order
     * @param claim       the claimed derivatives, one array per line, as long as its block
     * @param description what is checked, for the report
     */
    GradientAlongLine(DifferentiableFunction function, double[] x, List<Line> lines, Supplier<double[][]> claim,
                      String description) {
        this.function = function;
        this.x = x.clone();
        this.lines = List.copyOf(lines);
        this.blocks = this.lines.stream().map(Line::block).toList();
        this.claim = claim;
        this.description = description;
        this.g0 = gradientAt(new double[x.length], 0);
        double largest = 0;
        for (double g : g0) {
            largest = Math.max(largest, Math.abs(g));
        }
        this.offset = largest;
    }

    /**
     * H(x)·v as blocks {@code Hv}, or {@code Hv[name]} for each of the function's {@link
     * HessianVectorFunction#blockShapes() named blocks}; x and v are validated and copied.
     */
    static GradientAlongLine product(HessianVectorFunction function, double[] x, double[] v) {
        if (function == null || x == null || v == null) {
            throw new IllegalArgumentException((function == null ? "f" : x == null ? "x" : "v") + " must not be null");
        }
        if (v.length != x.length) {
            throw new IllegalArgumentException("v must have the length of x: x has " + x.length + " entries, v has "
                    + v.length);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i]) || !Double.isFinite(x[i])) {
                throw new IllegalArgumentException((Double.isFinite(x[i]) ? "v[" : "x[") + i + "] is "
                        + (Double.isFinite(x[i]) ? v[i] : x[i]) + ": x and v must be finite");
            }
        }
        double[] direction = v.clone();
        double[] point = x.clone();
        List<BlockShape> shapes = shapesOf(function, x.length);
        List<Line> lines = new ArrayList<>();
        int first = 0;
        for (BlockShape s : shapes) {
            String name = shapes.size() == 1 && s.name().equals("Hv") ? "Hv" : "Hv[" + s.name() + "]";
            lines.add(new Line(new ParameterBlock(name, new double[(int) s.size()], s.shape()), direction, first));
            first += (int) s.size();
        }
        int[] sizes = shapes.stream().mapToInt(s -> (int) s.size()).toArray();
        Supplier<double[][]> claim = () -> {
            double[] hv = function.hessianVector(point.clone(), direction.clone());
            if (hv == null || hv.length != point.length) {
                throw new IllegalArgumentException("hessianVector(x, v) returned " + (hv == null ? "null"
                        : hv.length + " entries") + " for x of length " + point.length);
            }
            double[][] split = new double[sizes.length][];
            int from = 0;
            for (int b = 0; b < sizes.length; b++) {
                split[b] = java.util.Arrays.copyOfRange(hv, from, from + sizes[b]);
                from += sizes[b];
            }
            return split;
        };
        return new GradientAlongLine(function, x, lines, claim, "Hessian-vector product H(x)·v of a function of "
                + x.length + (x.length == 1 ? " variable" : " variables") + " (the gradient's derivative along v)");
    }

    /** The function's block shapes, checked to cover x; one block "Hv" when it declares none. */
    private static List<BlockShape> shapesOf(HessianVectorFunction function, int n) {
        List<BlockShape> shapes = function.blockShapes();
        if (shapes == null || shapes.isEmpty()) {
            return List.of(new BlockShape("Hv", n));
        }
        long total = 0;
        for (BlockShape s : shapes) {
            if (s == null) {
                throw new IllegalArgumentException("blockShapes() contains null: " + shapes);
            }
            total += s.size();
        }
        if (total != n) {
            throw new IllegalArgumentException("blockShapes() " + shapes + " hold " + total
                    + " entries but x has " + n + ": they must add up to x.length");
        }
        return shapes;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        double sum = offset;
        for (int b = 0; b < lines.size(); b++) {
            double[] t = blocks.get(b).data();
            for (int k = 0; k < t.length; k++) {
                if (t[k] != 0) {
                    sum += term(b, k, t[k]);
                }
            }
        }
        return sum;
    }

    @Override
    public double[][] gradient() {
        double[][] claimed = claim.get();
        if (claimed == null) {
            throw new IllegalArgumentException("the claimed second derivatives are null for x of length " + x.length);
        }
        return claimed;
    }

    /** Only the moved entry's term: one gradient at x + trial·d_b. */
    @Override
    public Optional<EntryEvaluator> entryEvaluator() {
        return Optional.of((block, index, trial) -> trial == 0 ? offset : offset + term(block, index, trial));
    }

    /** None: the blocks hold second derivatives, and the layer hints speak of gradients. */
    @Override
    public Optional<ModelLayers> modelLayers() {
        return Optional.empty();
    }

    @Override
    public String description() {
        return description;
    }

    private double term(int b, int k, double step) {
        Line line = lines.get(b);
        return gradientAt(line.direction(), step)[line.first() + k] - g0[line.first() + k];
    }

    private double[] gradientAt(double[] direction, double step) {
        double[] point = x.clone();
        if (step != 0) {
            for (int j = 0; j < point.length; j++) {
                point[j] += step * direction[j];
            }
        }
        double[] g = function.gradient(point);
        if (g == null || g.length != x.length) {
            throw new IllegalArgumentException("gradient(x) returned " + (g == null ? "null" : g.length + " entries")
                    + " for x of length " + x.length);
        }
        return g;
    }
}
