package org.gradproof.examples.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.gradproof.check.BlockFunction;
import org.gradproof.check.DifferentiableFunction;
import org.gradproof.check.ParameterBlock;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Matrix;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.Tensor;

import java.util.List;

/**
 * Tribuo's SGD objectives as functions gradproof can check, taken exactly as Tribuo returns them: the first element of
 * {@code lossAndGradient(truth, prediction)} as the value and the second as its claimed gradient.
 * <pre>
 *   scores:   p ↦ lossAndGradient(truth, p)            (the objective alone, over the prediction p)
 *   weights:  W ↦ lossAndGradient(truth, W · x)        gradient: LinearParameters.gradients(…, x), Tribuo's dW
 * </pre>
 * Tribuo's trainers <em>add</em> the returned gradient to the parameters (gradient ascent on −loss), and its objectives
 * differ in what the first element is: the classification objectives return −loss (LogMulticlass the log-likelihood,
 * Hinge the negated hinge loss), the regression objectives +loss. Checking the pair as returned says which pairs are a
 * value and its own derivative (see the module's README and {@code TribuoGateTest}).
 *
 * <p>Every evaluation hands Tribuo a fresh copy of the prediction: LogMulticlass and Hinge overwrite the vector they
 * are given.
 */
public final class TribuoObjectives {

    private TribuoObjectives() {
    }

    /** The objective over the prediction scores p, for a fixed truth. */
    public static <T> DifferentiableFunction scores(SGDObjective<T> objective, T truth) {
        return new DifferentiableFunction() {
            @Override
            public double value(double[] p) {
                return objective.lossAndGradient(truth, DenseVector.createDenseVector(p.clone())).getA();
            }

            @Override
            public double[] gradient(double[] p) {
                return toArray(objective.lossAndGradient(truth, DenseVector.createDenseVector(p.clone())).getB());
            }
        };
    }

    /**
     * The objective over the weights W (outputs × features) of Tribuo's {@link LinearParameters}, for one example x:
     * value at W·x, gradient from {@link LinearParameters#gradients}. {@code weights} is the live block: the checker
     * moves its entries.
     */
    public static <T> BlockFunction linear(SGDObjective<T> objective, T truth, double[] weights, int outputs,
                                           double[] features) {
        if (weights.length != outputs * features.length) {
            throw new IllegalArgumentException("weights must hold outputs × features = " + outputs + " × "
                    + features.length + " = " + outputs * features.length + " entries, got " + weights.length);
        }
        ParameterBlock block = new ParameterBlock("W", weights, outputs, features.length);
        return new BlockFunction() {
            @Override
            public List<ParameterBlock> blocks() {
                return List.of(block);
            }

            @Override
            public double value() {
                return evaluate().getA();
            }

            @Override
            public double[][] gradient() {
                Tensor[] g = parameters().gradients(evaluate(), x());
                return new double[][] {toArray((Matrix) g[0])};
            }

            @Override
            public String description() {
                return "Tribuo " + objective + " on LinearParameters " + outputs + " × " + features.length;
            }

            private Pair<Double, SGDVector> evaluate() {
                return objective.lossAndGradient(truth, parameters().predict(x()));
            }

            private SGDVector x() {
                return DenseVector.createDenseVector(features.clone());
            }

            private LinearParameters parameters() {
                double[][] rows = new double[outputs][features.length];
                for (int i = 0; i < outputs; i++) {
                    System.arraycopy(weights, i * features.length, rows[i], 0, features.length);
                }
                return new LinearParameters(DenseMatrix.createDenseMatrix(rows));
            }
        };
    }

    static double[] toArray(SGDVector v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }

    private static double[] toArray(Matrix m) {
        double[] a = new double[m.getDimension1Size() * m.getDimension2Size()];
        for (int i = 0; i < m.getDimension1Size(); i++) {
            for (int j = 0; j < m.getDimension2Size(); j++) {
                a[i * m.getDimension2Size() + j] = m.get(i, j);
            }
        }
        return a;
    }
}
