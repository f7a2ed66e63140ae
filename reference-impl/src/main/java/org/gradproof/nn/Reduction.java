package org.gradproof.nn;

import java.util.Locale;

/** How per-example losses ℓ_n are combined over a batch of m examples. */
public enum Reduction {
    /** L = (1/m) Σ_n ℓ_n. */
    MEAN,
    /** L = Σ_n ℓ_n. */
    SUM;

    /** The factor each per-example loss (and its gradient) gets: 1/m or 1. */
    public double weight(int batchSize) {
        return this == MEAN ? 1.0 / batchSize : 1.0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
