package org.gradproof.properties;

import org.gradproof.check.Diagnosis;
import org.gradproof.check.EntryResult;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.gradproof.check.HessianFunction;
import org.gradproof.check.HessianVectorFunction;
import org.gradproof.nn.Mlp;
import org.gradproof.nn.MlpHessianVector;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.gradproof.properties.NetworkGenerators.batchSizes;
import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.gradproof.properties.NetworkGenerators.weightScales;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * {@link GradientCheck#hessian} on the full Hessians of random small MLPs (depth 1–3, widths and inputs 1–4: at most 60
 * parameters, every activation, head and reduction), built column by column from the exact product
 * ({@link MlpHessianVector}, H[i][j] = (H·eⱼ)ᵢ): the right matrix is never failed and mostly proven; one entry made
 * wrong is never passed and is the only entry named; a claim whose upper triangle is the Gauss–Newton matrix's (an
 * asymmetric claim, half of it without the terms G drops) is never passed, only upper entries are named, and the
 * report names an asymmetric pair. Counted ({@link Exercised}).
 */
class FullHessianProperties {

    /** Small networks, probabilities away from their ends under a probability loss (see SecondOrderProperties). */
    private static final Gen<NetworkCase> CASES = networkCases(ArchitectureSpace.all().withDepths(1, 3)
            .withWidths(1, 4).withInputs(1, 4).architectures(), weightScales(), batchSizes())
            .assuming(NetworkCase::finite).assuming(SecondOrderProperties::probabilitiesAwayFromTheirEnds);
    private static final int EXAMPLES = Examples.share(0.03);

    /** The network's loss claiming {@code claim} applied to its exact Hessian (built column by column). */
    private static HessianFunction claiming(NetworkCase c, UnaryOperator<double[][]> claim) {
        HessianVectorFunction f = MlpHessianVector.function(c.network(), c.batch());
        return new HessianFunction() {
            @Override
            public double value(double[] x) {
                return f.value(x);
            }

            @Override
            public double[] gradient(double[] x) {
                return f.gradient(x);
            }

            @Override
            public double[][] hessian(double[] x) {
                return claim.apply(Curvatures.matrix(f, x));
            }
        };
    }

    @Test
    void theRightHessianIsNeverFailedAndMostlyProven() {
        Exercised proven = new Exercised("full Hessians proven");
        qt().withExamples(EXAMPLES).forAll(CASES).checkAssert(c -> {
            proven.example();
            Mlp net = c.network();
            assertTrue(net.parameterCount() <= 60, c::toString);
            GradientReport r = GradientCheck.hessian(claiming(c, h -> h), net.parameters());
            assertTrue(r.diagnosis() == Diagnosis.CORRECT || r.diagnosis() == Diagnosis.INCONCLUSIVE,
                    () -> c + "\n" + r.summary());
            if (r.passed()) {
                proven.hit();
            }
        });
        proven.requireAtLeast(0.7);
    }

    /**
     * Entry (i, j) (drawn) moved by half of its column's largest entry, or of the matrix's when that is larger: never
     * passed, and a failure names exactly H[i][j] — every other entry is the exact Hessian's. A move below 1e-6 of the
     * gradient's largest entry plants nothing (a saturated network whose Hessian is rounding residue: the gradient
     * moves by less than its own rounding along any step the checker may take).
     */
    @Test
    void oneWrongEntryIsNeverPassedAndIsTheOneNamed() {
        Exercised planted = new Exercised("wrong entries moved resolvably");
        Exercised named = new Exercised("failed reports naming exactly the wrong entry");
        Gen<int[]> cells = integers().between(0, 59).zip(integers().between(0, 59), (i, j) -> new int[] {i, j});
        qt().withExamples(EXAMPLES).forAll(CASES, cells).checkAssert((c, cell) -> {
            planted.example();
            double[] theta = c.network().parameters();
            int i = cell[0] % theta.length;
            int j = cell[1] % theta.length;
            HessianVectorFunction f = MlpHessianVector.function(c.network(), c.batch());
            double[][] h = Curvatures.matrix(f, theta);
            double column = 0;
            double whole = 0;
            for (double[] row : h) {
                column = Math.max(column, Math.abs(row[j]));
                whole = Math.max(whole, java.util.Arrays.stream(row).map(Math::abs).max().orElse(0));
            }
            double move = 0.5 * Math.max(column, whole);
            double gradient = java.util.Arrays.stream(f.gradient(theta)).map(Math::abs).max().orElse(0);
            if (!(move > 1e-6 * gradient)) {
                return;
            }
            planted.hit();
            named.example();
            GradientReport r = GradientCheck.hessian(claiming(c, m -> {
                m[i][j] += move;
                return m;
            }), theta);
            assertNotEquals(Diagnosis.CORRECT, r.diagnosis(), () -> c + " H[" + i + "][" + j + "]\n" + r.summary());
            if (r.diagnosis() != Diagnosis.INCONCLUSIVE) {
                named.hit();
                assertEquals(List.of("H[" + i + "][" + j + "]"), r.failures().stream().map(EntryResult::label)
                        .toList(), () -> c + "\n" + r.summary());
            }
        });
        planted.requireAtLeast(0.5);
        named.requireAtLeast(0.8);
    }

    /**
     * The upper triangle (i &lt; j) from the Gauss–Newton matrix G, the rest the Hessian's: where G and H differ
     * resolvably off the diagonal, never passed; only upper entries fail; and the report names an asymmetric pair
     * "H[i][j] = … but H[j][i] = …".
     */
    @Test
    void anAsymmetricClaimIsNeverPassedAndItsPairNamed() {
        Exercised planted = new Exercised("claims whose upper triangle moved resolvably");
        Exercised reported = new Exercised("failed reports naming an asymmetric pair");
        qt().withExamples(EXAMPLES).forAll(CASES).checkAssert(c -> {
            planted.example();
            Mlp net = c.network();
            double[] theta = net.parameters();
            double[][] h = Curvatures.matrix(MlpHessianVector.function(net, c.batch()), theta);
            double[][] g = Curvatures.matrix(Curvatures.gaussNewtonPassedOffAsHessian(net, c.batch()), theta);
            double largest = 0;
            double moved = 0;
            for (int i = 0; i < h.length; i++) {
                for (int j = 0; j < h.length; j++) {
                    largest = Math.max(largest, Math.abs(h[i][j]));
                    moved = Math.max(moved, j > i ? Math.abs(h[i][j] - g[i][j]) : 0);
                }
            }
            if (!(moved > 1e-2 * largest)) {
                return; // one layer (G = H), or the terms G drops vanish off the diagonal
            }
            planted.hit();
            reported.example();
            GradientReport r = GradientCheck.hessian(claiming(c, m -> {
                for (int i = 0; i < m.length; i++) {
                    for (int j = i + 1; j < m.length; j++) {
                        m[i][j] = g[i][j];
                    }
                }
                return m;
            }), theta);
            assertNotEquals(Diagnosis.CORRECT, r.diagnosis(), () -> c + "\n" + r.summary());
            if (r.diagnosis() == Diagnosis.INCONCLUSIVE) {
                return;
            }
            reported.hit();
            for (EntryResult e : r.failures()) {
                assertTrue(e.index() < e.block(), () -> e.label() + " is not above the diagonal\n" + r.summary());
            }
            assertTrue(r.explanation().matches("(?s).*H\\[(\\d+)]\\[(\\d+)] = \\S+ but H\\[\\2]\\[\\1] = .*"),
                    () -> c + "\n" + r.summary());
        });
        planted.requireAtLeast(0.2);
        reported.requireAtLeast(0.8);
    }
}
