package io.reactls.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code reactls} command: {@code demo}, {@code server}, {@code client} and {@code bench}. */
@Command(name = "reactls", mixinStandardHelpOptions = true, version = "reactls 0.1.0-SNAPSHOT",
        description = "TLS 1.3 and TLS 1.2 for the JVM as Project Reactor operators: a demo, a test server and a client, and benchmarks.",
        subcommands = {DemoCommand.class, ServerCommand.class, ClientCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class ReactlsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ReactlsCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // A bad option is one line naming it, not the whole usage (--help has that).
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                    + " (see " + failed.getCommandSpec().qualifiedName() + " --help)");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        // A failure is one line naming the reason, not a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + Failures.describe(e));
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: demo, server, client or bench");
    }
}
