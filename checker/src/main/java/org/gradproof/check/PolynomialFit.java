package org.gradproof.check;

/**
 * The least-squares polynomial c₀ + c₁t + … + c_p·t^p through points (tᵢ, yᵢ) with tᵢ in [−1, 1], from the normal
 * equations (well conditioned enough for p ≤ 6 on [−1, 1]):
 * <pre>
 *   (AᵀA) c = Aᵀy,   A_ij = tᵢ^j
 *   RMS residual  s = √(Σ (yᵢ − ŷᵢ)² / (n − p − 1))
 *   Var(c₁) = σ² · [(AᵀA)⁻¹]₁₁  for independent errors of variance σ²
 * </pre>
 *
 * @param coefficients c₀ … c_p
 * @param residuals    yᵢ − ŷᵢ, in the order of the points
 * @param rms          s, the residuals' root mean square over the n − p − 1 degrees of freedom
 * @param slopeFactor  [(AᵀA)⁻¹]₁₁: the variance of c₁ per unit variance of the errors
 */
record PolynomialFit(double[] coefficients, double[] residuals, double rms, double slopeFactor) {

    /** Fits the polynomial of this degree; needs more points than coefficients. */
    static PolynomialFit of(double[] t, double[] y, int degree) {
        int n = t.length;
        int m = degree + 1;
        if (n <= m) {
            throw new IllegalArgumentException("a fit of degree " + degree + " needs more than " + m + " points, got "
                    + n);
        }
        double[][] normal = new double[m][m];
        double[] right = new double[m];
        double[] powers = new double[m];
        for (int i = 0; i < n; i++) {
            powers[0] = 1;
            for (int j = 1; j < m; j++) {
                powers[j] = powers[j - 1] * t[i];
            }
            for (int r = 0; r < m; r++) {
                for (int k = 0; k < m; k++) {
                    normal[r][k] += powers[r] * powers[k];
                }
                right[r] += powers[r] * y[i];
            }
        }
        double[] coefficients = solve(normal, right);
        double[] unit = new double[m];
        unit[1] = 1;
        double slopeFactor = solve(normal, unit)[1];
        double[] residuals = new double[n];
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int j = m - 1; j >= 0; j--) {
                fit = fit * t[i] + coefficients[j];
            }
            residuals[i] = y[i] - fit;
            squares += residuals[i] * residuals[i];
        }
        return new PolynomialFit(coefficients, residuals, Math.sqrt(squares / (n - m)), slopeFactor);
    }

    /**
     * The RMS residual of the least-squares fit of y by the columns of a design matrix ({@code design[i]} is row i),
     * over n − k degrees of freedom for k columns plus {@code extraParameters} fitted by search.
     */
    static double residualRms(double[][] design, double[] y, int extraParameters) {
        int n = y.length;
        int m = design[0].length;
        double[] c = leastSquares(design, y);
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int k = 0; k < m; k++) {
                fit += design[i][k] * c[k];
            }
            squares += (y[i] - fit) * (y[i] - fit);
        }
        return Math.sqrt(squares / (n - m - extraParameters));
    }

    /** The least-squares coefficients of y by the columns of a design matrix, from the normal equations. */
    static double[] leastSquares(double[][] design, double[] y) {
        int m = design[0].length;
        double[] right = new double[m];
        for (int i = 0; i < y.length; i++) {
            for (int r = 0; r < m; r++) {
                right[r] += design[i][r] * y[i];
            }
        }
        return solve(normal(design), right);
    }

    /**
     * The variance of coefficient {@code k} of a least-squares fit per unit variance of the data: entry (k, k) of
     * (XᵀX)⁻¹. Times the residual RMS squared it is the coefficient's squared standard error.
     */
    static double coefficientVariance(double[][] design, int k) {
        double[] unit = new double[design[0].length];
        unit[k] = 1;
        return solve(normal(design), unit)[k];
    }

    /** XᵀX of a design matrix X. */
    private static double[][] normal(double[][] design) {
        int m = design[0].length;
        double[][] normal = new double[m][m];
        for (double[] row : design) {
            for (int r = 0; r < m; r++) {
                for (int k = 0; k < m; k++) {
                    normal[r][k] += row[r] * row[k];
                }
            }
        }
        return normal;
    }

    /** Gaussian elimination with partial pivoting; {@code a} and {@code b} are left unchanged. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int r = 0; r < n; r++) {
            m[r] = java.util.Arrays.copyOf(a[r], n + 1);
            m[r][n] = b[r];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double factor = m[r][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[r][k] -= factor * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = m[r][n];
            for (int k = r + 1; k < n; k++) {
                sum -= m[r][k] * x[k];
            }
            x[r] = sum / m[r][r];
        }
        return x;
    }
}
