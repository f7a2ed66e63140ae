package org.gradproof.properties;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.EntryEvaluator;
import org.gradproof.check.ModelLayers;
import org.gradproof.check.ParameterBlock;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A correct {@link BlockFunction} whose claimed gradient is corrupted in one block, in one of the ways real backprop
 * goes wrong: the planted bugs of the mutation properties. The loss is left alone.
 */
public final class CorruptedGradient implements BlockFunction {

    private final BlockFunction base;
    private final int block;
    private final String what;
    private final UnaryOperator<double[]> corruption;

    private CorruptedGradient(BlockFunction base, int block, String what, UnaryOperator<double[]> corruption) {
        if (block < 0 || block >= base.blocks().size()) {
            throw new IllegalArgumentException("block " + block + " out of range: the function has "
                    + base.blocks().size() + " blocks");
        }
        this.base = base;
        this.block = block;
        this.what = what;
        this.corruption = corruption;
    }

    /** The block's gradient times −1. */
    public static CorruptedGradient signFlipped(BlockFunction base, int block) {
        return new CorruptedGradient(base, block, "sign flipped", g -> scale(g, -1));
    }

    /** The block's gradient times k. */
    public static CorruptedGradient scaled(BlockFunction base, int block, double k) {
        return new CorruptedGradient(base, block, "scaled by " + k, g -> scale(g, k));
    }

    /** The block's gradient set to 0 (a cut path). */
    public static CorruptedGradient zeroed(BlockFunction base, int block) {
        return new CorruptedGradient(base, block, "zeroed", g -> new double[g.length]);
    }

    /** The block's gradient transposed; the block must be a square matrix. */
    public static CorruptedGradient transposed(BlockFunction base, int block) {
        int[] shape = base.blocks().get(block).shape();
        if (shape.length != 2 || shape[0] != shape[1]) {
            throw new IllegalArgumentException("block " + base.blocks().get(block) + " is not a square matrix");
        }
        int r = shape[0];
        return new CorruptedGradient(base, block, "transposed", g -> {
            double[] t = new double[g.length];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    t[j * r + i] = g[i * r + j];
                }
            }
            return t;
        });
    }

    /** One entry of the block's gradient times (1 + relative). */
    public static CorruptedGradient perturbedEntry(BlockFunction base, int block, int index, double relative) {
        return new CorruptedGradient(base, block, "entry " + index + " × (1 + " + relative + ")", g -> {
            double[] c = g.clone();
            c[index] *= 1 + relative;
            return c;
        });
    }

    /** One entry of the block's gradient replaced by {@code value}. */
    public static CorruptedGradient replacedEntry(BlockFunction base, int block, int index, double value) {
        return new CorruptedGradient(base, block, "entry " + index + " = " + value, g -> {
            double[] c = g.clone();
            c[index] = value;
            return c;
        });
    }

    /** The name of the corrupted block. */
    public String blockName() {
        return base.blocks().get(block).name();
    }

    @Override
    public List<ParameterBlock> blocks() {
        return base.blocks();
    }

    @Override
    public double value() {
        return base.value();
    }

    @Override
    public double[][] gradient() {
        double[][] g = base.gradient();
        g[block] = corruption.apply(g[block]);
        return g;
    }

    @Override
    public String description() {
        return base.description() + ", gradient of " + blockName() + " " + what;
    }

    @Override
    public List<KnownFactor> knownFactors() {
        return base.knownFactors();
    }

    @Override
    public double noiseScale() {
        return base.noiseScale();
    }

    @Override
    public Optional<ModelLayers> modelLayers() {
        return base.modelLayers();
    }

    /** The base's own: the loss is the base's, only the claimed gradient is corrupted. */
    @Override
    public Optional<EntryEvaluator> entryEvaluator() {
        return base.entryEvaluator();
    }

    /** The base's copy, corrupted the same way. */
    @Override
    public Optional<BlockFunction> threadCopy() {
        return base.threadCopy().map(copy -> new CorruptedGradient(copy, block, what, corruption));
    }

    private static double[] scale(double[] g, double k) {
        double[] s = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            s[i] = k * g[i];
        }
        return s;
    }
}
