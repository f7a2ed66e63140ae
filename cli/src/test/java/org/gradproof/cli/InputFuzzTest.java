package org.gradproof.cli;

import org.gradproof.io.BatchDocument;
import org.gradproof.io.BiasPlacement;
import org.gradproof.io.GateLayout;
import org.gradproof.io.InterchangeModel;
import org.gradproof.io.Layout;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.ModelDocument;
import org.gradproof.io.WeightOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded fuzz of the command line's readers: valid interchange documents (the examples in docs/interchange.md, and the
 * same networks in other layouts), each broken in one place by {@link DocumentMutator}, must each give exit code 2 and
 * exactly one line on stderr that names the file and a JSON path, with nothing on stdout: never a pass (0), a verdict
 * (1), an internal error (3) or a stack trace, and no text of the JSON library. A mutated model or batch is run
 * through {@code grad}, a mutated gradients document through {@code compare}.
 *
 * <p>The seed and the count are printed; {@code -Dfuzz.seed=S -Dfuzz.cases=N} reproduce or widen a run, and
 * {@code -Dfuzz.show=N} prints the first N mutations with the line each gave, to read the messages.
 */
class InputFuzzTest {

    private static final String[] DOCUMENTS = {"model", "batch", "gradients"};
    private static final long DEFAULT_SEED = 20_260_409L;
    private static final int DEFAULT_CASES = 1_500;
    private static final List<String> LIBRARY_TEXT = List.of("Exception", "\tat ", "com.fasterxml", "jackson", "`",
            "Source:", "REDACTED", "(code ", "ejml", "java.");

    @TempDir
    Path dir;

    /** A model, a batch and gradients that belong together, all valid, as texts and as files. */
    private record Family(String name, String[] texts, Path[] files) {
    }

    @Test
    void everyBrokenDocumentIsOneLineNamingAJsonPathAndExitCodeTwo() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
        System.out.println("InputFuzzTest: seed " + seed + ", " + cases + " mutated documents (reproduce with "
                + "-Dfuzz.seed=" + seed + ", widen with -Dfuzz.cases=N)");
        List<Family> families = families();
        SplittableRandom random = new SplittableRandom(seed);
        DocumentMutator mutator = new DocumentMutator(random);
        Cli.Runner cli = new Cli.Runner();
        long start = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            Family f = families.get(random.nextInt(families.size()));
            int which = random.nextInt(3);
            DocumentMutator.Mutant mutant = mutator.mutate(f.texts()[which]);
            Path broken = Cli.write(dir, "broken-" + DOCUMENTS[which] + ".json", mutant.text());
            Path[] files = f.files().clone();
            files[which] = broken;
            Cli.Run run = which == 2 ? cli.run("compare", files[0], files[1], files[2])
                    : cli.run("grad", files[0], files[1]);
            Files.delete(broken); // rewriting a file in place costs a flush on ext4; a new one does not
            String problem = problem(run, broken);
            if (i < Integer.getInteger("fuzz.show", 0)) {
                System.out.print(mutant.description() + "\n    " + run.err());
            }
            if (problem != null) {
                fail("case " + i + " of seed " + seed + " (" + f.name() + ", the " + DOCUMENTS[which] + ": "
                        + mutant.description() + "): " + problem + "\n" + run + "\n--- the mutated document\n"
                        + (mutant.text().length() > 3000 ? mutant.text().substring(0, 3000) + "…" : mutant.text()));
            }
        }
        System.out.printf("InputFuzzTest: %d documents in %.1f s%n", cases, (System.nanoTime() - start) / 1e9);
    }

    /** What is wrong with the run's outcome, or null when it is one line naming the file and a path, exit 2. */
    private static String problem(Cli.Run run, Path broken) {
        if (run.exitCode() != ExitCodes.BAD_INPUT) {
            return "exit code " + run.exitCode() + ", expected 2";
        }
        if (!run.out().isEmpty()) {
            return "something on stdout";
        }
        String err = run.err();
        String newline = System.lineSeparator();
        if (!err.endsWith(newline) || err.indexOf('\n') != err.length() - 1) {
            return "not exactly one line on stderr";
        }
        String prefix = "gradproof: " + broken + ": $";
        if (!err.startsWith(prefix)) {
            return "the line does not start with '" + prefix + "' (the file, then a JSON path)";
        }
        for (String text : LIBRARY_TEXT) {
            if (err.contains(text)) {
                return "library text in the line: " + text;
            }
        }
        return null;
    }

    private List<Family> families() throws Exception {
        Map<String, String> ex = InterchangeDocTest.examples();
        ModelDocument dense = ModelDocument.parse(ex.get("model"), "model");
        String denseModel = dense.withLayout(new Layout(WeightOrder.IN_OUT, BiasPlacement.LAST)).toJson();
        String columns = BatchDocument.toJson(BatchDocument.parse(ex.get("batch"), "batch"), true);
        LstmModelDocument lstm = (LstmModelDocument) InterchangeModel.parse(ex.get("lstm-model"), "lstm");
        String lstmModel = lstm.withLayout(new Layout(WeightOrder.IN_OUT, BiasPlacement.FIRST), GateLayout.SEPARATE)
                .toJson();
        return List.of(
                family("dense example", ex.get("model"), ex.get("batch"), ex.get("gradients")),
                family("dense in_out, bias last, examples as columns", denseModel, columns,
                        gradients(denseModel, columns, "--weights", "out_in", "--bias", "first")),
                family("lstm example", ex.get("lstm-model"), ex.get("lstm-batch"), ex.get("lstm-gradients")),
                family("lstm gates separate, in_out, bias first", lstmModel, ex.get("lstm-batch"),
                        gradients(lstmModel, ex.get("lstm-batch"), "--gates", "stacked", "--bias", "last")));
    }

    private Family family(String name, String... texts) throws Exception {
        Path[] files = new Path[3];
        for (int d = 0; d < 3; d++) {
            files[d] = Cli.write(dir, name.replaceAll("\\W+", "-") + "-" + DOCUMENTS[d] + ".json", texts[d]);
        }
        return new Family(name, texts, files);
    }

    /** What {@code grad} prints for a valid model and batch, with options. */
    private String gradients(String model, String batch, String... options) throws Exception {
        Path m = Cli.write(dir, "family-model.json", model);
        Path b = Cli.write(dir, "family-batch.json", batch);
        Object[] args = new Object[3 + options.length];
        args[0] = "grad";
        args[1] = m;
        args[2] = b;
        System.arraycopy(options, 0, args, 3, options.length);
        Cli.Run run = Cli.run(args);
        assertEquals(0, run.exitCode(), run::toString);
        return run.out();
    }
}
