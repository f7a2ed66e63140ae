package org.gradproof.benchmarks;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Lstm;
import org.gradproof.nn.LstmState;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.gradproof.nn.SequenceBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The five workloads of the peer comparison (benchmarks/peer/torch_peer.py runs torch.autograd.gradcheck on the same
 * shapes and then this): each checked entry by entry through the model's entry evaluator, entry by entry as a black
 * box (every evaluation a full forward pass; only where that takes under a minute), and along random directions as a
 * black box. Prints one tab-separated line per run: workload, method, parameters, median milliseconds, runs,
 * evaluations, verdict. Arguments: the workloads to run (default all), e.g. {@code W-XOR W-SMALL}.
 */
public final class PeerWorkloads {

    /** Warm-up runs (the JIT compiles the checker's hot paths): up to 10, for at most 2 s after the first. */
    private static final int WARM_UP_RUNS = 10;
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    /** Runs after the warm-up; fewer when they take longer than {@link #TIME_PER_METHOD_NANOS} in all. */
    private static final int RUNS = 5;
    private static final long TIME_PER_METHOD_NANOS = 30_000_000_000L;
    /** Black-box entry-by-entry checks beyond this many parameters take longer than a peer run should. */
    private static final int BLACK_BOX_EXHAUSTIVE_LIMIT = 5_000;

    private record Workload(String name, Supplier<BlockFunction> objective) {
    }

    private PeerWorkloads() {
    }

    public static void main(String[] args) {
        List<Workload> all = List.of(
                new Workload("W-XOR", () -> mlp(2, 2, "sigmoid", 2, "identity", Loss.SOFTMAX_CROSS_ENTROPY, 4)),
                new Workload("W-SMALL", () -> mlp(64, 32, "tanh", 10, "identity", Loss.SOFTMAX_CROSS_ENTROPY, 16)),
                new Workload("W-MNIST", () -> mlp(784, 64, "sigmoid", 10, "identity", Loss.SOFTMAX_CROSS_ENTROPY, 8)),
                new Workload("W-CATS", () -> mlp(12288, 64, "relu", 1, "sigmoid", Loss.BINARY_CROSS_ENTROPY, 10)),
                new Workload("W-LSTM", PeerWorkloads::lstm));
        List<String> chosen = Arrays.asList(args);
        System.out.println("workload\tmethod\tparameters\tmedian_ms\truns\tevaluations\tverdict");
        for (Workload w : all) {
            if (!chosen.isEmpty() && !chosen.contains(w.name())) {
                continue;
            }
            BlockFunction f = w.objective().get();
            int parameters = f.blocks().stream().mapToInt(b -> b.size()).sum();
            time(w.name(), "exhaustive", parameters, f, GradientCheck::check);
            BlockFunction blackBox = new FullForwardOnly(f);
            if (parameters <= BLACK_BOX_EXHAUSTIVE_LIMIT) {
                time(w.name(), "exhaustive-black-box", parameters, blackBox, GradientCheck::check);
            }
            time(w.name(), "directional-black-box", parameters, blackBox, GradientCheck::directional);
        }
    }

    private static void time(String workload, String method, int parameters, BlockFunction f,
                             Function<BlockFunction, GradientReport> check) {
        GradientReport report = check.apply(f);
        long warmUp = System.nanoTime();
        for (int i = 1; i < WARM_UP_RUNS && System.nanoTime() - warmUp < WARM_UP_NANOS; i++) {
            report = check.apply(f);
        }
        List<Double> millis = new ArrayList<>();
        long start = System.nanoTime();
        while (millis.size() < RUNS && (millis.isEmpty() || System.nanoTime() - start < TIME_PER_METHOD_NANOS)) {
            long t = System.nanoTime();
            report = check.apply(f);
            millis.add((System.nanoTime() - t) / 1e6);
        }
        millis.sort(Double::compare);
        System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%.2f\t%d\t%d\t%s%n", workload, method, parameters,
                millis.get(millis.size() / 2), millis.size(), report.evaluations(), report.diagnosis());
        System.out.flush();
    }

    private static BlockFunction mlp(int inputs, int hidden, String activation, int outputs, String outputActivation,
                                     Loss loss, int batch) {
        Mlp net = Mlp.builder(inputs).dense(hidden, activation).dense(outputs, outputActivation)
                .loss(loss, Reduction.MEAN).weights(Initializer.glorotUniform(1)).seed(1).build();
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = new double[batch][inputs];
        double[][] y = new double[batch][outputs];
        for (int n = 0; n < batch; n++) {
            for (int j = 0; j < inputs; j++) {
                x[n][j] = random.nextGaussian();
            }
            if (outputs == 1) {
                y[n][0] = n % 2;
            } else {
                y[n][random.nextInt(outputs)] = 1;
            }
        }
        return net.objective(Batch.of(x, y));
    }

    /** 2 inputs → 2 stacked LSTM layers of 16 cells, T = 10, batch 4, a last-step head of 4 outputs, MSE. */
    private static BlockFunction lstm() {
        int inputs = 2;
        int steps = 10;
        int batch = 4;
        int outputs = 4;
        Lstm net = Lstm.builder(inputs).layers(2, 16).weights(Initializer.glorotUniform(1)).forgetGateBias(1).seed(1)
                .lastStepHead(outputs, "identity").loss(Loss.MSE, Reduction.MEAN).build();
        SplittableRandom random = new SplittableRandom(2);
        double[][][] x = new double[steps][batch][inputs];
        for (double[][] step : x) {
            for (double[] row : step) {
                for (int j = 0; j < inputs; j++) {
                    row[j] = random.nextGaussian();
                }
            }
        }
        double[][] y = new double[batch][outputs];
        for (double[] row : y) {
            for (int j = 0; j < outputs; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return net.objective(SequenceBatch.lastStep(x, y), LstmState.zeros(2, batch, 16));
    }
}
