package org.gradproof.properties.readme;

// README: row-major begin
/** double[][] ↔ the flat row-major arrays gradproof reads: entry [i][j] of an r × c matrix is flat[i * c + j]. */
final class RowMajor {

    /** A flat copy of {@code m}, row after row. */
    static double[] flatten(double[][] m) {
        int cols = m[0].length;
        double[] flat = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        return flat;
    }

    /** {@code flat} as {@code rows} rows of {@code cols} (a copy). */
    static double[][] rows(double[] flat, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, m[i], 0, cols);
        }
        return m;
    }
}
// README: row-major end
