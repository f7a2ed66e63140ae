package org.gradproof.properties.sweep;

/** The kinds of correct models the sweeps draw, each aimed at a way the checker could be fooled. */
public enum SweepFamily {
    /** Any architecture, activation, head and reduction; weight scales 1e-12 … 1e4; batch 1 … 64. */
    MLP,
    /** ReLU / leaky-ReLU networks with one pre-activation set exactly to 0, or within 1e-9 … 1e-5 of it. */
    RELU_NEAR_KINK,
    /** Sigmoid and tanh units saturated far beyond |z| = 30. */
    SATURATED,
    /** Softmax heads with logits near ±700 (probabilities rounded to 0 and 1). */
    SOFTMAX_EXTREME,
    /** Stacked LSTMs with a dense head, random initial states, input and state gradients checked too. */
    LSTM,
    /** MLPs evaluated in single precision. */
    FLOAT32
}
