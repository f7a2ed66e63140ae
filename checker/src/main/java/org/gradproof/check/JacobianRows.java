package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A function whose gradient is a claimed Jacobian, row by row, so that the checker judges every entry J[out i][in j]
 * by every rule it judges a gradient by. One block per output i, {@code J[out i]}, each holding its own copy x⁽ⁱ⁾ of
 * the point:
 * <pre>
 *   φ(x⁽⁰⁾, …, x⁽ᵐ⁻¹⁾) = C + Σᵢ [ Fᵢ(x⁽ⁱ⁾) − Fᵢ(x) ],     ∂φ/∂x⁽ⁱ⁾ⱼ = ∂Fᵢ/∂xⱼ = J[i][j]
 * </pre>
 * claimed row i = eᵢᵀ·J, the function's vector–Jacobian product with the i-th unit vector. Moving an entry of block i
 * moves only its own term, so each evaluation is one F (the entry evaluator); C = max |Fᵢ(x)| puts φ where F's own
 * rounding is. A report then names a wrong entry as {@code J[out 2][3]} and diagnoses each row as a block (a row
 * scaled, zeroed, sign-flipped).
 */
final class JacobianRows implements BlockFunction {

    /** The most entries m · n a full Jacobian check takes on. */
    static final long MAX_ENTRIES = 1_000_000;

    private final VectorValuedFunction function;
    private final double[] x;
    private final double[] f0;
    private final double offset;
    private final List<ParameterBlock> blocks = new ArrayList<>();

    JacobianRows(VectorValuedFunction function, double[] x) {
        if (function == null || x == null) {
            throw new IllegalArgumentException((function == null ? "f" : "x") + " must not be null");
        }
        int m = function.outputs();
        if (m < 1) {
            throw new IllegalArgumentException("outputs() must be at least 1, got " + m);
        }
        if ((long) m * x.length > MAX_ENTRIES) {
            throw new IllegalArgumentException("the Jacobian has " + m + " x " + x.length + " = " + (long) m * x.length
                    + " entries, more than " + MAX_ENTRIES + " a full check takes on; check a scalar projection "
                    + "u·F(x) with GradientCheck.check instead");
        }
        this.function = function;
        this.x = x.clone();
        this.f0 = valueAt(this.x);
        double largest = 0;
        for (double v : f0) {
            largest = Math.max(largest, Math.abs(v));
        }
        this.offset = largest;
        for (int i = 0; i < m; i++) {
            blocks.add(ParameterBlock.vector("J[out " + i + "]", this.x.clone()));
        }
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double value() {
        double sum = offset;
        for (int i = 0; i < blocks.size(); i++) {
            double[] xi = blocks.get(i).data();
            if (!java.util.Arrays.equals(xi, x)) {
                sum += valueAt(xi)[i] - f0[i];
            }
        }
        return sum;
    }

    @Override
    public double[][] gradient() {
        double[][] rows = new double[blocks.size()][];
        for (int i = 0; i < rows.length; i++) {
            double[] unit = new double[blocks.size()];
            unit[i] = 1;
            double[] row = function.vectorJacobian(x.clone(), unit);
            if (row == null || row.length != x.length) {
                throw new IllegalArgumentException("vectorJacobian(x, e" + i + ") returned "
                        + (row == null ? "null" : row.length + " entries") + " for x of length " + x.length);
            }
            rows[i] = row;
        }
        return rows;
    }

    /** Only the moved entry's row: one F at x with entry j set. */
    @Override
    public Optional<EntryEvaluator> entryEvaluator() {
        return Optional.of((block, index, trial) -> {
            double[] point = x.clone();
            point[index] = trial;
            return offset + (valueAt(point)[block] - f0[block]);
        });
    }

    @Override
    public String description() {
        return "Jacobian of a function from R^" + x.length + " to R^" + blocks.size() + " (rows J[out i])";
    }

    private double[] valueAt(double[] point) {
        double[] v = function.value(point.clone());
        if (v == null || v.length != function.outputs()) {
            throw new IllegalArgumentException("value(x) returned " + (v == null ? "null" : v.length + " values")
                    + " but outputs() is " + function.outputs());
        }
        return v;
    }
}
