package org.gradproof.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gradproof.check.GradientReport;
import org.gradproof.reproduce.Reproduction.Candidate;
import org.gradproof.io.GradientsDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code gradproof compare MODEL BATCH GRADIENTS}: are these someone's correct gradients? The checker runs with the
 * reference loss as the value and the supplied gradients as the gradient; when they are wrong, the catalogue bugs are
 * run on the same weights and batch to find the one that reproduces them.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Checks your GRADIENTS of MODEL on BATCH; names the bug if wrong.",
        description = {"For numpy/PyTorch users: dump your weights (MODEL), your batch (BATCH) and the gradients "
                + "your backprop computed (GRADIENTS) to JSON (python/gradproof_io.py does it), then ask whether "
                + "they are right. gradproof differentiates the model's loss numerically at your weights and "
                + "compares entry by entry; the report names the wrong blocks and entries (dense2.W[1,0] is unit 1, "
                + "input 0 of the second layer), the pattern (sign flip, a factor such as 2 or the batch size, a "
                + "zero block), and the catalogue bug that reproduces your numbers exactly, if one does.", "",
                "Exit code: 0 correct, 1 wrong, 2 bad input, 3 internal error, 4 inconclusive (the numbers cannot decide; "
                        + "the report says what would)."})
final class CompareCommand implements Callable<Integer> {

    /** How far apart, relatively, the supplied loss and the reference loss may be before a warning. */
    static final double LOSS_AGREEMENT = 1e-6;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A gradproof-model JSON document: your network and its weights.")
    private Path modelFile;

    @Parameters(index = "1", paramLabel = "BATCH", description = "A gradproof-batch JSON document: the examples.")
    private Path batchFile;

    @Parameters(index = "2", paramLabel = "GRADIENTS",
            description = "A gradproof-gradients JSON document: the gradients to check (NaN and Infinity allowed).")
    private Path gradientsFile;

    @Option(names = "--json", description = "Print a gradproof-result JSON document instead of the text report.")
    private boolean json;

    @Mixin
    private CheckSettings settings;

    @Mixin
    private ReadLimitOptions readLimits;

    @Override
    public Integer call() {
        ModelOnBatch problem = ModelOnBatch.load(modelFile, batchFile, readLimits.limits());
        GradientsDocument gradients = GradientsDocument.read(gradientsFile, readLimits.limits());
        double[][] claimed = problem.claimed(gradients);
        ProgressLine progress = settings.progressLine(spec.commandLine().getErr());
        GradientReport report = settings.check(problem.loss().claimed(claimed), settings.options(progress));
        progress.finish();
        List<String> warnings = new ArrayList<>();
        double reference = report.loss(); // the checker evaluated the model document's loss at these weights
        if (gradients.loss().isPresent()) {
            double supplied = gradients.loss().getAsDouble();
            if (!(Math.abs(supplied - reference) <= LOSS_AGREEMENT * Math.max(Math.abs(supplied), Math.abs(reference)))) {
                warnings.add(String.format(Locale.ROOT, "the gradients document says loss %.10g, the model document's "
                        + "loss (%s) at these weights is %.10g: the model document does not describe the network "
                        + "or loss that produced the gradients (a different loss, reduction or scale? another "
                        + "activation? weights dumped at another step?), so the comparison below may be beside the "
                        + "point", supplied, problem.document().lossText(), reference));
            }
        }
        ReproductionStep reproduction = report.passed() ? null : problem.reproduce(claimed);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ResultJson.text(json(report, gradients, reproduction, warnings)));
        } else {
            warnings.forEach(w -> out.println("warning: " + w));
            if (!warnings.isEmpty()) {
                out.println();
            }
            out.print(report.summary());
            String note = problem.layoutNote(gradients);
            if (!note.isEmpty()) {
                out.println();
                out.println(note);
            }
            if (reproduction != null) {
                out.println();
                out.println("diagnosis by reproduction: " + reproduction.line());
            }
        }
        out.flush();
        return ExitCodes.of(report);
    }

    private ObjectNode json(GradientReport report, GradientsDocument gradients, ReproductionStep reproduction,
                            List<String> warnings) {
        ObjectNode root = ResultJson.of("compare", report);
        root.put("model", modelFile.toString());
        root.put("batch", batchFile.toString());
        root.put("gradients", gradientsFile.toString());
        if (gradients.loss().isPresent()) {
            root.put("suppliedLoss", gradients.loss().getAsDouble());
        }
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        if (reproduction == null) {
            root.putNull("reproduction");
        } else {
            ObjectNode r = root.putObject("reproduction");
            r.put("explanation", reproduction.line());
            if (reproduction.match().isPresent()) {
                r.put("match", reproduction.match().get().bug().fixture());
                r.put("bug", reproduction.match().get().bug().name());
            } else {
                r.putNull("match");
            }
            if (reproduction.closestMiss().isPresent()) {
                r.put("closestMiss", reproduction.closestMiss().get().bug().fixture());
            } else {
                r.putNull("closestMiss");
            }
            r.put("withoutLossScale", reproduction.withoutScale());
            r.put("signFlipped", reproduction.signFlipped());
            ArrayNode c = r.putArray("candidates");
            for (Candidate candidate : reproduction.candidates()) {
                ObjectNode n = c.addObject();
                n.put("entry", candidate.bug().fixture());
                n.put("bug", candidate.bug().name());
                n.put("description", candidate.bug().description());
                n.put("relativeDifference", candidate.relativeDifference());
            }
        }
        return root;
    }
}
