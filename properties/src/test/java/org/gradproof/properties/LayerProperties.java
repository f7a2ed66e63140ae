package org.gradproof.properties;

import org.gradproof.check.CheckOptions;
import org.gradproof.check.DifferentiableLayer;
import org.gradproof.check.EntryResult;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.LayerGradients;
import org.gradproof.check.ParameterBlock;
import org.gradproof.properties.contract.LayerCase;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Layer checks ({@link GradientCheck#layer}) on random reference layers — dense, softmax, one LSTM step — with one
 * Jacobian entry ∂yᵢ/∂(block entry k) planted wrong by c: the backward pass adds c·uᵢ to entry k for upstream u, as a
 * wrong term in a hand-written backward does. Every such layer fails, and the entry is named in its block. (That the
 * right layers pass is the {@code LayerContract} suite's: every reference layer passes its contract.)
 */
class LayerProperties {

    /** A layer case and where to plant: block (inputs first, then parameters), entry, output, and c as a share. */
    private record Plant(LayerCase layer, int block, int entry, int output, double share) {
    }

    private static final Gen<LayerCase> LAYERS = integers().between(0, 2).zip(integers().between(2, 5),
            integers().between(2, 5), integers().between(1, 3), longs().between(0, Long.MAX_VALUE),
            (kind, in, out, batch, seed) -> switch (kind) {
                case 0 -> LayerCase.of(LayerCase.Kind.DENSE, null, in, out, batch, 1, seed);
                case 1 -> LayerCase.of(LayerCase.Kind.ACTIVATION, "softmax", in, in, batch, 1, seed);
                default -> LayerCase.of(LayerCase.Kind.LSTM_CELL, null, in, out, batch, 1, seed);
            });

    private static final Gen<Plant> PLANTS = LAYERS.zip(integers().between(0, 1 << 20), integers().between(0, 1 << 20),
            integers().between(0, 1 << 20), doubles().between(0.05, 2), (c, b, k, i, share) -> {
                int blocks = c.inputBlocks().size() + c.parameterNames().size();
                return new Plant(c, b % blocks, k, i, share);
            });

    @Test
    void aWrongJacobianEntryInABackwardPassIsNamed() {
        Exercised planted = new Exercised("wrong Jacobian entries planted");
        qt().withExamples(Examples.share(0.2)).forAll(PLANTS).checkAssert(p -> {
            planted.example();
            DifferentiableLayer right = p.layer().reference();
            List<ParameterBlock> inputs = p.layer().inputBlocks();
            List<String> names = blockNames(p.layer());
            int size = p.block() < inputs.size() ? inputs.get(p.block()).size()
                    : p.layer().parameter(names.get(p.block())).length;
            int k = p.entry() % size;
            int outputs = right.forward(inputs.stream().map(b -> b.data().clone()).toArray(double[][]::new)).length;
            int i = p.output() % outputs;
            // c relative to the block's gradient along a unit upstream: a term the size of the entries themselves
            double c = p.share() * blockScale(right, inputs, p.block(), outputs);
            if (!(c > 0)) {
                return;
            }
            planted.hit();
            GradientReport r = GradientCheck.layer(new PlantedEntry(right, p.block(), inputs.size(), k, i, c), inputs,
                    CheckOptions.defaults());
            assertFalse(r.passed(), () -> p + ", entry " + k + " output " + i + " c " + c + "\n" + r.summary());
            String block = names.get(p.block());
            assertTrue(r.failures().stream().anyMatch(e -> named(r, e, block, k)),
                    () -> "not named: " + block + " entry " + k + "\n" + r.summary());
        });
        planted.requireAtLeast(0.9);
    }

    private static boolean named(GradientReport r, EntryResult e, String block, int k) {
        return r.blocks().get(e.block()).name().endsWith("·" + block) && e.index() == k;
    }

    /** Input names, then parameter names, as the check's blocks are ordered within a projection. */
    private static List<String> blockNames(LayerCase c) {
        List<String> names = new java.util.ArrayList<>(c.inputBlocks().stream().map(ParameterBlock::name).toList());
        names.addAll(c.parameterNames());
        return names;
    }

    /**
     * max over the block of |gradient| for an upstream of entries cos(1 + 2.3 i) (varied signs: a softmax's gradient
     * along all ones is 0), divided by √outputs: the size of the block's Jacobian entries.
     */
    private static double blockScale(DifferentiableLayer layer, List<ParameterBlock> inputs, int block, int outputs) {
        double[] upstream = new double[outputs];
        for (int i = 0; i < outputs; i++) {
            upstream[i] = Math.cos(1 + 2.3 * i);
        }
        LayerGradients g = layer.backward(inputs.stream().map(b -> b.data().clone()).toArray(double[][]::new),
                upstream);
        double[] row = block < g.inputs().length ? g.inputs()[block] : g.parameters()[block - g.inputs().length];
        double largest = 0;
        for (double v : row) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest / Math.sqrt(outputs);
    }

    /** The right layer, with c·u_i added to entry k of block b's gradient: J[i][k] off by c. */
    private record PlantedEntry(DifferentiableLayer right, int block, int inputCount, int entry, int output,
                                double c) implements DifferentiableLayer {
        @Override
        public List<ParameterBlock> parameters() {
            return right.parameters();
        }

        @Override
        public double[] forward(double[][] inputs) {
            return right.forward(inputs);
        }

        @Override
        public LayerGradients backward(double[][] inputs, double[] upstream) {
            LayerGradients g = right.backward(inputs, upstream);
            double[] row = block < inputCount ? g.inputs()[block] : g.parameters()[block - inputCount];
            row[entry] += c * upstream[output];
            return g;
        }
    }
}
