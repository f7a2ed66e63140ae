package org.gradproof.examples.encog;

import org.encog.engine.network.activation.ActivationBipolarSteepenedSigmoid;
import org.encog.engine.network.activation.ActivationElliott;
import org.encog.engine.network.activation.ActivationElliottSymmetric;
import org.encog.engine.network.activation.ActivationFunction;
import org.encog.engine.network.activation.ActivationGaussian;
import org.encog.engine.network.activation.ActivationLOG;
import org.encog.engine.network.activation.ActivationLinear;
import org.encog.engine.network.activation.ActivationReLU;
import org.encog.engine.network.activation.ActivationSIN;
import org.encog.engine.network.activation.ActivationSigmoid;
import org.encog.engine.network.activation.ActivationSteepenedSigmoid;
import org.encog.engine.network.activation.ActivationTANH;

/**
 * The derivative φ'(z) of each Encog activation, worked out by hand from its {@code activationFunction} (Encog 3.4),
 * as a function of the pre-activation z and the output a = φ(z) — the textbook choice for {@link BackpropReplica}.
 *
 * <pre>
 *   Sigmoid            a = 1/(1+e^−z)                 φ' = a(1 − a)
 *   TANH               a = tanh z                     φ' = 1 − a²
 *   Linear             a = z                          φ' = 1
 *   ReLU(t, low)       a = z if z > t, else low       φ' = 1 if z > t, else 0
 *   Elliott(s)         a = (sz/2)/(1+|sz|) + ½        φ' = s / (2(1+|sz|)²)
 *   ElliottSymmetric   a = sz/(1+|sz|)                φ' = s / (1+|sz|)²
 *   LOG                a = ±log(1+|z|)                φ' = 1/(1+|z|)
 *   SIN                a = sin 2z                     φ' = 2 cos 2z
 *   Gaussian           a = exp(−(2.5z)²)              φ' = −12.5 z · a
 *   SteepenedSigmoid   a = 1/(1+e^−4.9z)              φ' = 4.9 a(1 − a)
 *   BipolarSteepened   a = 2/(1+e^−4.9z) − 1          φ' = 2.45 (1 − a²)
 * </pre>
 */
public final class TextbookDerivatives {

    private TextbookDerivatives() {
    }

    /** φ'(z) of the activation at pre-activation z with output a. */
    public static double of(ActivationFunction af, double z, double a) {
        if (af instanceof ActivationSigmoid) {
            return a * (1 - a);
        } else if (af instanceof ActivationTANH) {
            return 1 - a * a;
        } else if (af instanceof ActivationLinear) {
            return 1;
        } else if (af instanceof ActivationReLU) {
            return z > af.getParams()[ActivationReLU.PARAM_RELU_LOW_THRESHOLD] ? 1 : 0;
        } else if (af instanceof ActivationElliott) {
            double s = af.getParams()[0];
            double d = 1 + Math.abs(s * z);
            return s / (2 * d * d);
        } else if (af instanceof ActivationElliottSymmetric) {
            double s = af.getParams()[0];
            double d = 1 + Math.abs(s * z);
            return s / (d * d);
        } else if (af instanceof ActivationLOG) {
            return 1 / (1 + Math.abs(z));
        } else if (af instanceof ActivationSIN) {
            return 2 * Math.cos(2 * z);
        } else if (af instanceof ActivationGaussian) {
            return -12.5 * z * a;
        } else if (af instanceof ActivationSteepenedSigmoid) {
            return 4.9 * a * (1 - a);
        } else if (af instanceof ActivationBipolarSteepenedSigmoid) {
            return 2.45 * (1 - a * a);
        }
        throw new IllegalArgumentException("no textbook derivative for " + af.getClass().getName()
                + ": add its formula to TextbookDerivatives (worked out from its activationFunction)");
    }

    /** Whether {@link #of} knows this activation. */
    public static boolean knows(ActivationFunction af) {
        try {
            of(af, 0.5, 0.5);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
