package org.gradproof.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets an IllegalArgumentException naming the argument or block and both shapes. */
class BadInputTest {

    private static Mlp net() {
        return Mlp.builder(2).dense(3, "sigmoid").dense(1, "sigmoid").loss(Loss.BINARY_CROSS_ENTROPY, Reduction.MEAN)
                .seed(1).build();
    }

    private static void fails(Executable e, String... fragments) {
        String message = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String f : fragments) {
            assertTrue(message.contains(f), "message lacks '" + f + "': " + message);
        }
    }

    @Test
    void inputWidthDifferentFromTheFirstLayer() {
        Batch b = Batch.of(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{1}, {0}});
        fails(() -> net().loss(b), "batch inputs", "2x2", "2x3", "dense1.W", "3x2");
        fails(() -> net().gradients(b), "batch inputs");
        fails(() -> net().objective(b), "batch inputs");
    }

    @Test
    void targetsDifferentFromTheOutputs() {
        Batch b = Batch.of(new double[][] {{1, 2}, {4, 5}}, new double[][] {{1, 0}, {0, 1}});
        fails(() -> net().loss(b), "batch targets", "2x1", "2x2", "dense2");
    }

    @Test
    void batchesThatAreEmptyRaggedOrMismatched() {
        fails(() -> Batch.of(new double[0][], new double[0][]), "inputs", "empty");
        fails(() -> Batch.of(new double[][] {{1, 2}, {3}}, new double[][] {{1}, {0}}), "inputs", "ragged", "row 1");
        fails(() -> Batch.of(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1}}), "targets", "2 rows", "1x1",
                "2x2");
        fails(() -> Batch.of(new double[][] {{}}, new double[][] {{1}}), "inputs", "row 0");
    }

    @Test
    void denseBackwardNamesTheLayerAndBothShapes() {
        Dense d = new Dense("dense1", 3, 2);
        org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(4, 3);
        fails(() -> d.backward(x, new org.ejml.data.DMatrixRMaj(4, 3), new org.ejml.data.DMatrixRMaj(2, 3),
                new org.ejml.data.DMatrixRMaj(1, 2)), "delta of dense1", "expected 4x2", "got 4x3");
        fails(() -> d.backward(x, new org.ejml.data.DMatrixRMaj(4, 2), new org.ejml.data.DMatrixRMaj(2, 3),
                new org.ejml.data.DMatrixRMaj(1, 1)), "gradient buffer of dense1.b", "expected 1x2", "got 1x1");
    }

    @Test
    void nullMatricesAreNamed() {
        fails(() -> Batch.of(null, new org.ejml.data.DMatrixRMaj(1, 1)), "inputs", "null");
        fails(() -> Batch.of(new org.ejml.data.DMatrixRMaj(1, 1), null), "targets", "null");
    }

    @Test
    void nanAndInfinityInInputsOrTargets() {
        fails(() -> Batch.of(new double[][] {{1, Double.NaN}}, new double[][] {{1}}), "inputs[0,1]", "NaN", "1x2");
        fails(() -> Batch.of(new double[][] {{1, 2}}, new double[][] {{Double.POSITIVE_INFINITY}}), "targets[0,0]",
                "Infinity");
    }

    @Test
    void zeroWidthLayersAndInputs() {
        fails(() -> Mlp.builder(2).dense(0, "sigmoid"), "dense1", "width", "0");
        fails(() -> Mlp.builder(0), "inputs", "0");
        fails(() -> new Dense("d", 0, 3), "layer d", "0 inputs");
    }

    @Test
    void modelsThatCannotBeBuilt() {
        fails(() -> Mlp.builder(2).dense(1, "softmax"), "softmax over a single unit");
        // the same rule for an LSTM's head: a 1-output softmax head is refused as a 1-unit dense softmax layer is
        fails(() -> Lstm.builder(2).layers(1, 3).lastStepHead(1, "softmax"), "head", "softmax over a single unit");
        fails(() -> Lstm.builder(2).layers(1, 3).everyStepHead(1, "softmax"), "head", "softmax over a single unit");
        fails(() -> Mlp.builder(2).loss(Loss.MSE, Reduction.MEAN).build(), "no layers");
        fails(() -> Mlp.builder(2).dense(2, "sigmoid").build(), "no loss");
        fails(() -> Mlp.builder(2).dense(2, "sigmoid").loss(Loss.SOFTMAX_CROSS_ENTROPY, Reduction.MEAN).build(),
                "takes logits", "sigmoid");
        fails(() -> Mlp.builder(2).dense(2, "swish"), "unknown activation 'swish'", "known:");
    }

    @Test
    void parametersOfTheWrongLengthOrNotFinite() {
        Mlp net = net();
        fails(() -> net.setParameters(new double[3]), "parameters", "13 values", "got 3");
        double[] p = net.parameters();
        p[7] = Double.NaN;
        fails(() -> net.setParameters(p), "parameters[7]", "dense1.b[1]", "NaN");
    }

    @Test
    void unknownGradientBlocks() {
        Gradients g = net().gradients(Batch.of(new double[][] {{1, 2}}, new double[][] {{1}}));
        fails(() -> g.block("dense3.W"), "'dense3.W'", "dense1.W");
    }
}
