package org.gradproof.properties;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * QuickTheories generators of LSTM cases: layers 1–3, cells 1–6, inputs 1–4, T 1–6, batch 1–4, last-step or every-step
 * heads, zero or random initial states. Carry bugs are exact at T = 1 and zero states; the ranges reach T ≥ 3,
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
        Gen<Shape> shapes = inputs.zip(layers, cells, steps, Shape::new);
        Gen<Head> heads = batch.zip(everyStep, classifier, stateScale, Head::new);
        return shapes.zip(heads, NetworkGenerators.seeds(), NetworkGenerators.seeds(), (s, h, w, d) -> new LstmCase(
                s.inputs(), s.layers(), s.cells(), s.steps(), h.batch(), h.everyStep(), h.classifier(), h.stateScale(),
                w, d)).describedAs(LstmCase::toString);
    }

    private record Shape(int inputs, int layers, int cells, int steps) {
    }

    private record Head(int batch, boolean everyStep, boolean classifier, double stateScale) {
    }
}
