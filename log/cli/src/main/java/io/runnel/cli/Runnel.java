package io.runnel.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code runnel} command: the entry point of the runnable jar. */
@Command(
        name = "runnel",
        mixinStandardHelpOptions = true,
        versionProvider = RunnelVersion.class,
        description = "Runnel: a Kafka-compatible log and stream processor.",
        subcommands = {
            BrokerCommand.class,
            TopicsCommand.class,
            GroupsCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Runnel implements Runnable {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli
    CommandLine.Model.CommandSpec spec;

    private Runnel() {}

    public static void main(String[] args) {
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in);
        System.exit(code);
    }

    /**
     * Runs one command line with the given streams (tests pass their own).
     *
     * @return the exit code: 0 success, 1 failure at run time, 2 a bad argument or configuration (including one the
     *     broker refuses as invalid)
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err, InputStream in) {
        CommandLine commandLine = new CommandLine(new Runnel(), new StreamFactory(in))
                .setOut(out)
                .setErr(err)
                // Plain text only: no escape codes in help or errors, whatever the terminal.
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .setParameterExceptionHandler(Runnel::badArgument)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("runnel: " + Failures.describe(e));
                    if (Failures.isBadConfiguration(e)) {
                        cmd.getErr().println(hint(cmd));
                        return CommandLine.ExitCode.USAGE;
                    }
                    return 1;
                });
        return commandLine.execute(args);
    }

    private static int badArgument(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("runnel: " + e.getMessage());
        err.println(hint(cmd));
        return CommandLine.ExitCode.USAGE;
    }

    private static String hint(CommandLine cmd) {
        return "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.";
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Hands the standard input to the commands that read it. */
    private record StreamFactory(InputStream in) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ProduceCommand.class) {
                return type.cast(new ProduceCommand(in));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
