package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FiniteDifferences} evaluates each point once and remembers it; the fresh evaluations bypass the memory. */
class FiniteDifferencesMemoryTest {

    @Test
    void eachPointIsEvaluatedOnceAndRememberedByWhereItIs() {
        double[] data = {0.5};
        int[] calls = {0};
        BlockFunction f = new Blocks(List.of(ParameterBlock.vector("t", data)), () -> {
            calls[0]++;
            return data[0] * data[0] + calls[0];
        }, () -> new double[][] {{0}});
        FiniteDifferences fd = new FiniteDifferences(new Probe(f, f.blocks()), 0, 0, 0.5);
        // the first evaluation adds 1, the next 2, …: a remembered value keeps the count it was evaluated with
        assertEquals(1.5625 + 1, fd.valueAt(0.75), 0.0);
        assertEquals(1.5625 + 1, fd.valueAt(0.75), 0.0);
        assertEquals(0.0625 + 2, fd.valueAt(-0.25), 0.0);
        assertEquals(2, calls[0]);
        assertEquals(Map.of(1.25, 2.5625, 0.25, 2.0625), fd.valuesByPoint());
        assertThrows(UnsupportedOperationException.class, () -> fd.valuesByPoint().clear());
        assertEquals(1.5625 + 3, fd.freshValueAt(0.75), 0.0);
        assertEquals(0.0625 + 4, fd.freshValueAtPoint(0.25), 0.0);
        assertEquals(1.5625 + 1, fd.valueAt(0.75), 0.0, "the fresh values are not remembered");
        assertEquals(4, calls[0]);
        // (f(x + ¾) − f(x − ¾)) / 1.5: the first remembered, the second new
        assertEquals((1.5625 + 1 - (0.0625 + 5)) / 1.5, fd.central(0.75), 1e-15);
        assertEquals(0.5, fd.x(), 0.0);
    }
}
