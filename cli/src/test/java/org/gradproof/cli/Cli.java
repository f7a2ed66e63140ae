package org.gradproof.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the gradproof command line in-process and captures what it printed. */
final class Cli {

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(Object... args) {
        return new Runner().run(args);
    }

    /**
     * One command line for many runs: picocli resets every option to its initial value before each, and building
     * the command line costs more than a run that fails on its input, so a loop of thousands (the fuzz) shares one.
     */
    static final class Runner {

        private final CommandLine cl;

        Runner() {
            this(GradproofCommand.commandLine());
        }

        /** Runs this command line (gradproof's, with a test command added, say). */
        Runner(CommandLine cl) {
            this.cl = cl;
        }

        Run run(Object... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            String[] strings = new String[args.length];
            for (int i = 0; i < args.length; i++) {
                strings[i] = args[i].toString();
            }
            int code = cl.execute(strings);
            return new Run(code, out.toString(), err.toString());
        }
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
