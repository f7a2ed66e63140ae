package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;

/** An activation applied entry by entry: a = φ(z), with dL/dz = dL/da · φ'(z), φ' computed from z. */
public interface ElementwiseActivation extends Activation {

    /** φ(z). */
    double value(double z);

    /** φ'(z), computed from z (not from φ(z)). */
    double derivative(double z);

    /** φ''(z), for second-order products ({@link MlpHessianVector}); 0 on linear pieces. */
    double secondDerivative(double z);

    @Override
    default DMatrixRMaj forward(DMatrixRMaj z) {
        DMatrixRMaj a = new DMatrixRMaj(z.numRows, z.numCols);
        for (int i = 0; i < z.getNumElements(); i++) {
            a.data[i] = value(z.data[i]);
        }
        return a;
    }

    /** dZ = dA ⊙ φ'(Z). */
    @Override
    default DMatrixRMaj backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj gradA) {
        DMatrixRMaj gradZ = new DMatrixRMaj(z.numRows, z.numCols);
        for (int i = 0; i < z.getNumElements(); i++) {
            gradZ.data[i] = gradA.data[i] * derivative(z.data[i]);
        }
        return gradZ;
    }
}
