package io.reactls.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code reactls} command: {@code demo}, {@code server}, {@code client} and {@code bench}. */
@Command(name = "reactls", mixinStandardHelpOptions = true, version = "reactls 0.1.0-SNAPSHOT",
        description = "TLS 1.2 for the JVM as Project Reactor operators: a demo, a test server and a client.",
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
