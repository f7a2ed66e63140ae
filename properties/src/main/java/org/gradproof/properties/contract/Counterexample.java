package org.gradproof.properties.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A failing case written to disk as interchange JSON ({@code docs/interchange.md}), and how to load it again.
 *
 * @param directory where the files are
 * @param files     their names: model.json, batch.json and, when your code computed them, yours.json
 * @param javaCall  one line of Java that rebuilds the case and checks it again
 * @param commands  command lines of the {@code gradproof} command that read the files, each with what it tells
 */
record Counterexample(Path directory, List<String> files, String javaCall, List<String> commands) {

    static final String MODEL = "model.json";
    static final String BATCH = "batch.json";
    static final String YOURS = "yours.json";

    Counterexample {
        files = List.copyOf(files);
        commands = List.copyOf(commands);
    }

    /**
     * Writes the documents into {@code directory}.
     *
     * @param yours       your gradients document, or null when your code could not give them
     * @param caseClass   the case class whose {@code fromJson} rebuilds it, e.g. {@code ContractCase}
     * @param kit         the kit's class name, e.g. {@code GradientContract}
     * @param sameLoss    whether your loss was required to equal the reference's: only then does {@code compare}
     *                    (which differentiates the reference's loss) judge your gradients
     */
    static Counterexample write(Path directory, String model, String batch, String yours, String caseClass,
                                String kit, boolean sameLoss) throws IOException {
        List<String> files = new ArrayList<>(List.of(MODEL, BATCH));
        Files.writeString(directory.resolve(MODEL), model, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(BATCH), batch, StandardCharsets.UTF_8);
        if (yours != null) {
            Files.writeString(directory.resolve(YOURS), yours, StandardCharsets.UTF_8);
            files.add(YOURS);
        }
        String call = "contract.check(" + caseClass + ".fromJson(Path.of(" + javaString(directory.resolve(MODEL))
                + "), Path.of(" + javaString(directory.resolve(BATCH)) + ")));   // contract: this " + kit;
        List<String> commands = new ArrayList<>();
        commands.add("with the gradproof command (./gradproof in a gradproof checkout), in that directory:");
        commands.add("gradproof check model.json batch.json      # the reference backprop on this case, checked");
        commands.add("gradproof grad model.json batch.json       # the right gradients, to set beside yours");
        if (yours != null && sameLoss) {
            commands.add("gradproof compare model.json batch.json yours.json   # your gradients judged: the wrong "
                    + "blocks and entries, and the known bug that reproduces them");
        }
        return new Counterexample(directory, files, call, commands);
    }

    private static String javaString(Path path) {
        return '"' + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
