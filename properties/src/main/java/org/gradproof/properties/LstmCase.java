package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.LstmState;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.SequenceBatch;

import java.util.SplittableRandom;

/**
 * One generated LSTM case: a stack, a head, a batch of sequences and an initial state, all pure functions of these
 * fields.
 *
 * @param inputs      features per step, 1–4
 * @param layers      stacked LSTM layers, 1–3
 * @param cells       cells per layer, 1–6
 * @param steps       T, 1–6
 * @param batchSize   sequences in the batch, 1–4
 * @param everyStep   whether the head reads every step (else the last)
 * @param classifier  whether the head is softmax cross-entropy on 3 classes (else MSE on 2 outputs)
 * @param stateScale  standard deviation of the initial h and c (0: zero state)
 * @param sharedCell  whether one cell's weights serve every layer ({@code [cell] * n}); inputs then equal cells
 * @param weightGain  the gain g of the Glorot-uniform weights, U(±g·√(6 / (fanIn + fanOut))); 1 is the usual, larger
 *                    saturates the gates
 * @param weightSeed  seed of the weights
 * @param dataSeed    seed of the inputs, targets and initial state
 */
public record LstmCase(int inputs, int layers, int cells, int steps, int batchSize, boolean everyStep,
                       boolean classifier, double stateScale, boolean sharedCell, double weightGain, long weightSeed,
                       long dataSeed) {

    public LstmCase {
        if (!(weightGain > 0 && Double.isFinite(weightGain))) {
            throw new IllegalArgumentException("weightGain must be positive and finite, got " + weightGain);
        }
    }

    /** A case with Glorot-uniform weights of gain 1. */
    public LstmCase(int inputs, int layers, int cells, int steps, int batchSize, boolean everyStep, boolean classifier,
                    double stateScale, boolean sharedCell, long weightSeed, long dataSeed) {
        this(inputs, layers, cells, steps, batchSize, everyStep, classifier, stateScale, sharedCell, 1, weightSeed,
                dataSeed);
    }

    /** The network; with {@code sharedCell} (and then inputs = cells) one cell serves every layer. */
    public Lstm network() {
        Lstm.Builder b = Lstm.builder(inputs).layers(layers, cells).weights(Initializer.glorotUniform(weightGain))
                .forgetGateBias(1).seed(weightSeed);
        if (sharedCell) {
            b = b.sharedCell();
        }
        int outputs = classifier ? 3 : 2;
        b = everyStep ? b.everyStepHead(outputs, "identity") : b.lastStepHead(outputs, "identity");
        return b.loss(classifier ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.MSE, Reduction.MEAN).build();
    }

    public SequenceBatch batch() {
        SplittableRandom r = new SplittableRandom(dataSeed);
        double[][][] x = new double[steps][batchSize][inputs];
        for (double[][] step : x) {
            for (double[] row : step) {
                for (int j = 0; j < inputs; j++) {
                    row[j] = r.nextGaussian();
                }
            }
        }
        int outputs = classifier ? 3 : 2;
        double[][][] y = new double[everyStep ? steps : 1][batchSize][outputs];
        for (double[][] step : y) {
            for (double[] row : step) {
                if (classifier) {
                    row[r.nextInt(outputs)] = 1;
                } else {
                    for (int j = 0; j < outputs; j++) {
                        row[j] = r.nextGaussian();
                    }
                }
            }
        }
        return everyStep ? SequenceBatch.everyStep(x, y) : SequenceBatch.lastStep(x, y[0]);
    }

    public LstmState state() {
        SplittableRandom r = new SplittableRandom(~dataSeed);
        double[][][][] s = new double[layers][2][batchSize][cells];
        for (double[][][] layer : s) {
            for (double[][] hc : layer) {
                for (double[] row : hc) {
                    for (int j = 0; j < cells; j++) {
                        row[j] = stateScale * r.nextGaussian();
                    }
                }
            }
        }
        return LstmState.of(s, layers, batchSize, cells);
    }

    /** The loss as a function of the weights, every input step and the initial state. */
    public BlockFunction objective() {
        return network().objective(batch(), state());
    }

    @Override
    public String toString() {
        return "LstmCase[" + inputs + " inputs, " + layers + " x " + cells + " cells, T " + steps + ", batch "
                + batchSize + ", " + (everyStep ? "every-step " : "last-step ") + (classifier ? "softmax-CE" : "MSE")
                + " head, state ±" + stateScale + (sharedCell ? ", one shared cell" : "")
                + (weightGain == 1 ? "" : ", weight gain " + weightGain) + ", seeds " + weightSeed + "/" + dataSeed + "]";
    }
}
