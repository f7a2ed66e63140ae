package org.gradproof.properties.sweep;

import org.ejml.data.DMatrixRMaj;
import org.gradproof.nn.Activation;
import org.gradproof.nn.Batch;
import org.gradproof.nn.LeakyRelu;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.StandardActivation;
import org.gradproof.properties.Architecture;
import org.gradproof.properties.Head;
import org.gradproof.properties.LstmCase;
import org.gradproof.properties.NetworkCase;
import org.gradproof.properties.NetworkGenerators;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Draws the correct models of the checker sweeps: case i of a sweep with seed s is a pure function of (s, i), and
 * families take turns (i mod 6), so any count covers all of them evenly and any printed case can be rebuilt with
 * {@link #draw(long, long)}.
 */
public final class SweepCases {

    /** Weight scales, 1e-12 to 1e4. */
    static final double[] WEIGHT_SCALES = {1e-12, 1e-8, 1e-4, 1e-2, 0.1, 0.5, 1, 2, 4, 8, 1e2, 1e4};
    /** Batch sizes, 1 to 64. */
    static final int[] BATCH_SIZES = {1, 2, 3, 4, 5, 8, 16, 32, 64};

    private SweepCases() {
    }

    /** Case {@code index} of the sweep with this seed. */
    public static SweepCase draw(long seed, long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        SweepFamily family = SweepFamily.values()[(int) Math.floorMod(index, SweepFamily.values().length)];
        String id = String.format(Locale.ROOT, "sweep seed %d case %d", seed, index);
        return switch (family) {
            case MLP -> mlp(r, id, family, NetworkGenerators.HIDDEN_ACTIVATIONS, List.of(Head.values()),
                    WEIGHT_SCALES[r.nextInt(WEIGHT_SCALES.length)]);
            case RELU_NEAR_KINK -> reluNearKink(r, id);
            case SATURATED -> mlp(r, id, family, List.of(StandardActivation.SIGMOID, StandardActivation.TANH),
                    List.of(Head.MSE_SIGMOID, Head.HALF_SUM_OF_SQUARES_TANH, Head.SIGMOID_BCE_LOGITS,
                            Head.MSE_IDENTITY), new double[] {10, 20, 50}[r.nextInt(3)]);
            case SOFTMAX_EXTREME -> softmaxExtreme(r, id);
            case LSTM -> lstm(r, id);
            case FLOAT32 -> float32(r, id);
        };
    }

    private static SweepCase mlp(SplittableRandom r, String id, SweepFamily family, List<? extends Activation> hidden,
                                 List<Head> heads, double scale) {
        NetworkCase c = networkCase(r, hidden, heads, scale);
        Mlp net = c.network();
        Batch batch = c.batch();
        return new SweepCase(family, id + ": " + c, () -> net.objective(batch));
    }

    private static NetworkCase networkCase(SplittableRandom r, List<? extends Activation> hidden, List<Head> heads,
                                           double scale) {
        int depth = 1 + r.nextInt(NetworkGenerators.MAX_DEPTH);
        List<Integer> widths = new ArrayList<>();
        List<Activation> activations = new ArrayList<>();
        for (int l = 0; l < depth - 1; l++) {
            widths.add(1 + r.nextInt(NetworkGenerators.MAX_WIDTH));
            activations.add(hidden.get(r.nextInt(hidden.size())));
        }
        Head head = heads.get(r.nextInt(heads.size()));
        int outputs = Math.max(head.minimumOutputs(), 1 + r.nextInt(NetworkGenerators.MAX_WIDTH));
        Reduction reduction = Reduction.values()[r.nextInt(Reduction.values().length)];
        Architecture a = new Architecture(1 + r.nextInt(NetworkGenerators.MAX_WIDTH), widths, activations, outputs,
                head, reduction);
        return new NetworkCase(a, BATCH_SIZES[r.nextInt(BATCH_SIZES.length)], scale, r.nextLong(), r.nextLong());
    }

    /**
     * A ReLU network with hidden unit i of layer 1 moved (through its bias) so that its pre-activation for example n
     * is 0 — as exactly as rounding allows — or ±d, d from 1e-9 to 1e-5.
     */
    private static SweepCase reluNearKink(SplittableRandom r, String id) {
        List<Activation> kinked = List.of(StandardActivation.RELU, new LeakyRelu(0.1));
        NetworkCase c;
        do {
            c = networkCase(r, kinked, List.of(Head.values()), new double[] {0.5, 1, 2}[r.nextInt(3)]);
        } while (c.architecture().depth() < 2);
        Mlp net = c.network();
        Batch batch = c.batch();
        int unit = r.nextInt(c.architecture().hiddenWidths().get(0));
        int example = r.nextInt(batch.size());
        double target = r.nextInt(3) == 0 ? 0 : (r.nextBoolean() ? 1 : -1) * Math.pow(10, -9 + 4 * r.nextDouble());
        DMatrixRMaj bias = net.layers().get(0).bias();
        for (int attempt = 0; attempt < 3; attempt++) {
            DMatrixRMaj z = net.trace(batch.inputs()).preActivations().get(0);
            bias.data[unit] += target - z.get(example, unit);
        }
        double z = net.trace(batch.inputs()).preActivations().get(0).get(example, unit);
        return new SweepCase(SweepFamily.RELU_NEAR_KINK, String.format(Locale.ROOT,
                "%s: %s, dense1 unit %d example %d at z = %.3g", id, c, unit, example, z), () -> net.objective(batch));
    }

    /** A softmax head whose output biases are ±(600 … 700): logits near ±700. */
    private static SweepCase softmaxExtreme(SplittableRandom r, String id) {
        NetworkCase c = networkCase(r, NetworkGenerators.HIDDEN_ACTIVATIONS,
                List.of(Head.SOFTMAX_CROSS_ENTROPY_LOGITS, Head.CROSS_ENTROPY_SOFTMAX), new double[] {0.5, 1, 2}[r.nextInt(3)]);
        Mlp net = c.network();
        Batch batch = c.batch();
        DMatrixRMaj bias = net.layers().get(net.layers().size() - 1).bias();
        for (int j = 0; j < bias.data.length; j++) {
            bias.data[j] = (r.nextBoolean() ? 1 : -1) * (600 + 100 * r.nextDouble());
        }
        return new SweepCase(SweepFamily.SOFTMAX_EXTREME, id + ": " + c + ", output biases ±600…700",
                () -> net.objective(batch));
    }

    private static SweepCase lstm(SplittableRandom r, String id) {
        int layers = 1 + r.nextInt(3);
        int cells = 1 + r.nextInt(6);
        boolean shared = layers > 1 && r.nextInt(3) == 0;
        LstmCase c = new LstmCase(shared ? cells : 1 + r.nextInt(4), layers, cells, 1 + r.nextInt(6),
                1 + r.nextInt(4), r.nextBoolean(), r.nextBoolean(), new double[] {0, 0.5, 1}[r.nextInt(3)], shared,
                r.nextLong(), r.nextLong());
        return new SweepCase(SweepFamily.LSTM, id + ": " + c, c::objective);
    }

    /**
     * A reference MLP evaluated in float32. Drawn again while a binary cross-entropy's probability rounds next to 1
     * under its logarithm ({@link Float32Network#roundsUnderLogarithm}): the float loss is then another function than
     * the one whose gradient is claimed.
     */
    private static SweepCase float32(SplittableRandom r, String id) {
        NetworkCase c;
        Mlp net;
        Batch batch;
        do {
            c = networkCase(r, NetworkGenerators.HIDDEN_ACTIVATIONS, List.of(Head.values()),
                    new double[] {0.1, 0.5, 1, 2}[r.nextInt(4)]);
            net = c.network();
            batch = c.batch();
        } while (Float32Network.roundsUnderLogarithm(net, batch));
        Mlp network = net;
        Batch examples = batch;
        return new SweepCase(SweepFamily.FLOAT32, id + ": " + c + " in float32",
                () -> new Float32Network(network, examples, 1));
    }
}
