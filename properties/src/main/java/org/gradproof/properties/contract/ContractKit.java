package org.gradproof.properties.contract;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@link ContractRun} needs of a contract kit: how to build the case a generated description stands for, how to
 * check it, where its layers are, how to write it as data, and how the kit and its subject are named.
 *
 * @param <D> the cheap description QuickTheories generates and shrinks (seeds and sizes)
 * @param <C> the case built from it (weights, batch) that the subject is asked about
 */
interface ContractKit<D, C> {

    /** The kit's name in messages, e.g. {@code GradientContract}. */
    String name();

    /** The subject's class name in messages and file names, e.g. {@code MyNetwork}. */
    String subjectName();

    /** The kit's settings as one line, as the failure message prints them. */
    String settings();

    /** What the kit compares with the reference before checking gradients, in messages: "loss", or a layer's "output". */
    default String comparedValue() {
        return "loss";
    }

    /** Whether a case the checker cannot decide fails the run (else undecided cases are counted). */
    boolean strict();

    /** The case a description stands for (built only when it is checked). */
    C build(D description);

    /** Checks one case; whatever the subject does, the result is an outcome, never an exception. */
    CaseOutcome evaluate(C c);

    /** The case's parameter layers, bottom to top. */
    LayerRoles layers(C c);

    /**
     * Writes the case (and, when the subject computes them, its gradients) as interchange JSON into {@code directory},
     * which exists.
     */
    Counterexample write(C c, Path directory) throws IOException;
}
