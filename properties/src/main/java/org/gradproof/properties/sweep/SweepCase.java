package org.gradproof.properties.sweep;

import org.gradproof.check.BlockFunction;

import java.util.function.Supplier;

/**
 * One correct model of a sweep: its family, a description that rebuilds it (family, index and seed), and its
 * objective — a fresh {@link BlockFunction} on every call, so a check or a planted bug never sees another's state.
 *
 * @param family      what kind of model (see {@link SweepFamily})
 * @param description what was drawn, printed with any false alarm
 * @param objectives  fresh objectives of the (correct) model
 */
public record SweepCase(SweepFamily family, String description, Supplier<BlockFunction> objectives) {

    public BlockFunction objective() {
        return objectives.get();
    }

    @Override
    public String toString() {
        return family + ": " + description;
    }
}
