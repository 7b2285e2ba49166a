package org.starttlslist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.failure.Printable;
import org.starttlslist.failure.RejectedException;
import picocli.CommandLine;

/** Wires picocli once: streams, the error handler and the exception-to-exit-code mapping. */
final class CommandLines {
    private CommandLines() {}

    /** Every command: for generated documentation and tests of the whole command tree. */
    static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(out, err, RootCommand.COMMANDS);
    }

    /**
     * Only what {@code args} runs (see {@link CommandChoice}): start-up is mostly building
     * picocli's model.
     */
    static CommandLine create(PrintWriter out, PrintWriter err, String... args) {
        return create(out, err, CommandChoice.forArgs(args));
    }

    /** The given commands only (from {@link CommandChoice#forArgs}). */
    static CommandLine create(PrintWriter out, PrintWriter err, java.util.List<Class<?>> commands) {
        RootCommand root = new RootCommand();
        CommandLine commandLine = new CommandLine(root);
        for (Class<?> command : commands) {
            commandLine.addSubcommand(command);
        }
        CommandHelp.apply(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(
                (exception, cmd, parseResult) ->
                        report(exception, cmd.getCommandName(), root.stacktrace, cmd.getErr()));
        return commandLine;
    }

    /**
     * What a command's failure prints and exits with: its stack trace only with {@code
     * --stacktrace}, then one line naming the command; the code follows from the exception's type.
     * Every command's failures come here, through picocli or not ({@link PlainSignLine}).
     */
    static int report(Exception exception, String command, boolean stacktrace, PrintWriter err) {
        if (stacktrace) {
            exception.printStackTrace(err);
        }
        err.println(command + ": " + describe(exception));
        err.flush();
        return exitCode(exception);
    }

    static int exitCode(Throwable exception) {
        if (exception instanceof RejectedException) {
            return ExitCodes.REJECTED;
        }
        if (exception instanceof UsageException) {
            return ExitCodes.USAGE;
        }
        if (exception instanceof CouldNotCompleteException
                || exception instanceof UncheckedIOException
                || exception instanceof IOException
                || exception instanceof OutOfMemoryError) {
            return ExitCodes.COULD_NOT_COMPLETE;
        }
        // Nothing declared this failure: it is a bug, not a state of the world.
        return ExitCodes.INTERNAL_ERROR;
    }

    /** One printable line for a failure; text from inputs is escaped (see {@link Printable}). */
    static String describe(Throwable exception) {
        return Printable.escape(describeRaw(exception));
    }

    private static String describeRaw(Throwable exception) {
        if (exception instanceof RejectedException
                || exception instanceof CouldNotCompleteException
                || exception instanceof UsageException) {
            return exception.getMessage();
        }
        if (exception instanceof UncheckedIOException unchecked) {
            return describeIo(unchecked.getCause());
        }
        if (exception instanceof IOException io) {
            return describeIo(io);
        }
        if (exception instanceof OutOfMemoryError) {
            // A state of the machine, not a bug: e.g. --max-list-bytes raised past what a heap
            // capped by STARTTLS_LIST_JAVA_OPTS (or a small machine's default) can hold.
            return "not enough memory to complete ("
                    + exception.getMessage()
                    + "); give Java more, e.g. STARTTLS_LIST_JAVA_OPTS=\"-XX:+UseSerialGC -Xmx1g\"";
        }
        return "internal error: " + exception + " (run again with --stacktrace and report it)";
    }

    private static String describeIo(IOException e) {
        return "I/O error: " + e.getMessage();
    }
}
