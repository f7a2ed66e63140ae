package org.gradproof.cli;

import org.gradproof.io.InterchangeException;
import org.gradproof.io.ReadLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code gradproof} command: proves neural-network gradients right, and says where and why when they are not. */
@Command(name = "gradproof", mixinStandardHelpOptions = true, version = "gradproof 0.1.0",
        description = {"Proves neural-network gradients right and, when they are wrong, says where and why.", "",
                "numpy/PyTorch users: dump your weights, batch and gradients with python/gradproof_io.py, then run",
                "  gradproof compare model.json batch.json gradients.json",
                "(the formats are in docs/interchange.md).", ""},
        footer = {"", "Documents: UTF-8 JSON of at most " + (ReadLimits.DEFAULT_MAX_FILE_BYTES >> 20) + " MiB; models: at "
                + "most " + ReadLimits.DEFAULT_MAX_PARAMETERS + " parameters.",
                "--max-file-size and --max-parameters raise these limits (docs/interchange.md).",
                "Exit codes: 0 correct, 1 wrong, 2 bad input, 3 internal error, 4 inconclusive",
                "(the numbers cannot decide: a noisy loss, kinks, or a loss that changes between calls).",
                "'gradproof help COMMAND' or 'gradproof COMMAND --help' explains a command."},
        subcommands = {CatalogueCommand.class, CheckCommand.class, CompareCommand.class, GradCommand.class,
                CommandLine.HelpCommand.class})
public final class GradproofCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line; whatever happens, one line on stderr at most and one of the exit codes. */
    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable e) { // the handlers below failed too: still one line, never a stack trace
            FailureLine.print(new PrintWriter(System.err, true), FailureLine.internal(e), e);
            code = ExitCodes.INTERNAL_ERROR;
        }
        System.exit(code);
    }

    /**
     * The command line with gradproof's exit codes: a usage error or bad input is one line on stderr and exit code 2;
     * anything unexpected, an {@link Error} such as OutOfMemoryError or StackOverflowError included, is one line and
     * exit code 3 (set GRADPROOF_DEBUG=1 for its stack trace).
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GradproofCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(FailureLine.badInput(ex) + " (see '" + c.getCommandSpec().qualifiedName()
                    + " --help')");
            c.getErr().flush();
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> failed(c.getErr(), ex));
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return runLast.execute(parseResult);
            } catch (Error e) { // picocli hands only Exceptions to the handler above
                return failed(cl.getErr(), e);
            }
        });
        return cl;
    }

    private static int failed(PrintWriter err, Throwable e) {
        if (e instanceof BadInputException || e instanceof InterchangeException) {
            FailureLine.print(err, FailureLine.badInput(e), e);
            return ExitCodes.BAD_INPUT;
        }
        FailureLine.print(err, FailureLine.internal(e), e);
        return ExitCodes.INTERNAL_ERROR;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
