package org.gradproof.check;

import java.util.List;

/**
 * How well analytic a and numeric n agree over a set of entries: the least-squares k in a ≈ k · n (Σ a·n / Σ n²),
 * the cosine between them and their norms. Each side is divided by its own largest magnitude before the sums, so
 * neither gradients of 1e-180 (squares underflow to 0) nor an analytic side 1e155 times the numeric one (the products
 * would) lose the answer: with â = a / max|a| and n̂ = n / max|n|,
 * <pre>
 *   k = (Σ â·n̂ / Σ n̂²) · max|a| / max|n|        cos = Σ â·n̂ / √(Σ â² · Σ n̂²)
 * </pre>
 */
record Agreement(double fittedScale, double cosine, double analyticNorm, double numericNorm) {

    static Agreement of(List<EntryResult> entries) {
        double analyticScale = 0;
        double numericScale = 0;
        for (EntryResult e : entries) {
            analyticScale = Math.max(analyticScale, Math.abs(e.analytic()));
            numericScale = Math.max(numericScale, Math.abs(e.numeric()));
        }
        if (!Double.isFinite(analyticScale) || !Double.isFinite(numericScale)) {
            return new Agreement(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double an = 0;
        double aa = 0;
        double nn = 0;
        for (EntryResult e : entries) {
            double a = analyticScale == 0 ? 0 : e.analytic() / analyticScale;
            double n = numericScale == 0 ? 0 : e.numeric() / numericScale;
            an += a * n;
            aa += a * a;
            nn += n * n;
        }
        return new Agreement(nn == 0 ? Double.NaN : an / nn * (analyticScale / numericScale),
                aa == 0 || nn == 0 ? Double.NaN : an / Math.sqrt(aa * nn),
                analyticScale * Math.sqrt(aa), numericScale * Math.sqrt(nn));
    }
}
