package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;

/**
 * A claimed full Hessian as the lines of a {@link GradientAlongLine}: column j, H·eⱼ, is block {@code H[·][j]}, its
 * entry i the claim H[i][j] judged against the derivative of gᵢ along eⱼ,
 * <pre>
 *   H[i][j] = ∂gᵢ/∂xⱼ (x) = lim (gᵢ(x + t·eⱼ) − gᵢ(x)) / t,
 * </pre>
 * with every rule of a gradient check, and labelled {@code H[i][j]} in the report. The matrix is read from
 * {@link HessianFunction#hessian} (twice, as a gradient is, so that a claim that changes between identical calls is
 * NON_DETERMINISTIC) and must be n rows of n finite-or-not values; a check takes n² entries, each a few gradients, so n
 * is limited to {@value #MAX_VARIABLES}.
 */
final class HessianColumns {

    /** The most variables a full Hessian check takes on: n² entries, each judged from a few gradients of length n. */
    static final int MAX_VARIABLES = 128;

    private HessianColumns() {
    }

    /** The column blocks of f's claimed Hessian at x; f and x are validated, x is copied. */
    static GradientAlongLine of(HessianFunction f, double[] x) {
        if (f == null || x == null) {
            throw new IllegalArgumentException((f == null ? "f" : "x") + " must not be null");
        }
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("x has no entries: a Hessian of no variables has nothing to check");
        }
        if (n > MAX_VARIABLES) {
            throw new IllegalArgumentException("x has " + n + " entries: the full Hessian has " + n + " x " + n + " = "
                    + (long) n * n + " entries, more than a full check takes on (n up to " + MAX_VARIABLES + "); "
                    + "check products H·v along a few random v with GradientCheck.hessianVector instead (each costs "
                    + "n entries, and a wrong H has a wrong H·v for almost every v)");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] is " + x[i] + ": x must be finite");
            }
        }
        double[] point = x.clone();
        List<GradientAlongLine.Line> lines = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double[] unit = new double[n];
            unit[j] = 1;
            lines.add(new GradientAlongLine.Line(ParameterBlock.column("H", j, new double[n]), unit, 0));
        }
        return new GradientAlongLine(f, x, lines, () -> columns(f.hessian(point.clone()), n),
                "Hessian of a function of " + n + (n == 1 ? " variable" : " variables")
                        + " (column H[·][j] against the gradient's derivative along e_j)");
    }

    /** The columns of a claimed n × n matrix, refusing null, ragged or wrongly sized claims naming both shapes. */
    static double[][] columns(double[][] h, int n) {
        String expected = "; expected " + n + " x " + n + " for x of length " + n;
        if (h == null) {
            throw new IllegalArgumentException("hessian(x) returned null" + expected);
        }
        for (int i = 0; i < Math.max(n, h.length); i++) {
            if (h.length != n || h[i] == null || h[i].length != n) {
                throw new IllegalArgumentException("hessian(x) returned " + shape(h) + expected + " ("
                        + (h.length != n ? h.length + " rows" : "row " + i + " has "
                        + (h[i] == null ? "no array" : h[i].length + " entries")) + ")");
            }
        }
        double[][] columns = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                columns[j][i] = h[i][j];
            }
        }
        return columns;
    }

    /** "3 rows of 3, 2, 3 entries", or "3 x 4" when every row is as long. */
    private static String shape(double[][] h) {
        boolean rectangular = java.util.Arrays.stream(h).allMatch(r -> r != null && r.length == h[0].length);
        if (h.length == 0) {
            return "0 rows";
        }
        if (rectangular) {
            return h.length + " x " + h[0].length;
        }
        StringBuilder sb = new StringBuilder(h.length + " rows of ");
        for (int i = 0; i < h.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(h[i] == null ? "null" : String.valueOf(h[i].length));
        }
        return sb.append(" entries").toString();
    }
}
