package org.gradproof.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Extrapolation} on quotient sequences built by hand at steps 1, ½, ¼, …: every value below is a short dyadic
 * fraction, so the extrapolations, spreads and bars are exact and can be compared with 0 tolerance.
 */
class ExtrapolationTest {

    private static double[] steps(int n) {
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            s[k] = Math.scalb(1.0, -k);
        }
        return s;
    }

    /** q(s) = D + α·s^p sampled at the steps. */
    private static double[] law(double d, double alpha, int order, int n) {
        double[] q = new double[n];
        for (int k = 0; k < n; k++) {
            q[k] = d + alpha * Math.pow(Math.scalb(1.0, -k), order);
        }
        return q;
    }

    @Test
    void anExactSecondOrderLawIsExtrapolatedToItsLimitWithOnlyTheNoiseAsBar() {
        double[] noise = {0.3, 0.03, 0.003, 0.0003, 0.00003, 0.000003};
        List<Extrapolation.Estimate> estimates = Extrapolation.of(law(1, 1, 2, 6), noise, steps(6), 2);
        // every estimate needs its own two quotients and two more differences: 6 quotients give 3
        assertEquals(3, estimates.size());
        for (int k = 0; k < 3; k++) {
            Extrapolation.Estimate e = estimates.get(k);
            double noiseBound = 2 * (4 * noise[k + 1] + noise[k]) / 3;
            assertEquals(1, e.value(), 0.0);
            assertEquals(Math.scalb(1.0, -k), e.step(), 0.0);
            assertEquals(noiseBound, e.noise(), 1e-18);
            assertEquals(noiseBound, e.error(), 1e-18);
        }
    }

    /**
     * q(s) = 1 + s + s², first order: E_k = 2·q_{k+1} − q_k = 1 − s_k²/2 (0.5, 0.875, 0.96875, 0.9921875), and the bar
     * is three times the larger of the next two extrapolation differences.
     */
    @Test
    void theBarIsThreeTimesTheSpreadOfTheNextExtrapolations() {
        double[] q = {3, 1.75, 1.3125, 1.140625, 1.06640625};
        List<Extrapolation.Estimate> estimates = Extrapolation.of(q, new double[5], steps(5), 1);
        assertEquals(2, estimates.size());
        assertEquals(0.5, estimates.get(0).value(), 0.0);
        assertEquals(3 * 0.375, estimates.get(0).error(), 0.0);
        assertEquals(0.875, estimates.get(1).value(), 0.0);
        assertEquals(3 * 0.09375, estimates.get(1).error(), 0.0);
        assertEquals(0, estimates.get(1).noise(), 0.0);
    }

    /** First order: each difference may shrink by as little as 2 / 1.5, i.e. keep 3/4 of itself, and no more. */
    @Test
    void differencesKeepingThreeQuartersAreTheLimitOfTheFirstOrderLaw() {
        double[] atTheLimit = {0, -1, -1.75, -2.3125};
        assertEquals(1, Extrapolation.of(atTheLimit, new double[4], steps(4), 1).size());
        double[] beyond = {0, -1, -1.75 - 0x1p-20, -2.3125 - 0x1p-20};
        assertTrue(Extrapolation.of(beyond, new double[4], steps(4), 1).isEmpty());
        double[] lastBeyond = {0, -1, -1.75, -2.3125 - 0x1p-20};
        assertTrue(Extrapolation.of(lastBeyond, new double[4], steps(4), 1).isEmpty());
    }

    /** Second order: 3/8. */
    @Test
    void differencesKeepingThreeEighthsAreTheLimitOfTheSecondOrderLaw() {
        double[] atTheLimit = {0, 1, 1.375, 1.515625};
        assertEquals(1, Extrapolation.of(atTheLimit, new double[4], steps(4), 2).size());
        double[] beyond = {0, 1, 1.375 + 0x1p-20, 1.515625 + 0x1p-20};
        assertTrue(Extrapolation.of(beyond, new double[4], steps(4), 2).isEmpty());
    }

    /** The quotient of a window across a kink moves like A − B/s: its differences double, and nothing is kept. */
    @Test
    void differencesThatGrowAreNotExtrapolated() {
        double[] q = {0, 1, 3, 7, 15, 31};
        assertTrue(Extrapolation.of(q, new double[6], steps(6), 1).isEmpty());
        assertTrue(Extrapolation.of(q, new double[6], steps(6), 2).isEmpty());
    }

    /**
     * Differences that do not shrink at all pass when the noise of the two later quotients explains them: |Δ| = 1 ≤
     * ¾·1 + ν₁ + ν₂ with ν = ⅛ each, and not with one ν a sixteenth.
     */
    @Test
    void theNoiseOfTheLaterQuotientsExcusesDifferencesThatDoNotShrink() {
        double[] q = {0, 1, 2, 3};
        List<Extrapolation.Estimate> excused = Extrapolation.of(q, new double[] {0, 0.125, 0.125, 0.125}, steps(4), 1);
        assertEquals(1, excused.size());
        // E = 2, 3, 4: spread 1; noise bound 2·(2·ν₁ + ν₀) = 0.5
        assertEquals(2, excused.get(0).value(), 0.0);
        assertEquals(0.5, excused.get(0).noise(), 0.0);
        assertEquals(3.5, excused.get(0).error(), 0.0);
        assertTrue(Extrapolation.of(q, new double[] {0, 0.125, 0.125, 0.0625}, steps(4), 1).isEmpty());
        assertTrue(Extrapolation.of(q, new double[] {0, 0.0625, 0.125, 0.125}, steps(4), 1).isEmpty());
    }

    @Test
    void aQuotientThatIsNotFiniteBreaksOnlyTheEstimatesThatUseIt() {
        double[] q = law(1, 1, 2, 7);
        q[5] = Double.NaN;
        List<Extrapolation.Estimate> estimates = Extrapolation.of(q, new double[7], steps(7), 2);
        assertEquals(List.of(1.0, 0.5), estimates.stream().map(Extrapolation.Estimate::step).toList());
        q[5] = Double.POSITIVE_INFINITY;
        assertEquals(2, Extrapolation.of(q, new double[7], steps(7), 2).size());
        // an infinite first quotient makes every later difference look small beside it: only the check of the
        // window's values keeps it out
        double[] first = law(1, 1, 2, 7);
        first[0] = Double.POSITIVE_INFINITY;
        assertEquals(List.of(0.5, 0.25, 0.125),
                Extrapolation.of(first, new double[7], steps(7), 2).stream().map(Extrapolation.Estimate::step).toList());
    }

    @Test
    void aStepMarkedBentBreaksOnlyTheEstimatesWhoseWindowsIncludeIt() {
        boolean[] bent = new boolean[7];
        bent[5] = true;
        List<Extrapolation.Estimate> estimates = Extrapolation.of(law(1, 1, 2, 7), new double[7], steps(7), 2, bent);
        assertEquals(List.of(1.0, 0.5), estimates.stream().map(Extrapolation.Estimate::step).toList());
        bent[5] = false;
        bent[0] = true;
        estimates = Extrapolation.of(law(1, 1, 2, 7), new double[7], steps(7), 2, bent);
        assertEquals(List.of(0.5, 0.25, 0.125), estimates.stream().map(Extrapolation.Estimate::step).toList());
    }

    @Test
    void theBestEstimateHasTheSmallestBarAndTheFirstOfEqualOnes() {
        Extrapolation.Estimate wide = new Extrapolation.Estimate(1, 0.5, 1, 0);
        Extrapolation.Estimate narrow = new Extrapolation.Estimate(2, 0.1, 0.5, 0);
        Extrapolation.Estimate asNarrow = new Extrapolation.Estimate(3, 0.1, 0.25, 0);
        assertSame(narrow, Extrapolation.best(List.of(wide, narrow, asNarrow)));
        assertSame(narrow, Extrapolation.best(List.of(narrow, wide)));
        assertNull(Extrapolation.best(List.of()));
    }
}
