package org.gradproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gradproof} command: proves neural-network gradients right, and says where and why when they are not. */
@Command(name = "gradproof", mixinStandardHelpOptions = true, version = "gradproof 0.1.0",
        description = {"Proves neural-network gradients right and, when they are wrong, says where and why.", ""},
        subcommands = {CatalogueCommand.class, CommandLine.HelpCommand.class})
public final class GradproofCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GradproofCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
