package org.gradproof.cli;

import org.gradproof.io.BiasPlacement;
import org.gradproof.io.GateLayout;
import org.gradproof.io.IoReasons;
import org.gradproof.io.WeightOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gradproof grad MODEL BATCH}: the reference gradients as a gradproof-gradients document. */
@Command(name = "grad", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Prints the reference gradients of MODEL on BATCH as JSON.",
        description = {"Runs the reference backprop (the loss and gradients gradproof considers right) and writes "
                + "them as JSON, in the model's layout unless --weights or --bias say otherwise. Compare them with "
                + "yours, or feed them to 'gradproof compare'.", "",
                "Exit code: 0 written, 2 bad input, 3 internal error."})
final class GradCommand implements Callable<Integer> {

    enum Weights { out_in, in_out }

    enum Bias { separate, first, last }

    enum Gates { separate, stacked }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A gradproof-model JSON document.")
    private Path modelFile;

    @Parameters(index = "1", paramLabel = "BATCH", description = "A gradproof-batch JSON document.")
    private Path batchFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE instead of stdout (replaced if it exists; never MODEL or BATCH, checked "
                    + "before any work).")
    private Path output;

    @Option(names = "--weights", paramLabel = "ORDER",
            description = "Store each W as out_in ([out][in], PyTorch) or in_out ([in][out], x*W code); "
                    + "default: as in the model document.")
    private Weights weights;

    @Option(names = "--bias", paramLabel = "WHERE",
            description = "Store each bias separate, or inside W as its first or last column ([out][in]) or row "
                    + "([in][out]); default: as in the model document.")
    private Bias bias;

    @Option(names = "--gates", paramLabel = "HOW",
            description = "LSTM models only: store each layer's gate gradients separate (lstm1.W_i, …) or stacked "
                    + "(lstm1.W = [W_i; W_f; W_g; W_o], PyTorch's weight_ih_l0); default: as in the model document.")
    private Gates gates;

    @Mixin
    private ReadLimitOptions readLimits;

    @Override
    public Integer call() {
        if (output != null) {
            OutputPaths.requireWritableFile(output, "-o", new OutputPaths.Input(modelFile, "the model document"),
                    new OutputPaths.Input(batchFile, "the batch document"));
        }
        ModelOnBatch problem = ModelOnBatch.load(modelFile, batchFile, readLimits.limits());
        String json = problem.gradientsJson(weights == null ? null : WeightOrder.byId(weights.name()),
                bias == null ? null : BiasPlacement.byId(bias.name()), gates == null ? null : GateLayout.byId(gates.name()));
        if (output == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        } else {
            try {
                Files.writeString(output, json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException(output + ": cannot write the gradients: " + IoReasons.describe(e));
            }
        }
        return ExitCodes.CORRECT;
    }
}
