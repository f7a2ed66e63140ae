package org.gradproof.examples.tribuo;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.Diagnosis;
import org.gradproof.check.DifferentiableFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.la.DenseVector;
import org.tribuo.regression.sgd.objectives.AbsoluteLoss;
import org.tribuo.regression.sgd.objectives.Huber;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate on Tribuo 4.3.1's SGD objectives, on every {@code mvn verify}: what gradproof says of each objective's
 * (value, gradient) pair as Tribuo returns it, over the prediction scores and over a linear model's weights, at seeded
 * random points. Each finding is asserted, so a Tribuo upgrade that changes one fails here and says which.
 */
class TribuoGateTest {

    private static final int POINTS = 20;

    /** Scores ~ N(0, 2²), 2 to 6 outputs; for regression, truths ~ N(0, 2²). */
    private static double[] point(SplittableRandom r, int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 2 * r.nextGaussian();
        }
        return p;
    }

    private static void forEachPoint(PointCheck check) {
        SplittableRandom r = new SplittableRandom(2026);
        for (int i = 0; i < POINTS; i++) {
            int outputs = 2 + r.nextInt(5);
            check.at(r, outputs, point(r, outputs), r.nextInt(outputs), point(r, outputs));
        }
    }

    private interface PointCheck {
        void at(SplittableRandom r, int outputs, double[] scores, int label, double[] truth);
    }

    /** The classification objectives return −loss and its own gradient: a consistent pair, proven right. */
    @Test
    void logMulticlassReturnsTheLogLikelihoodWithItsOwnGradient() {
        forEachPoint((r, outputs, scores, label, truth) -> {
            GradientReport report = GradientCheck.check(TribuoObjectives.scores(new LogMulticlass(), label), scores);
            assertTrue(report.passed(), report::summary);
            double[] softmax = softmax(scores);
            double value = TribuoObjectives.scores(new LogMulticlass(), label).value(scores);
            assertEquals(Math.log(softmax[label]), value, 1e-12, "the value is log p(label), the negated loss");
        });
    }

    @Test
    void hingeReturnsTheNegatedHingeLossWithItsOwnGradient() {
        forEachPoint((r, outputs, scores, label, truth) -> {
            GradientReport report = GradientCheck.check(TribuoObjectives.scores(new Hinge(), label), scores);
            assertTrue(report.passed(), report::summary);
            assertTrue(TribuoObjectives.scores(new Hinge(), label).value(scores) <= 0, "−loss is never positive");
        });
    }

    /**
     * The regression objectives return +loss with the gradient of −loss (the ascent direction their trainers add):
     * as a pair, a sign flip on every score; negated, the gradient is proven right.
     */
    @Test
    void regressionObjectivesReturnTheGradientOfTheNegatedLoss() {
        for (SGDObjective<DenseVector> objective : List.of(new SquaredLoss(), new Huber(), new Huber(0.5),
                new AbsoluteLoss())) {
            forEachPoint((r, outputs, scores, label, truth) -> {
                DifferentiableFunction f = TribuoObjectives.scores(objective, DenseVector.createDenseVector(truth));
                GradientReport asReturned = GradientCheck.check(f, scores);
                assertEquals(Diagnosis.SIGN_FLIP, asReturned.diagnosis(), () -> objective + "\n" + asReturned.summary());
                assertEquals(-1, asReturned.fittedScale(), 1e-6);
                GradientReport negated = GradientCheck.check(negated(f), scores);
                assertTrue(negated.passed(), () -> objective + "\n" + negated.summary());
            });
        }
    }

    /**
     * AbsoluteLoss's value is Σ|y − p| − n/2, not the absolute loss Σ|y − p| its Javadoc names ("Absolute loss (i.e.,
     * l1)"): {@code double loss = absoluteDifference.sum() - 0.5*absoluteDifference.size();} in
     * AbsoluteLoss.lossAndGradient. A constant, so every gradient is unaffected, but the loss Tribuo reports for
     * training is off by n/2 and negative whenever every residual is below ½.
     */
    @Test
    void absoluteLossReportsTheL1LossMinusHalfPerOutput() {
        forEachPoint((r, outputs, scores, label, truth) -> {
            double l1 = 0;
            for (int i = 0; i < outputs; i++) {
                l1 += Math.abs(truth[i] - scores[i]);
            }
            double value = TribuoObjectives.scores(new AbsoluteLoss(), DenseVector.createDenseVector(truth))
                    .value(scores);
            assertEquals(l1 - 0.5 * outputs, value, 1e-12);
        });
        double[] close = {0.1, -0.2};
        double reported = TribuoObjectives.scores(new AbsoluteLoss(), DenseVector.createDenseVector(new double[2]))
                .value(close);
        assertEquals(-0.7, reported, 1e-12, "|0.1| + |−0.2| − 2·½: a negative loss");
    }

    /** LogMulticlass and Hinge overwrite the prediction vector they are given (the adapter hands them copies). */
    @Test
    void theClassificationObjectivesOverwriteTheirPredictionArgument() {
        double[] scores = {0.3, -1.2, 0.8};
        DenseVector prediction = DenseVector.createDenseVector(scores.clone());
        DenseVector gradient = (DenseVector) new LogMulticlass().lossAndGradient(1, prediction).getB();
        assertArrayEquals(gradient.toArray(), prediction.toArray(), "the gradient is written over the prediction");
        DenseVector hinged = DenseVector.createDenseVector(scores.clone());
        new Hinge().lossAndGradient(1, hinged);
        assertNotEquals(scores[1], hinged.get(1), "Hinge subtracts its margin from the true label's score in place");
        DenseVector regressed = DenseVector.createDenseVector(scores.clone());
        new SquaredLoss().lossAndGradient(DenseVector.createDenseVector(new double[3]), regressed);
        assertArrayEquals(scores, regressed.toArray(), "SquaredLoss leaves it alone");
    }

    /**
     * Through {@code LinearParameters.gradients} (dW = g·xᵀ) the weights inherit each objective's convention: the
     * classification pairs are proven right, the regression pairs are a sign flip of the whole block W.
     */
    @Test
    void linearParametersPassOnEachObjectivesConventionToTheWeights() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < POINTS; i++) {
            int outputs = 2 + r.nextInt(4);
            int features = 1 + r.nextInt(6);
            double[] x = point(r, features);
            int label = r.nextInt(outputs);
            double[] truth = point(r, outputs);
            double[] w1 = point(r, outputs * features);
            GradientReport log = GradientCheck.check(TribuoObjectives.linear(new LogMulticlass(), label, w1, outputs,
                    x));
            assertTrue(log.passed(), log::summary);
            double[] w2 = w1.clone();
            BlockFunction squared = TribuoObjectives.linear(new SquaredLoss(), DenseVector.createDenseVector(truth), w2,
                    outputs, x);
            GradientReport sq = GradientCheck.check(squared);
            assertEquals(Diagnosis.SIGN_FLIP, sq.diagnosis(), sq::summary);
            assertEquals(List.of("W"), sq.wrongBlocks());
            assertArrayEquals(w1, w2, "the weights are restored bit for bit");
        }
    }

    private static DifferentiableFunction negated(DifferentiableFunction f) {
        return new DifferentiableFunction() {
            @Override
            public double value(double[] x) {
                return f.value(x);
            }

            @Override
            public double[] gradient(double[] x) {
                double[] g = f.gradient(x);
                for (int i = 0; i < g.length; i++) {
                    g[i] = -g[i];
                }
                return g;
            }
        };
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
