package org.gradproof.check;

/**
 * Whether a claimed gradient was computed in single precision: every finite entry a float32 value (at most 24
 * significant bits, within float range), and one at least filling {@value Probe#FULL_FLOAT_BITS} bits or more — a
 * double result is such a float by a 2⁻²⁹ chance, as {@link Probe} reads a loss's values, while claims like 0.5 or
 * 0.25 are floats and doubles alike and prove nothing. A backprop in float32 (PyTorch's and numpy's default) sums products of rounded values, so
 * its entries are right only to about {@value #TOLERANCE} relatively where the batch's terms cancel: sixty random
 * float32 PyTorch models gave correct gradients up to 3.4e-4 off the exact derivative (an erf-logistic output under
 * a binary cross-entropy), most within 1e-5.
 */
final class FloatClaims {

    /**
     * The relative tolerance a float32 claim is judged with: a tenth of the default scale resolution, so that a block
     * scaled by 1.01 (or a sign, a factor 2, a zero) is still caught.
     */
    static final double TOLERANCE = 1e-3;

    private FloatClaims() {
    }

    /** Whether every finite claim is a float32 value and one at least fills a float's precision. */
    static boolean inFloat32(double[][] claims) {
        boolean full = false;
        for (double[] block : claims) {
            for (double v : block) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                if ((double) (float) v != v) {
                    return false;
                }
                full |= v != 0 && Probe.significantBits(v) >= Probe.FULL_FLOAT_BITS;
            }
        }
        return full;
    }
}
