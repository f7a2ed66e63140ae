package org.gradproof.cli;

import org.gradproof.io.InterchangeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code gradproof} command: proves neural-network gradients right, and says where and why when they are not. */
@Command(name = "gradproof", mixinStandardHelpOptions = true, version = "gradproof 0.1.0",
        description = {"Proves neural-network gradients right and, when they are wrong, says where and why.", "",
                "numpy/PyTorch users: dump your weights, batch and gradients with python/gradproof_io.py, then run",
                "  gradproof compare model.json batch.json gradients.json",
                "(the formats are in docs/interchange.md).", ""},
        footer = {"", "Exit codes: 0 correct, 1 wrong gradients, 2 bad input, 3 internal error.",
                "'gradproof help COMMAND' or 'gradproof COMMAND --help' explains a command."},
        subcommands = {CatalogueCommand.class, CheckCommand.class, CompareCommand.class, GradCommand.class,
                CommandLine.HelpCommand.class})
public final class GradproofCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with gradproof's exit codes: a usage error or bad input is one line on stderr and exit code 2,
     * an unexpected exception is exit code 3 (set GRADPROOF_DEBUG=1 for its stack trace).
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GradproofCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("gradproof: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName()
                    + " --help')");
            c.getErr().flush();
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            if (ex instanceof BadInputException || ex instanceof InterchangeException) {
                err.println("gradproof: " + ex.getMessage());
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            err.println("gradproof: internal error: " + ex + " (a bug in gradproof; please report it with the "
                    + "command and files)");
            if (System.getenv("GRADPROOF_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
