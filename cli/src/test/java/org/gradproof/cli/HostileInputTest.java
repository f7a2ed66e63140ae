package org.gradproof.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hand-made hostile cases of issue 9 (item 7), each as it was reported: a billion units, inputs or cells;
 * {@code /dev/zero} as a model; sizes the data does not have; sizes past an int; a model and a batch read once;
 * {@code catalogue -o} onto a file; {@code grad -o} onto its own input; an Error inside a command; and I/O failures
 * in plain words. Every one is one line on stderr, exit code 2 (3 for an Error), within seconds.
 */
class HostileInputTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Map<String, String> ex;
    private Path model;
    private Path batch;

    @BeforeEach
    void writeExamples() throws Exception {
        ex = InterchangeDocTest.examples();
        model = Cli.write(dir, "model.json", ex.get("model"));
        batch = Cli.write(dir, "batch.json", ex.get("batch"));
    }

    /** Runs the command, which must end within seconds with exit code 2 and exactly this line on stderr. */
    private static void assertRefused(String line, Object... args) {
        Cli.Run run = assertTimeoutPreemptively(SOON, () -> Cli.run(args));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(line + System.lineSeparator(), run.err(), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    private Path modelWith(String name, String from, String to) throws IOException {
        String text = ex.get("model");
        assertTrue(text.contains(from), from);
        return Cli.write(dir, name, text.replace(from, to));
    }

    @Test
    void aBillionUnitsInputsOrCellsIsOneLineAndExitTwoNotOutOfMemory() throws Exception {
        Path units = modelWith("units.json", "\"units\": 2,", "\"units\": 1000000000,");
        assertRefused("gradproof: " + units + ": $.layers[0].units: the model up to dense1 (1000000000 units on 2 "
                + "inputs): 3000000000 parameters, over the limit of 10000000 parameters per model", "check", units, batch);
        Path inputs = modelWith("inputs.json", "\"inputs\": 2,", "\"inputs\": 1000000000,");
        assertRefused("gradproof: " + inputs + ": $.layers[0].units: the model up to dense1 (2 units on 1000000000 "
                + "inputs): 2000000002 parameters, over the limit of 10000000 parameters per model", "grad", inputs, batch);
        Path cells = Cli.write(dir, "cells.json", ex.get("lstm-model").replace("\"cells\": 2", "\"cells\": 1000000000"));
        Path sequences = Cli.write(dir, "sequences.json", ex.get("lstm-batch"));
        assertRefused("gradproof: " + cells + ": $.layers[0].cells: the model up to lstm1 (1000000000 cells on 2 "
                + "inputs): 4000000012000000000 parameters, over the limit of 10000000 parameters per model", "check",
                cells, sequences);
    }

    @Test
    void devZeroAsTheModelIsRefusedAtItsFirstByte() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertRefused("gradproof: /dev/zero: a zero byte at line 1, column 1 (byte 0): not JSON text but binary data, "
                + "or UTF-16 or UTF-32 text (gradproof reads UTF-8)", "check", "/dev/zero", batch);
    }

    @Test
    void sizesTheDataDoesNotHaveAreRefusedBeforeAllocating() throws Exception {
        Path big = modelWith("big.json", "\"inputs\": 2,", "\"inputs\": 20000,").toAbsolutePath();
        Files.writeString(big, Files.readString(big).replaceFirst("\"units\": 2,", "\"units\": 20000,"));
        assertRefused("gradproof: " + big + ": $.layers[0].units: the model up to dense1 (20000 units on 20000 inputs): "
                + "400020000 parameters, over the limit of 10000000 parameters per model", "check", big, batch);
        long before = usedHeap();
        assertRefused("gradproof: " + big + ": $.layers[0].weights: expected 20000 rows (the 20000x20000 dense1.W as "
                + "[out][in]), got 2", "check", "--max-parameters", "500000000", big, batch);
        assertTrue(usedHeap() - before < 400L << 20, "no 3.2 GB allocated for a 20000x20000 W: "
                + ((usedHeap() - before) >> 20) + " MiB");
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void sizesPastAnIntNameTheLayerNotTheLoss() throws Exception {
        Path big = modelWith("huge.json", "\"inputs\": 2,", "\"inputs\": 100000,");
        Files.writeString(big, Files.readString(big).replaceFirst("\"units\": 2,", "\"units\": 100000,"));
        assertRefused("gradproof: " + big + ": $.layers[0].units: the model up to dense1 (100000 units on 100000 "
                + "inputs): 10000100000 parameters, over the limit of 10000000 parameters per model", "grad", big, batch);
    }

    @Test
    void theModelAndTheBatchAreEachReadOnceFromPipes() throws Exception {
        Path modelPipe = fifo("model.pipe");
        Path batchPipe = fifo("batch.pipe");
        Thread m = feed(modelPipe, ex.get("model").getBytes(StandardCharsets.UTF_8), 1);
        Thread b = feed(batchPipe, ex.get("batch").getBytes(StandardCharsets.UTF_8), 1);
        Cli.Run run = assertTimeoutPreemptively(SOON, () -> Cli.run("grad", modelPipe, batchPipe));
        m.join();
        b.join();
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(ex.get("gradients"), run.out(), "a pipe can be read once: a second read would find it empty");
    }

    @Test
    void anEndlessPipeIsCutAtTheSizeLimit() throws Exception {
        Path endless = fifo("endless.pipe");
        Thread spaces = feed(endless, " ".repeat(1 << 16).getBytes(StandardCharsets.UTF_8), 40);
        assertRefused("gradproof: " + endless + ": more than 1048576 bytes, over the 1 MiB limit for a document",
                "check", "--max-file-size", "1", endless, batch);
        spaces.join();
    }

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        try {
            assumeTrue(new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0, "mkfifo failed");
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
        }
        return p;
    }

    /** Writes {@code times} copies of {@code bytes} into a pipe, and stops quietly when the reader closes it. */
    private static Thread feed(Path pipe, byte[] bytes, int times) {
        Thread t = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(pipe)) {
                for (int i = 0; i < times; i++) {
                    out.write(bytes);
                }
            } catch (IOException closedByTheReader) {
                // the reader stopped at the limit
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        Path big = Cli.write(dir, "big-batch.json", " ".repeat((1 << 20) + 1) + ex.get("batch"));
        assertRefused("gradproof: " + big + ": " + Files.size(big) + " bytes, over the 1 MiB limit for a document",
                "grad", "--max-file-size", "1", model, big);
        assertRefused("gradproof: --max-file-size must be 1 to 8796093022207 (MiB), got 0", "grad", "--max-file-size",
                "0", model, batch);
        assertRefused("gradproof: --max-parameters must be 1 to 2147483639, got 0", "grad", "--max-parameters", "0",
                model, batch);
    }

    @Test
    void catalogueRefusesAFileForItsFolderBeforeRunningAFixture() throws Exception {
        Path file = Cli.write(dir, "existing-file", "keep me");
        assertRefused("gradproof: " + file + ": exists and is not a directory; -o names the folder for the report "
                + "(created if missing)", "catalogue", "--no-xor", "-o", file);
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void gradNeverOverwritesItsOwnInputs() throws Exception {
        assertRefused("gradproof: " + model + ": -o would overwrite the model document (" + model + ") it reads; write "
                + "to another file", "grad", model, batch, "-o", model);
        Path link = dir.resolve("link.json");
        Files.createSymbolicLink(link, batch);
        assertRefused("gradproof: " + link + ": -o would overwrite the batch document (" + batch + ") it reads; write "
                + "to another file", "grad", model, batch, "-o", link);
        Path hard = Files.createLink(dir.resolve("hard.json"), model);
        assertRefused("gradproof: " + hard + ": -o would overwrite the model document (" + model + ") it reads; write "
                + "to another file", "grad", model, batch, "-o", hard);
        assertEquals(ex.get("model"), Files.readString(model));
        assertEquals(ex.get("batch"), Files.readString(batch));
    }

    @Test
    void gradChecksWhereItWritesBeforeWorking() throws Exception {
        assertRefused("gradproof: " + dir + ": is a directory; -o names the file to write", "grad", model, batch,
                "-o", dir);
        Path nowhere = dir.resolve("missing").resolve("g.json");
        assertRefused("gradproof: " + nowhere + ": cannot write there (-o): the folder " + nowhere.getParent()
                + " does not exist", "grad", model, batch, "-o", nowhere);
        Path loop = dir.resolve("loop.json");
        Files.createSymbolicLink(loop, loop);
        assertRefused("gradproof: " + loop + ": cannot write there (-o): a symbolic-link loop", "grad", model, batch,
                "-o", loop);
        Path sys = Path.of("/sys"); // read-only, even for root
        assumeTrue(Files.isDirectory(sys), "no /sys here");
        assertRefused("gradproof: /sys/g.json: cannot write there (-o): the folder /sys is not writable (permission "
                + "denied)", "grad", model, batch, "-o", "/sys/g.json");
    }

    @Test
    void ioFailuresAreSaidInPlainWords() throws Exception {
        assertRefused("gradproof: " + dir + ": is a directory, expected a gradproof-model document", "check", dir, batch);
        Path a = dir.resolve("a.json");
        Files.createSymbolicLink(a, dir.resolve("b.json"));
        Files.createSymbolicLink(dir.resolve("b.json"), a);
        assertRefused("gradproof: " + a + ": a symbolic-link loop (expected a gradproof-model document)", "check", a,
                batch);
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, ex.get("model").replace("\"tanh\"", "\"tanh\u00e9\"").getBytes(StandardCharsets.ISO_8859_1));
        assertRefused("gradproof: " + latin1 + ": not UTF-8 text (invalid byte 0xE9 at line 10, column 26, byte 205)",
                "check", latin1, batch);
        Path utf16 = dir.resolve("utf16.json");
        Files.write(utf16, ("\uFEFF" + ex.get("model")).getBytes(StandardCharsets.UTF_16LE));
        assertRefused("gradproof: " + utf16 + ": starts with a UTF-16 byte-order mark (FF FE, little-endian): gradproof "
                + "reads UTF-8 text; save the file as UTF-8", "check", utf16, batch);
        Path proc = Path.of("/proc/sys/vm/compact_memory"); // write-only, even for root
        assumeTrue(Files.exists(proc) && !Files.isReadable(proc), "no write-only file here");
        assertRefused("gradproof: " + proc + ": cannot open the file: permission denied", "check", proc, batch);
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        Path bom = Cli.write(dir, "bom.json", "\uFEFF" + ex.get("model"));
        Cli.Run run = Cli.run("grad", bom, batch);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(ex.get("gradients"), run.out());
    }

    @Test
    void aLineBreakInAFileNameOrAStringStaysOnOneLine() throws Exception {
        Path odd = Cli.write(dir, "two\nlines.json", ex.get("model").replace("\"tanh\"", "\"tan\\nh\""));
        Cli.Run run = Cli.run("check", odd, batch);
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.err().split("\n", -1).length - 1, run::toString);
        assertTrue(run.err().startsWith("gradproof: " + dir + "/two\\nlines.json: $.layers[0].activation: unknown "
                + "activation 'tan\\nh'"), run::toString);
    }

    @Test
    void theLimitsAreStatedInTheHelp() {
        String top = Cli.run("--help").out().replace(System.lineSeparator(), " ").replaceAll(" +", " ");
        assertTrue(top.contains("Documents: UTF-8 JSON of at most 256 MiB; models: at most 10000000 parameters. "
                + "--max-file-size and --max-parameters raise these limits (docs/interchange.md)."), top);
        for (String command : new String[] {"check", "grad", "compare"}) {
            String help = Cli.run(command, "--help").out().replace(System.lineSeparator(), " ").replaceAll(" +", " ");
            assertTrue(help.contains("--max-file-size=MiB Refuse a document file of more than MiB mebibytes (default: "
                    + "256)."), help);
            assertTrue(help.contains("--max-parameters=N Refuse a model declaring more than N weights and biases in "
                    + "all, before allocating them (default: 10000000)."), help);
        }
        String catalogue = Cli.run("catalogue", "--help").out().replace(System.lineSeparator(), " ")
                .replaceAll(" +", " ");
        assertTrue(catalogue.contains("A path that exists and is not a directory is refused before any fixture runs."),
                catalogue);
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        static Throwable next;

        @Override
        public Integer call() throws Exception {
            Throwable t = next;
            if (t instanceof Error e) {
                throw e;
            }
            throw (Exception) t;
        }
    }

    private static Cli.Run boom(Throwable t) {
        Boom.next = t;
        CommandLine cl = GradproofCommand.commandLine();
        cl.addSubcommand("boom", new Boom());
        return new Cli.Runner(cl).run("boom");
    }

    @Test
    void everyErrorIsOneLineAndExitThreeWithoutAStackTrace() {
        assumeTrue(System.getenv("GRADPROOF_DEBUG") == null, "GRADPROOF_DEBUG asks for stack traces");
        Cli.Run oom = boom(new OutOfMemoryError("Java heap space"));
        assertEquals(3, oom.exitCode(), oom::toString);
        assertEquals("gradproof: out of memory: Java may use at most " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB here, and the model and batch need more; give it more (e.g. JAVA_TOOL_OPTIONS=-Xmx8g) or use "
                + "a smaller batch or model" + System.lineSeparator(), oom.err());
        Cli.Run overflow = boom(new StackOverflowError());
        assertEquals(3, overflow.exitCode(), overflow::toString);
        assertEquals("gradproof: internal error: the stack overflowed (a bug in gradproof; please report it with the "
                + "command and files; GRADPROOF_DEBUG=1 shows where it happened)" + System.lineSeparator(),
                overflow.err());
        Cli.Run bug = boom(new IllegalStateException("two\nlines"));
        assertEquals(3, bug.exitCode(), bug::toString);
        assertEquals("gradproof: internal error: IllegalStateException: two\\nlines (a bug in gradproof; please report "
                + "it with the command and files; GRADPROOF_DEBUG=1 shows where it happened)" + System.lineSeparator(),
                bug.err());
        for (Cli.Run run : new Cli.Run[] {oom, overflow, bug}) {
            assertFalse(run.err().contains("\tat "), run::toString);
            assertEquals("", run.out());
        }
    }
}
