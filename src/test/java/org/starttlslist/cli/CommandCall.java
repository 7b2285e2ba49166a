package org.starttlslist.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A command parsed exactly as {@code main} parses it, returned unrun: a test calls it and sees the
 * exception it throws (its type and facts), which {@link org.starttlslist.testing.CliRun} only
 * shows as an exit code and a line.
 */
final class CommandCall {
    private CommandCall() {}

    static Callable<?> parse(String... args) {
        StringWriter sink = new StringWriter();
        CommandLine.ParseResult parsed =
                CommandLines.create(new PrintWriter(sink), new PrintWriter(sink), args)
                        .parseArgs(args);
        CommandLine.ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        return (Callable<?>) command.commandSpec().userObject();
    }
}
