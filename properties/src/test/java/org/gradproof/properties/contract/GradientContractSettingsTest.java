package org.gradproof.properties.contract;

import org.gradproof.properties.Head;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dense contract's settings: each returns a new contract, and a bad one is named. */
class GradientContractSettingsTest {

    @Test
    void settingsReturnANewContract() {
        GradientContract base = GradientContract.forSubject(new MyNetwork());
        assertNotSame(base, base.activations("sigmoid"));
        assertNotSame(base, base.heads(Head.MSE_IDENTITY));
        assertNotSame(base, base.batchSizes(3, 4));
        assertNotSame(base, base.minimumOutputs(1));
        assertNotSame(base, base.compareLossWithReference(false));
    }

    @Test
    void badSettingsAreNamed() {
        GradientContract c = GradientContract.forSubject(new MyNetwork());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.batchSizes(0, 3)).getMessage()
                .startsWith("batchSizes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.minimumOutputs(0)).getMessage()
                .startsWith("minimumOutputs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.heads()).getMessage().startsWith("heads"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.activations()).getMessage()
                .startsWith("activations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.activations("swish")).getMessage()
                .contains("swish"));
    }
}
