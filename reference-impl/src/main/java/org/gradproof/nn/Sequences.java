package org.gradproof.nn;

import java.util.Objects;

/**
 * The data an {@link Lstm}'s loss is taken on: a batch of sequences with their targets, and the state (h, c of each
 * layer) the sequences start from. Whether they fit a network is checked by the network, which names the axis and
 * both sizes.
 *
 * @param batch the sequences, [seq][batch][features], and their targets
 * @param state the initial state, [layers][2][batch][cells]; {@link LstmState#zeros} for a fresh start
 */
public record Sequences(SequenceBatch batch, LstmState state) {

    public Sequences {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(state, "state");
    }
}
