package org.gradproof.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The symmetry verdict of a full Hessian check. The Hessian of a twice-differentiable function is symmetric, so a
 * claimed pair can only both be right when
 * <pre>
 *   |H[i][j] − H[j][i]|  ≤  tol(i, j) + tol(j, i)
 * </pre>
 * with tol each entry's tolerance in the column check (its error bar plus relativeTolerance · its size): a pair further
 * apart has at least one side further than its tolerance from any symmetric value. When the gradient is right the
 * column check already fails that side, and this adds a note naming the pair. When it failed neither — the claim is
 * the derivative of a gradient whose own Jacobian is not symmetric, which is the gradient of no function — or could
 * not decide, the report becomes {@link Diagnosis#ASYMMETRIC}, naming the pairs. Pairs with an entry at a kink (where
 * one-sided second derivatives need not be symmetric) or without a finite tolerance are not compared.
 */
final class HessianSymmetry {

    private static final String NEITHER_SIDE_FAILS = "Both sides agree with the derivative of the gradient, so the "
            + "gradient itself is not symmetric in its derivatives: it is the gradient of no function. Check the "
            + "gradient first (GradientCheck.check); the claimed H is its Jacobian.";

    /** How many pairs a verdict names. */
    private static final int PAIRS_NAMED = 3;

    private HessianSymmetry() {
    }

    /** An asymmetric pair i &lt; j: the claims and the gap their tolerances allow. */
    record Pair(EntryResult upper, EntryResult lower, double allowed) {

        double gap() {
            return Math.abs(upper.analytic() - lower.analytic());
        }

        String text() {
            return String.format(Locale.ROOT, "%s = %.9g but %s = %.9g (apart by %.3g; their tolerances allow %.3g)",
                    upper.label(), upper.analytic(), lower.label(), lower.analytic(), gap(), allowed);
        }
    }

    /** The report of an n-variable Hessian check with its symmetry verdict. */
    static GradientReport judge(GradientReport report, int n) {
        Diagnosis d = report.diagnosis();
        if (d == Diagnosis.NON_DETERMINISTIC || d == Diagnosis.NON_FINITE) {
            return report;
        }
        List<Pair> pairs = asymmetricPairs(report.entries(), n);
        if (pairs.isEmpty()) {
            return report;
        }
        List<Pair> unexplained = pairs.stream()
                .filter(p -> !p.upper().verdict().fails() && !p.lower().verdict().fails()).toList();
        List<Pair> explained = pairs.stream().filter(p -> !unexplained.contains(p)).toList();
        DiagnosisFinder.Finding finding;
        if (d == Diagnosis.CORRECT || d == Diagnosis.INCONCLUSIVE) {
            List<String> columns = pairs.stream().flatMap(p -> java.util.stream.Stream.of(p.upper(), p.lower()))
                    .map(e -> report.blocks().get(e.block()).name()).distinct()
                    .sorted(Comparator.comparingInt(HessianSymmetry::column)).toList();
            finding = new DiagnosisFinder.Finding(Diagnosis.ASYMMETRIC, "the claimed Hessian is not symmetric, as "
                    + "the Hessian of a twice-differentiable function is: " + describe(pairs) + ". "
                    + (d == Diagnosis.CORRECT ? NEITHER_SIDE_FAILS
                    : "The column check could not decide which side is wrong: " + report.explanation()), columns);
        } else {
            String note = (explained.isEmpty() ? "" : " The claim is also not symmetric: " + describe(explained)
                    + "; the column check names the side that disagrees with the gradient.")
                    + (unexplained.isEmpty() ? "" : " The claim is not symmetric where the column check failed "
                    + "neither side: " + describe(unexplained) + ". " + NEITHER_SIDE_FAILS);
            finding = new DiagnosisFinder.Finding(d, report.explanation() + note, report.wrongBlocks());
        }
        return report.withFinding(finding);
    }

    /** Every pair i &lt; j whose claims lie further apart than their tolerances allow, the widest gap first. */
    static List<Pair> asymmetricPairs(List<EntryResult> entries, int n) {
        EntryResult[][] at = new EntryResult[n][n];
        for (EntryResult e : entries) {
            at[e.index()][e.block()] = e; // block j is column j, index i its row
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                EntryResult upper = at[i][j];
                EntryResult lower = at[j][i];
                if (upper == null || lower == null || upper.verdict() == EntryVerdict.KINK
                        || lower.verdict() == EntryVerdict.KINK) {
                    continue;
                }
                double allowed = upper.tolerance() + lower.tolerance();
                double gap = Math.abs(upper.analytic() - lower.analytic());
                if (Double.isFinite(allowed) && Double.isFinite(gap) && gap > allowed) {
                    pairs.add(new Pair(upper, lower, allowed));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::gap).reversed());
        return pairs;
    }

    private static String describe(List<Pair> pairs) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < Math.min(PAIRS_NAMED, pairs.size()); p++) {
            sb.append(p == 0 ? "" : "; ").append(pairs.get(p).text());
        }
        if (pairs.size() > PAIRS_NAMED) {
            sb.append(String.format(Locale.ROOT, "; and %d more pairs (%d in all, the widest gaps named)",
                    pairs.size() - PAIRS_NAMED, pairs.size()));
        }
        return sb.toString();
    }

    /** j of a block named H[·][j]. */
    private static int column(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf('[') + 1, name.length() - 1));
    }
}
