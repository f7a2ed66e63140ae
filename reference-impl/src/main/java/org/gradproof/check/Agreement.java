package org.gradproof.check;

import java.util.List;

/**
 * How well analytic a and numeric n agree over a set of entries: the least-squares k in a ≈ k · n (Σ a·n / Σ n²),
 * the cosine between them and their norms. Sums are taken after dividing by the largest magnitude, so gradients of
 * 1e-180 do not underflow to 0 when squared.
 */
record Agreement(double fittedScale, double cosine, double analyticNorm, double numericNorm) {

    static Agreement of(List<EntryResult> entries) {
        double scale = 0;
        for (EntryResult e : entries) {
            scale = Math.max(scale, Math.max(Math.abs(e.analytic()), Math.abs(e.numeric())));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return new Agreement(Double.NaN, Double.NaN, scale == 0 ? 0 : Double.NaN, scale == 0 ? 0 : Double.NaN);
        }
        double an = 0;
        double aa = 0;
        double nn = 0;
        for (EntryResult e : entries) {
            double a = e.analytic() / scale;
            double n = e.numeric() / scale;
            an += a * n;
            aa += a * a;
            nn += n * n;
        }
        return new Agreement(nn == 0 ? Double.NaN : an / nn,
                aa == 0 || nn == 0 ? Double.NaN : an / Math.sqrt(aa * nn),
                scale * Math.sqrt(aa), scale * Math.sqrt(nn));
    }
}
