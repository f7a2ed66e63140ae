package org.gradproof.properties;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * QuickTheories generators of LSTM cases: layers 1–3, cells 1–6, inputs 1–4, T 1–6, batch 1–4, last-step or every-step
 * heads, zero or random initial states, and one cell shared by every layer a third of the time. Carry bugs are exact at T = 1 and zero states; the ranges reach T ≥ 3,
 * batch ≥ 3 and nonzero states often. Every dimension is drawn independently, so each shrinks on its own.
 */
public final class LstmGenerators {

    private LstmGenerators() {
    }

    public static Gen<LstmCase> lstmCases() {
        Gen<Integer> inputs = integers().between(1, 4);
        Gen<Integer> layers = integers().between(1, 3);
        Gen<Integer> cells = integers().between(1, 6);
        Gen<Integer> steps = integers().between(1, 6);
        Gen<Integer> batch = integers().between(1, 4);
        Gen<Boolean> everyStep = booleans().all();
        Gen<Boolean> classifier = booleans().all();
        Gen<Double> stateScale = Generate.pick(List.of(0.0, 0.5, 1.0));
        Gen<Boolean> shared = Generate.pick(List.of(false, false, true));
        Gen<Shape> shapes = inputs.zip(layers, cells, steps, Shape::new);
        Gen<Readout> heads = batch.zip(everyStep, classifier, stateScale, Readout::new);
        Gen<long[]> seeds = NetworkGenerators.seeds().zip(NetworkGenerators.seeds(), (w, d) -> new long[] {w, d});
        return shapes.zip(heads, shared, seeds, (s, h, one, seed) -> new LstmCase(one ? s.cells() : s.inputs(),
                s.layers(), s.cells(), s.steps(), h.batch(), h.everyStep(), h.classifier(), h.stateScale(),
                one && s.layers() > 1, seed[0], seed[1])).describedAs(LstmCase::toString);
    }

    private record Shape(int inputs, int layers, int cells, int steps) {
    }

    private record Readout(int batch, boolean everyStep, boolean classifier, double stateScale) {
    }
}
