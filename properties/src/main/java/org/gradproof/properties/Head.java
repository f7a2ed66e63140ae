package org.gradproof.properties;

import org.gradproof.nn.Activation;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Softmax;
import org.gradproof.nn.StandardActivation;

/**
 * An output layer and loss that belong together, with the kind of targets they take: every valid pairing of the
 * reference implementation's losses.
 */
public enum Head {
    MSE_IDENTITY(StandardActivation.IDENTITY, Loss.MSE, Targets.REAL),
    MSE_SIGMOID(StandardActivation.SIGMOID, Loss.MSE, Targets.BINARY),
    HALF_SUM_OF_SQUARES_TANH(StandardActivation.TANH, Loss.HALF_SUM_OF_SQUARES, Targets.REAL),
    SUM_OF_SQUARES_IDENTITY(StandardActivation.IDENTITY, Loss.SUM_OF_SQUARES, Targets.REAL),
    BCE_SIGMOID(StandardActivation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, Targets.BINARY),
    BCE_ERF_LOGISTIC(StandardActivation.ERF_LOGISTIC, Loss.BINARY_CROSS_ENTROPY, Targets.BINARY),
    SIGMOID_BCE_LOGITS(StandardActivation.IDENTITY, Loss.SIGMOID_BINARY_CROSS_ENTROPY, Targets.BINARY),
    SOFTMAX_CROSS_ENTROPY_LOGITS(StandardActivation.IDENTITY, Loss.SOFTMAX_CROSS_ENTROPY, Targets.ONE_HOT),
    CROSS_ENTROPY_SOFTMAX(Softmax.INSTANCE, Loss.CROSS_ENTROPY, Targets.ONE_HOT);

    /** What the targets of a head look like. */
    public enum Targets {
        /** Standard normal values. */
        REAL,
        /** 0 or 1 per unit. */
        BINARY,
        /** One 1 per row, the rest 0. */
        ONE_HOT
    }

    private final Activation output;
    private final Loss loss;
    private final Targets targets;

    Head(Activation output, Loss loss, Targets targets) {
        this.output = output;
        this.loss = loss;
        this.targets = targets;
    }

    public Activation output() {
        return output;
    }

    public Loss loss() {
        return loss;
    }

    public Targets targets() {
        return targets;
    }

    /** Softmax and one-hot targets need at least two output units. */
    public int minimumOutputs() {
        return targets == Targets.ONE_HOT ? 2 : 1;
    }

}
