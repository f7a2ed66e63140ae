package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

/** Shape and value checks whose errors name the argument and both shapes. */
final class Shapes {

    private Shapes() {
    }

    static String text(DMatrixRMaj m) {
        return m.numRows + "x" + m.numCols;
    }

    /** Throws unless {@code m} is rows × cols; {@code what} names the argument, {@code expected} explains the shape. */
    static void require(String what, DMatrixRMaj m, int rows, int cols, String expected) {
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(what + ": expected " + rows + "x" + cols + " (" + expected + "), got "
                    + text(m));
        }
    }

    /** Throws if any entry of {@code m} is NaN or infinite, naming the first such entry. */
    static void requireFinite(String what, DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                double v = m.unsafe_get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + "[" + i + "," + j + "] is " + v + " (" + what
                            + " is " + text(m) + "): values must be finite");
                }
            }
        }
    }

    /** Copies a rectangular, non-empty double[][] into a matrix, or says which row is ragged. */
    static DMatrixRMaj matrix(String what, double[][] rows) {
        if (rows == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException(what + " is empty (0 rows): a batch needs at least one example");
        }
        int cols = rows[0] == null ? 0 : rows[0].length;
        if (cols == 0) {
            throw new IllegalArgumentException(what + " row 0 has no values: every example needs at least one");
        }
        DMatrixRMaj m = new DMatrixRMaj(rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != cols) {
                throw new IllegalArgumentException(what + " is ragged: row 0 has " + cols + " values but row " + i
                        + " has " + (rows[i] == null ? "none (null)" : rows[i].length));
            }
            System.arraycopy(rows[i], 0, m.data, i * cols, cols);
        }
        return m;
    }
}
