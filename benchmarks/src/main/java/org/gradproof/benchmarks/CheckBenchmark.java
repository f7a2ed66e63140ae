package org.gradproof.benchmarks;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.nn.Batch;
import org.gradproof.nn.Initializer;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.Reduction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The cost of an exhaustive check of a reference MLP, next to the cost of one gradient: the ratio is the price of
 * proof. The check runs twice: with the network's entry evaluator (one changed weight re-evaluated from the cached
 * forward pass) and with every evaluation a full forward pass, as for any black-box function. Run it with the
 * commands in benchmarks/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CheckBenchmark {

    /** Hidden width of a 16-w-w-4 tanh network with softmax cross-entropy. */
    @Param({"8", "32"})
    public int width;

    private BlockFunction objective;
    private BlockFunction blackBox;
    private Mlp net;
    private Batch batch;

    @Setup
    public void setUp() {
        net = Mlp.builder(16).dense(width, "tanh").dense(width, "tanh").dense(4, "identity")
                .loss(Loss.SOFTMAX_CROSS_ENTROPY, Reduction.MEAN).weights(Initializer.glorotUniform(1)).seed(1).build();
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = new double[32][16];
        double[][] y = new double[32][4];
        for (int n = 0; n < 32; n++) {
            for (int j = 0; j < 16; j++) {
                x[n][j] = random.nextGaussian();
            }
            y[n][random.nextInt(4)] = 1;
        }
        batch = Batch.of(x, y);
        objective = net.objective(batch);
        blackBox = new FullForwardOnly(objective);
    }

    @Benchmark
    public double[][] oneGradient() {
        return net.gradients(batch).blocks();
    }

    @Benchmark
    public GradientReport exhaustiveCheck() {
        return GradientCheck.check(objective);
    }

    @Benchmark
    public GradientReport exhaustiveCheckFullForward() {
        return GradientCheck.check(blackBox);
    }

    /** Along random directions first, entry by entry only where they cannot decide: the black-box route. */
    @Benchmark
    public GradientReport directionalCheckFullForward() {
        return GradientCheck.directional(blackBox);
    }
}
