package org.gradproof.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gradproof.check.GradientReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code gradproof check MODEL BATCH}: the reference backprop's gradients at those weights, checked exhaustively (for
 * an LSTM model, the gradients of its parameters).
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Checks the reference backprop of MODEL on BATCH.",
        description = {"Builds the network the model document describes, at its weights, runs the reference "
                + "backprop on the batch, and checks every gradient entry against finite differences (central "
                + "differences, Ridders' extrapolation, a measured noise floor). Prints the report.", "",
                "Exit code: 0 correct, 1 wrong, 2 bad input, 3 internal error, 4 inconclusive (the numbers cannot decide; "
                        + "the report says what would)."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A gradproof-model JSON document (docs/interchange.md).")
    private Path modelFile;

    @Parameters(index = "1", paramLabel = "BATCH", description = "A gradproof-batch JSON document.")
    private Path batchFile;

    @Option(names = "--json", description = "Print a gradproof-result JSON document instead of the text report.")
    private boolean json;

    @Mixin
    private CheckSettings settings;

    @Mixin
    private ReadLimitOptions readLimits;

    @Override
    public Integer call() {
        ModelOnBatch problem = ModelOnBatch.load(modelFile, batchFile, readLimits.limits());
        ProgressLine progress = settings.progressLine(spec.commandLine().getErr());
        GradientReport report = settings.check(problem.loss().reference(), settings.options(progress));
        progress.finish();
        if (json) {
            ObjectNode root = ResultJson.of("check", report);
            root.put("model", modelFile.toString());
            root.put("batch", batchFile.toString());
            spec.commandLine().getOut().println(ResultJson.text(root));
        } else {
            spec.commandLine().getOut().print(report.summary());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.of(report);
    }
}
