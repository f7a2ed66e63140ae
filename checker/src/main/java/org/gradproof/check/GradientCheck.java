package org.gradproof.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks a claimed gradient against finite differences done properly, and says where and why it is wrong.
 *
 * <pre>{@code
 * GradientReport report = GradientCheck.check(f, x);            // any DifferentiableFunction
 * GradientReport report = GradientCheck.check(model.objective(batch), CheckOptions.defaults()); // named blocks
 * if (!report.passed()) System.out.println(report.summary());
 * }</pre>
 *
 * <p>The verdict is one of three: PASSED only when every entry agrees with a numerical derivative precise enough to
 * have told the claim from 0, its negative and its double (or is negligible) and every block's common scale is pinned
 * down; FAILED when a disagreement is resolved; INCONCLUSIVE otherwise, saying what would resolve it. Before anything
 * else value() and gradient() are each called twice at the same parameters (and value() again at the end): different
 * results make the report NON_DETERMINISTIC. The noise of the loss is measured, not assumed, along a few entries
 * ({@link NoiseProbe}) and again along every entry that needs a closer look ({@link EntryJudge}). The parameters are
 * restored bit-exactly after every evaluation, also when the function throws; a function that modifies its own
 * parameters is an error. A budget ({@link CheckOptions#maxEvaluations()}, {@link CheckOptions#maxDuration()}) or an
 * interrupt stops the check between entries with an honest partial report: a failure found stands, and otherwise the
 * verdict is INCONCLUSIVE with the entries not reached counted.
 *
 * <p>The same rules and the same report serve more checks: {@link #directional} (each block along random
 * directions first, entry by entry only where they cannot decide), {@link #hessianVector} (a claimed H·v, as the
 * gradient's derivative along v), {@link #hessian} (a claimed full Hessian of a few variables, column H·eⱼ by
 * column, entries H[i][j], and its symmetry), {@link #jacobian} (a claimed vector–Jacobian product entry by entry
 * as J[out i][j]), and {@link #layer} / {@link #layerJacobian} (a layer's backward pass, for its inputs and
 * parameters, along random upstream gradients or row by row).
 */
public final class GradientCheck {

    /** The largest relative tolerance an ill-conditioned loss can earn, see {@link #effectiveRelativeTolerance}. */
    static final double MAX_CONDITIONING_ALLOWANCE = 0.1;

    private GradientCheck() {
    }

    /** Checks {@code f.gradient(x)} at x with default options; x is left bit-identical. */
    public static GradientReport check(DifferentiableFunction f, double[] x) {
        return check(f, x, CheckOptions.defaults());
    }

    /** Checks {@code f.gradient(x)} at x; x is left bit-identical. */
    public static GradientReport check(DifferentiableFunction f, double[] x, CheckOptions options) {
        return check(new VectorFunction(f, x), options);
    }

    /** Checks a function of named parameter blocks with default options. */
    public static GradientReport check(BlockFunction f) {
        return check(f, CheckOptions.defaults());
    }

    /** Checks a function of named parameter blocks; the blocks are left bit-identical. */
    public static GradientReport check(BlockFunction f, CheckOptions options) {
        return run(f, options, false);
    }

    /** {@link #directional(BlockFunction, CheckOptions)} of {@code f.gradient(x)} at x with default options. */
    public static GradientReport directional(DifferentiableFunction f, double[] x) {
        return directional(new VectorFunction(f, x), CheckOptions.defaults());
    }

    /** {@link #directional(BlockFunction, CheckOptions)} with default options. */
    public static GradientReport directional(BlockFunction f) {
        return directional(f, CheckOptions.defaults());
    }

    /**
     * A directional check: each block's claimed derivative along {@value DirectionalScreen#DIRECTIONS} random
     * directions first ({@link DirectionalScreen}), entry by entry only where that cannot decide. A block whose
     * directions all agree, each precise enough that a wrong entry would have moved it beyond its error bar, is proven
     * without judging its entries (a wrong entry escapes all its directions with probability about 2·10⁻⁶); a
     * disagreement is localised to the wrong entries by group testing ({@link Localisation}), which are then judged
     * with every rule of {@link #check(BlockFunction, CheckOptions)}, so the report names them as the exhaustive check
     * would; a direction that cannot decide (noise, a kink crossed) has its whole block judged entry by entry. The
     * same report, the same trust rules (non-determinism, measured noise, kinks, inconclusive), a fraction of the
     * evaluations when blocks are large. The blocks are left bit-identical.
     */
    public static GradientReport directional(BlockFunction f, CheckOptions options) {
        return run(f, options, true);
    }

    /** {@link #hessianVector(HessianVectorFunction, double[], double[], CheckOptions)} with default options. */
    public static GradientReport hessianVector(HessianVectorFunction f, double[] x, double[] v) {
        return hessianVector(f, x, v, CheckOptions.defaults());
    }

    /**
     * Checks a claimed Hessian-vector product H(x)·v against the derivative of the gradient along v, entry by entry
     * and with every rule of a gradient check ({@link GradientAlongLine}): the report's block is "Hv", its entries
     * Hv[i] — or, when f declares its {@link HessianVectorFunction#blockShapes() blocks}, one block per parameter
     * block ({@code Hv[dense1.W]}, entries {@code Hv[dense1.W][2,1]}), so the report says which blocks of the product
     * are wrong. The gradient is taken as right — check it first. x and v are left bit-identical.
     */
    public static GradientReport hessianVector(HessianVectorFunction f, double[] x, double[] v, CheckOptions options) {
        return check(GradientAlongLine.product(f, x, v), options);
    }

    /** {@link #hessian(HessianFunction, double[], CheckOptions)} with default options. */
    public static GradientReport hessian(HessianFunction f, double[] x) {
        return hessian(f, x, CheckOptions.defaults());
    }

    /**
     * Checks a claimed full Hessian H(x) of a function of a few variables (n up to {@value
     * HessianColumns#MAX_VARIABLES}), column by column: column j, H·eⱼ, against the derivative of the gradient along
     * eⱼ with every rule of {@link #hessianVector} — block {@code H[·][j]}, entries {@code H[i][j]} = ∂gᵢ/∂xⱼ
     * ({@link HessianColumns}). Then symmetry ({@link HessianSymmetry}): a pair with |H[i][j] − H[j][i]| beyond the
     * two entries' tolerances together is named; when the column check failed neither side (the gradient's own
     * Jacobian is not symmetric) or could not decide, the report is {@link Diagnosis#ASYMMETRIC}. The gradient is
     * taken as right — check it first. Larger n is refused: check H·v along random v instead. x is left
     * bit-identical.
     *
     * @throws IllegalArgumentException if f or x is null, x is empty, not finite or longer than the limit, or
     *                                  {@code hessian(x)} is null, ragged or not n × n (naming both shapes)
     */
    public static GradientReport hessian(HessianFunction f, double[] x, CheckOptions options) {
        GradientAlongLine columns = HessianColumns.of(f, x);
        return HessianSymmetry.judge(check(columns, options), x.length);
    }

    /** {@link #jacobian(VectorValuedFunction, double[], CheckOptions)} with default options. */
    public static GradientReport jacobian(VectorValuedFunction f, double[] x) {
        return jacobian(f, x, CheckOptions.defaults());
    }

    /**
     * Checks a claimed Jacobian, given by its vector–Jacobian product, entry by entry: row i is
     * {@code vectorJacobian(x, eᵢ)}, judged against the derivatives of Fᵢ with every rule of a gradient check
     * ({@link JacobianRows}). The report's blocks are the rows {@code J[out i]}, its entries {@code J[out i][j]}. For
     * m · n up to a million; x is left bit-identical.
     */
    public static GradientReport jacobian(VectorValuedFunction f, double[] x, CheckOptions options) {
        return check(new JacobianRows(f, x), options);
    }

    /** {@link #layer(DifferentiableLayer, List, CheckOptions)} for a layer with one input, with default options. */
    public static GradientReport layer(DifferentiableLayer layer, ParameterBlock input) {
        return layer(layer, input == null ? null : List.of(input), CheckOptions.defaults());
    }

    /**
     * Checks a layer's backward pass — the gradient with respect to every input and parameter block — at the given
     * inputs, along {@value LayerProjections#PROJECTIONS} random upstream gradients u (seeded by
     * {@link CheckOptions#seed()}): each is the gradient of the scalar u·y, judged by every rule of a gradient check
     * ({@link LayerProjections}). Blocks are named {@code u1·x}, {@code u1·dense.W}, …; the inputs and the layer's
     * parameters are left bit-identical. For the full Jacobian of a function without parameters, entry by entry, see
     * {@link #jacobian}.
     */
    public static GradientReport layer(DifferentiableLayer layer, List<ParameterBlock> inputs, CheckOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return check(LayerProjections.random(layer, inputs, options.seed()), options);
    }

    /**
     * Checks a layer's whole Jacobian, entry by entry: row i is {@code backward(inputs, eᵢ)}, judged against the
     * derivatives of output i with every rule of a gradient check. Blocks are named {@code J[out i]·x},
     * {@code J[out i]·dense.W}, …, so a wrong entry reads {@code J[out 2]·dense.W[1,0]} (∂y₂/∂W₁₀), and each row's
     * blocks are diagnosed as a gradient's are (transposed, scaled, zeroed). For outputs × (inputs and parameters) up
     * to a million; the inputs and the layer's parameters are left bit-identical.
     */
    public static GradientReport layerJacobian(DifferentiableLayer layer, List<ParameterBlock> inputs,
                                               CheckOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return check(LayerProjections.unit(layer, inputs), options);
    }

    private static GradientReport run(BlockFunction f, CheckOptions options, boolean directional) {
        if (f == null) {
            throw new IllegalArgumentException("f must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        List<ParameterBlock> blocks = List.copyOf(f.blocks());
        requireFiniteParameters(blocks);
        double[][] snapshot = blocks.stream().map(b -> b.data().clone()).toArray(double[][]::new);
        Probe probe = new Probe(f, blocks);
        int[][] chosen = new int[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            chosen[b] = entriesToCheck(blocks.get(b).size(), b, options);
        }
        DirectionalScreen.Plan[] plans = new DirectionalScreen.Plan[blocks.size()];
        CheckBudget budget = null;
        String stopped = null;
        List<List<EntryResult>> entriesByBlock = new ArrayList<>();
        double f0 = Double.NaN;
        double relativeTolerance = options.relativeTolerance();
        List<Resolution> resolutions = new ArrayList<>();
        String nonDeterminism = null;
        boolean floatClaims = false;
        List<BlockScale> scales = null;
        try {
            f0 = probe.value();
            double[][] analytic = copyOfGradient(f, blocks);
            Repeatability.requireSameValue(f0, probe.value(), options, "twice in a row");
            Repeatability.requireSameGradient(analytic, copyOfGradient(f, blocks), blocks, options);
            if (Double.isFinite(f0)) {
                double reported = f.noiseScale();
                double noiseScale = Double.isFinite(reported) ? Math.abs(reported) : 0;
                relativeTolerance = effectiveRelativeTolerance(options, f0, noiseScale);
                double baseNoise = NoiseProbe.measure(probe, blocks, analytic, f0);
                double precision = probe.valuesAreFloats() ? 0x1p-24 : Math.ulp(1.0);
                // a float32 claim against a loss in double (a numpy or PyTorch backprop against the reference, as
                // `compare` judges it); a loss computed in float has bars of its own rounding that cover the claim's
                floatClaims = !probe.valuesAreFloats() && FloatClaims.inFloat32(analytic);
                if (floatClaims) {
                    relativeTolerance = Math.max(relativeTolerance, FloatClaims.TOLERANCE);
                }
                EntryJudge judge = new EntryJudge(options, f0, noiseScale, relativeTolerance, baseNoise, precision,
                        largestParameter(snapshot));
                double[] sizes = new double[blocks.size()];
                for (int b = 0; b < blocks.size(); b++) {
                    sizes[b] = gradientScale(analytic[b], f0, precision, options);
                }
                double wholeScale = Arrays.stream(sizes).max().orElse(0);
                for (int b = 0; b < blocks.size(); b++) {
                    resolutions.add(new Resolution(sizes[b], wholeScale, options.negligibleGradient()));
                }
                int[][] exhaustive = chosen.clone();
                if (directional) {
                    double noise = Math.max(baseNoise, options.noiseFactor() * precision * Math.abs(f0));
                    for (int b = 0; b < blocks.size(); b++) {
                        plans[b] = DirectionalScreen.plan(judge, probe, blocks.get(b), b, analytic[b],
                                resolutions.get(b), options, noise, chosen[b]);
                        chosen[b] = plans[b].entries();
                    }
                }
                probe.freezeMoves();
                budget = new CheckBudget(options, probe, Arrays.stream(chosen).mapToInt(c -> c.length).sum());
                ParallelEntries.Outcome judged = ParallelEntries.judge(judge, probe, f, blocks, chosen, analytic,
                        resolutions, budget, options.threads());
                stopped = judged.stopped();
                for (int b = 0; b < blocks.size(); b++) {
                    List<EntryResult> results = judged.byBlock().get(b);
                    if (plans[b] != null && plans[b].named() != null && stopped == null
                            && chosen[b].length < exhaustive[b].length && !plans[b].explainedBy(results)) {
                        // the disagreement is not all where the search led: every entry is judged
                        budget.moreEntries(exhaustive[b].length);
                        results.clear();
                        stopped = judgeEntries(judge, probe, blocks.get(b), b, exhaustive[b], analytic[b],
                                resolutions.get(b), budget, null, results);
                    }
                    entriesByBlock.add(results);
                }
                if (stopped == null && entriesByBlock.stream().flatMap(List::stream)
                        .noneMatch(e -> e.verdict().fails())) {
                    scales = blockScales(entriesByBlock, resolutions, options);
                    // every entry is checked: a budget spent here leaves a loose scale as loose, not entries unchecked
                    for (int b = 0; b < blocks.size() && budget.stopReason() == null; b++) {
                        scales.set(b, plans[b] != null && plans[b].proven()
                                ? BlockScale.alongDirection(plans[b].proof(), analytic[b], resolutions.get(b),
                                options.negligibleGradient() * wholeScale)
                                : ScaleAlongGradient.refine(scales.get(b), judge, probe, blocks.get(b), b,
                                entriesByBlock.get(b), resolutions.get(b), options.scaleResolution(),
                                relativeTolerance));
                    }
                }
                Repeatability.requireSameValue(f0, probe.value(), options, "before and after the check");
            }
        } catch (EntryJudge.NonDeterminism e) {
            nonDeterminism = e.getMessage();
            entriesByBlock.clear();
        } finally {
            String modified = restore(blocks, snapshot);
            if (modified != null) {
                throw new IllegalStateException("the function modified its own parameters: " + modified
                        + "; value() and gradient() must leave them unchanged (they have been restored)");
            }
        }
        while (entriesByBlock.size() < blocks.size()) {
            entriesByBlock.add(List.of());
        }
        if (scales == null || nonDeterminism != null) {
            scales = blockScales(entriesByBlock, resolutions, options);
        }
        List<BlockStatistics> statistics = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            statistics.add(statistics(blocks.get(b), entriesByBlock.get(b), scales.get(b)));
        }
        DiagnosisFinder.Finding finding = nonDeterminism != null
                ? DiagnosisFinder.nonDeterministic(nonDeterminism)
                : DiagnosisFinder.find(blocks, entriesByBlock, scales, f0, f.knownFactors(), relativeTolerance,
                options);
        int notChecked = nonDeterminism != null || budget == null ? 0
                : budget.entriesTotal() - budget.entriesChecked();
        if (stopped != null && nonDeterminism == null) {
            finding = DiagnosisFinder.stopped(finding, stopped, budget.entriesChecked(), budget.entriesTotal());
        }
        List<EntryResult> directions = nonDeterminism != null ? List.of() : Arrays.stream(plans)
                .filter(java.util.Objects::nonNull).flatMap(p -> p.directions().stream()).toList();
        if (directional && finding.diagnosis() == Diagnosis.CORRECT) {
            finding = DiagnosisFinder.provenAlongDirections(finding, plans);
        }
        List<EntryResult> all = entriesByBlock.stream().flatMap(List::stream).toList();
        List<String> hints = Hints.of(finding, blocks, f.knownFactors(), f.modelLayers());
        long evaluations = budget == null ? probe.evaluations() : budget.evaluations();
        return new GradientReport(f.description(), options, relativeTolerance, f0, evaluations, statistics,
                all, notChecked, floatClaims, finding, hints, directions);
    }

    /**
     * Judges the entries {@code indices} of block b into {@code results} until the budget stops the check; returns the
     * stop reason (the one already given, if any), or null.
     */
    private static String judgeEntries(EntryJudge judge, Probe probe, ParameterBlock block, int b, int[] indices,
                                       double[] analytic, Resolution resolution, CheckBudget budget, String stopped,
                                       List<EntryResult> results) {
        for (int k : indices) {
            stopped = stopped != null ? stopped : budget.stopReason();
            if (stopped != null) {
                return stopped;
            }
            results.add(judge.judge(probe, block, b, k, analytic[k], resolution));
            budget.entryChecked();
        }
        return stopped;
    }


    /** Each block's common scale as its entries pin it ({@link BlockScale#of}). */
    private static List<BlockScale> blockScales(List<List<EntryResult>> entriesByBlock, List<Resolution> resolutions,
                                                CheckOptions options) {
        List<BlockScale> scales = new ArrayList<>();
        double minor = options.negligibleGradient() * largestClaim(resolutions);
        for (int b = 0; b < entriesByBlock.size(); b++) {
            double negligible = b < resolutions.size() ? resolutions.get(b).negligible() : 0;
            scales.add(BlockScale.of(entriesByBlock.get(b), negligible, minor));
        }
        return scales;
    }

    /** max |θ| over every entry of every block. */
    private static double largestParameter(double[][] parameters) {
        double largest = 0;
        for (double[] block : parameters) {
            for (double v : block) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return largest;
    }

    private static double largestClaim(List<Resolution> resolutions) {
        return resolutions.stream().mapToDouble(Resolution::gradientScale).max().orElse(0);
    }

    /**
     * G, the size of a block's gradient that negligible entries are measured against: the block's largest finite
     * analytic entry, but at least the size whose negligible share moves f by no more than the rounding model's noise
     * (noiseFactor roundings) when its parameter moves by 1:
     * <pre>
     *   G = max(max |a|,  noiseFactor · precision · |f| / negligibleGradient)
     * </pre>
     * (|f| taken as 1 when f is exactly 0, where nothing else gives a scale; precision is ε, or 2⁻²⁴ for a loss
     * computed in float). A derivative below negligibleGradient · G hides in that noise at any step up to 1, wider
     * than the parameters of most networks: a network saturated everywhere (claims of 1e-50 next to a loss of 1) has
     * nothing a finite difference could see. Anything larger must be resolved or the check is inconclusive: a whole gradient of
     * 1.4e-13 on a loss of 0.25 is no rounding residue, and steps of 0.02 resolve its sign. Per block, so that a block
     * whose gradient is small next to another's — the first layer of a deep network — is still judged at its own
     * scale, and a block claimed to be all 0 (a cut path) is judged against the floor.
     */
    private static double gradientScale(double[] analytic, double f0, double precision, CheckOptions options) {
        double largest = 0;
        for (double a : analytic) {
            if (Double.isFinite(a)) {
                largest = Math.max(largest, Math.abs(a));
            }
        }
        double noise = options.noiseFactor() * precision * (f0 == 0 ? 1 : Math.abs(f0));
        return Math.max(largest, options.negligibleGradient() > 0 ? noise / options.negligibleGradient() : 0);
    }

    /**
     * The relative tolerance actually applied: options.relativeTolerance() plus noiseFactor · ε · S / |f|, at most
     * {@value #MAX_CONDITIONING_ALLOWANCE}. S / |f| (S the function's {@link BlockFunction#noiseScale()}) is the
     * loss's condition number: how far rounding of its intermediate quantities is amplified relative to the loss
     * itself. A gradient computed from the same rounded intermediates (a residual ŷ − y of outputs that nearly equal
     * their targets, a probability rounded near 1) carries a relative error of that order even when its formula is
     * right. For well-conditioned losses the allowance is about 1e-13 and changes nothing; the cap keeps sign flips,
     * factors of 2 and zeros detectable however ill-conditioned the loss.
     */
    static double effectiveRelativeTolerance(CheckOptions options, double f0, double noiseScale) {
        double conditioning = noiseScale == 0 ? 0 : noiseScale / Math.max(Math.abs(f0), Double.MIN_NORMAL);
        double allowance = Math.min(MAX_CONDITIONING_ALLOWANCE, options.noiseFactor() * Math.ulp(1.0) * conditioning);
        return options.relativeTolerance() + allowance;
    }

    private static void requireFiniteParameters(List<ParameterBlock> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("the function has no parameter blocks: nothing to check");
        }
        if (blocks.stream().allMatch(b -> b.size() == 0)) {
            throw new IllegalArgumentException("every parameter block is empty " + blocks
                    + ": nothing to check (a check of no entries proves nothing)");
        }
        for (ParameterBlock block : blocks) {
            double[] data = block.data();
            for (int k = 0; k < data.length; k++) {
                if (!Double.isFinite(data[k])) {
                    throw new IllegalArgumentException("parameter " + block.label(k) + " is " + data[k]
                            + " (block " + block.name() + ", shape " + block.shapeText()
                            + "): parameters must be finite to be checked");
                }
            }
        }
    }

    private static double[][] copyOfGradient(BlockFunction f, List<ParameterBlock> blocks) {
        double[][] gradient = f.gradient();
        if (gradient == null) {
            throw new IllegalArgumentException("gradient() returned null");
        }
        if (gradient.length != blocks.size()) {
            throw new IllegalArgumentException("gradient() returned " + gradient.length + " arrays but there are "
                    + blocks.size() + " parameter blocks " + blocks);
        }
        double[][] copy = new double[gradient.length][];
        for (int b = 0; b < gradient.length; b++) {
            ParameterBlock block = blocks.get(b);
            if (gradient[b] == null || gradient[b].length != block.size()) {
                throw new IllegalArgumentException("gradient of block " + block.name() + " has "
                        + (gradient[b] == null ? "no array" : gradient[b].length + " entries") + " but the block has "
                        + block.size() + " (shape " + block.shapeText() + ")");
            }
            copy[b] = gradient[b].clone();
        }
        return copy;
    }

    /** All entries, or a seeded sample of {@code maxEntriesPerBlock} of them in increasing order. */
    private static int[] entriesToCheck(int size, int block, CheckOptions options) {
        int[] all = new int[size];
        Arrays.setAll(all, i -> i);
        if (size <= options.maxEntriesPerBlock()) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + block);
        for (int i = 0; i < options.maxEntriesPerBlock(); i++) {
            int j = i + random.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] sample = Arrays.copyOf(all, options.maxEntriesPerBlock());
        Arrays.sort(sample);
        return sample;
    }

    /** Puts the snapshot back; returns a description of the first changed entry, or null if nothing changed. */
    private static String restore(List<ParameterBlock> blocks, double[][] snapshot) {
        String first = null;
        for (int b = 0; b < blocks.size(); b++) {
            double[] data = blocks.get(b).data();
            for (int k = 0; k < data.length; k++) {
                if (Double.doubleToRawLongBits(data[k]) != Double.doubleToRawLongBits(snapshot[b][k])) {
                    if (first == null) {
                        first = blocks.get(b).label(k) + " was " + snapshot[b][k] + ", became " + data[k];
                    }
                    data[k] = snapshot[b][k];
                }
            }
        }
        return first;
    }

    private static BlockStatistics statistics(ParameterBlock block, List<EntryResult> entries, BlockScale scale) {
        int wrong = 0;
        int kinks = 0;
        int unresolved = 0;
        double maxRelative = 0;
        for (EntryResult e : entries) {
            wrong += e.verdict().fails() ? 1 : 0;
            kinks += e.verdict() == EntryVerdict.KINK ? 1 : 0;
            unresolved += e.verdict() == EntryVerdict.UNRESOLVED ? 1 : 0;
            if (Math.max(Math.abs(e.analytic()), Math.abs(e.numeric())) > e.measurementError()) {
                maxRelative = Math.max(maxRelative, e.relativeError());
            }
        }
        Agreement agreement = Agreement.of(entries);
        return new BlockStatistics(block.name(), block.shapeText(), entries.size(), wrong, kinks, unresolved,
                maxRelative, agreement.fittedScale(), scale.negligible() ? 0 : scale.uncertainty(), agreement.cosine(),
                agreement.analyticNorm(), agreement.numericNorm());
    }
}
