package org.gradproof.check;

import java.util.List;
import java.util.Optional;

/**
 * The function whose gradient is a claimed Hessian-vector product, so that the checker judges H·v by every rule it
 * judges a gradient by. One block "Hv" of n entries t, all 0 at the checked point:
 * <pre>
 *   φ(t) = G + Σᵢ [ gᵢ(x + tᵢ·v) − gᵢ(x) ],      ∂φ/∂tᵢ (0) = ∇gᵢ(x) · v = (H(x)·v)ᵢ
 * </pre>
 * with g the function's gradient and G = max |gᵢ(x)|. Moving entry i moves only its own term, so each evaluation is
 * one gradient at x + tᵢ·v (its entry evaluator). The constant G puts φ where the gradient's own rounding is, so that
 * the checker's rounding model (ε·|φ|) is the rounding of the terms: a gradient of size 1e6 moves in steps of 1e-10,
 * not of ε.
 */
final class GradientAlongLine implements BlockFunction {

    private final HessianVectorFunction function;
    private final double[] x;
    private final double[] v;
    private final double[] g0;
    private final double offset;
    private final double[] t;
    private final List<ParameterBlock> blocks;

    GradientAlongLine(HessianVectorFunction function, double[] x, double[] v) {
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
        this.function = function;
        this.x = x.clone();
        this.v = v.clone();
        this.g0 = gradientAt(0);
        double largest = 0;
        for (double g : g0) {
            largest = Math.max(largest, Math.abs(g));
        }
        this.offset = largest;
        this.t = new double[x.length];
        this.blocks = List.of(ParameterBlock.vector("Hv", t));
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        double sum = offset;
        for (int i = 0; i < t.length; i++) {
            if (t[i] != 0) {
                sum += term(i, t[i]);
            }
        }
        return sum;
    }

    @Override
    public double[][] gradient() {
        double[] hv = function.hessianVector(x.clone(), v.clone());
        if (hv == null) {
            throw new IllegalArgumentException("hessianVector(x, v) returned null for x of length " + x.length);
        }
        return new double[][] {hv};
    }

    /** Only the moved entry's term: one gradient at x + trial·v. */
    @Override
    public Optional<EntryEvaluator> entryEvaluator() {
        return Optional.of((block, index, trial) -> trial == 0 ? offset : offset + term(index, trial));
    }

    @Override
    public String description() {
        return "Hessian-vector product H(x)·v of a function of " + x.length + (x.length == 1 ? " variable" : " variables")
                + " (the gradient's derivative along v)";
    }

    private double term(int i, double step) {
        return gradientAt(step)[i] - g0[i];
    }

    private double[] gradientAt(double step) {
        double[] point = x.clone();
        for (int j = 0; j < point.length; j++) {
            point[j] += step * v[j];
        }
        double[] g = function.gradient(point);
        if (g == null || g.length != x.length) {
            throw new IllegalArgumentException("gradient(x) returned " + (g == null ? "null" : g.length + " entries")
                    + " for x of length " + x.length);
        }
        return g;
    }
}
