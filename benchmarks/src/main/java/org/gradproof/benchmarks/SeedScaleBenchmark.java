package org.gradproof.benchmarks;

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Seed 001's cat classifier at its own size, 12288-64-1 (relu, sigmoid, binary cross-entropy; batch 8): an exhaustive
 * check of all 786,561 parameters, and one gradient beside it. Only possible through the network's entry evaluator:
 * with full forward passes the check would make 1.6 million of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SeedScaleBenchmark {

    private Mlp net;
    private Batch batch;

    @Setup
    public void setUp() {
        int inputs = 64 * 64 * 3;
        net = Mlp.builder(inputs).dense(64, "relu").dense(1, "sigmoid").loss(Loss.BINARY_CROSS_ENTROPY, Reduction.MEAN)
                .weights(Initializer.heNormal()).seed(1).build();
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = new double[8][inputs];
        double[][] y = new double[8][1];
        for (int n = 0; n < 8; n++) {
            for (int i = 0; i < inputs; i++) {
                x[n][i] = random.nextDouble();
            }
            y[n][0] = n % 2;
        }
        batch = Batch.of(x, y);
    }

    @Benchmark
    public double[][] oneGradient() {
        return net.gradients(batch).blocks();
    }

    @Benchmark
    public GradientReport exhaustiveCheckOfEveryParameter() {
        GradientReport r = GradientCheck.check(net.objective(batch));
        if (!r.passed()) {
            throw new IllegalStateException("the reference network failed its own check:\n" + r.summary());
        }
        return r;
    }
}
