package org.gradproof.properties;

import org.gradproof.check.BlockShape;
import org.gradproof.check.HessianVectorFunction;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.MlpHessianVector;

import java.util.Arrays;
import java.util.List;

/**
 * The reference MLP's curvature products as the second-order properties use them: the Gauss–Newton product passed off
 * as the Hessian's (a planted bug), and a full matrix built column by column from a product, M[i][j] = (M·eⱼ)ᵢ.
 */
final class Curvatures {

    private Curvatures() {
    }

    /**
     * The network's loss with its right value, gradient and block shapes, claiming the Gauss–Newton product G·v
     * ({@link MlpHessianVector#gaussNewtonProduct}) as H·v — what a Hessian-free optimiser's curvature hands a check.
     */
    static HessianVectorFunction gaussNewtonPassedOffAsHessian(Mlp net, Batch batch) {
        HessianVectorFunction right = MlpHessianVector.function(net, batch);
        Mlp copy = net.copy();
        return new HessianVectorFunction() {
            @Override
            public double value(double[] x) {
                return right.value(x);
            }

            @Override
            public double[] gradient(double[] x) {
                return right.gradient(x);
            }

            @Override
            public double[] hessianVector(double[] x, double[] v) {
                copy.setParameters(x);
                double[][] blocks = new double[copy.parameterBlocks().size()][];
                int from = 0;
                for (int b = 0; b < blocks.length; b++) {
                    int size = copy.parameterBlocks().get(b).size();
                    blocks[b] = Arrays.copyOfRange(v, from, from + size);
                    from += size;
                }
                double[][] gv = MlpHessianVector.gaussNewtonProduct(copy, batch, blocks);
                return Arrays.stream(gv).flatMapToDouble(Arrays::stream).toArray();
            }

            @Override
            public List<BlockShape> blockShapes() {
                return right.blockShapes();
            }
        };
    }

    /** The n × n matrix whose column j is {@code f.hessianVector(x, eⱼ)}. */
    static double[][] matrix(HessianVectorFunction f, double[] x) {
        int n = x.length;
        double[][] m = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] unit = new double[n];
            unit[j] = 1;
            double[] column = f.hessianVector(x, unit);
            for (int i = 0; i < n; i++) {
                m[i][j] = column[i];
            }
        }
        return m;
    }
}
