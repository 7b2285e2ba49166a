package org.starttlslist.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse: one line saying what is wrong (with picocli's "did you mean"
 * for a mistyped option), then where to read the options, instead of the whole usage text burying
 * the message. Exit 2.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
        UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("See 'starttls-list help" + subcommandPath(command) + "' for the options.");
        err.flush();
        if (command.getCommand() instanceof JsonOutput.Formatted
                && OutputFormatOption.requested(args)) {
            // The option may not be set yet (parsing stopped), so the words decide.
            JsonOutput.print(
                    command.getOut(),
                    JsonOutput.errorDocument(
                            command.getCommandName(),
                            ExitCodes.USAGE,
                            org.starttlslist.failure.Printable.escape(exception.getMessage()),
                            java.util.Optional.empty()));
        }
        return ExitCodes.USAGE;
    }

    private static String subcommandPath(CommandLine command) {
        String qualified = command.getCommandSpec().qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? "" : qualified.substring(space);
    }
}
