package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.json.Json;
import org.starttlslist.model.ListTimes;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code --format json} documents of {@code status}, {@code verify} and {@code mirror}, as
 * {@code schema/<command>-output.schema.json} describes them. Every document names its schema, its
 * command and its exit code (the same as the text form's); a failure is a document with an {@code
 * error} member. Instants are RFC 3339 UTC with {@code Z}; absent values are left out rather than
 * written as null.
 */
final class JsonOutput {
    /** Marks a command whose output (errors included) follows {@code --format json}. */
    interface Formatted {
        boolean json();

        /** The file or directory the command works on, named in an error document. */
        Optional<Path> subject();
    }

    private static final String SCHEMA_BASE = "https://starttls-list.org/schema/";

    private JsonOutput() {}

    static String schemaId(String command) {
        return SCHEMA_BASE + command + "-output.schema.json";
    }

    /** A document's fixed head; {@code exit-code} may be set again once it is known. */
    static ObjectNode document(String command, int exitCode) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schema", schemaId(command));
        root.put("command", command);
        root.put("exit-code", exitCode);
        return root;
    }

    static String instant(Instant instant) {
        return ListTimes.format(instant);
    }

    static ArrayNode strings(ObjectNode parent, String name, Collection<?> values) {
        ArrayNode array = parent.putArray(name);
        values.forEach(value -> array.add(String.valueOf(value)));
        return array;
    }

    /** The {@code error} member: what kind of failure (from the exit code), the line, the file. */
    static ObjectNode error(int exitCode, String message, Optional<Path> file) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("kind", kind(exitCode));
        error.put("message", message);
        file.ifPresent(f -> error.put("file", f.toString()));
        return error;
    }

    static String kind(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.REJECTED -> "rejected";
            case ExitCodes.USAGE -> "usage";
            case ExitCodes.COULD_NOT_COMPLETE -> "could-not-complete";
            case ExitCodes.STALE -> "stale";
            default -> "internal";
        };
    }

    /** A whole error document, for a failure that ended the command before it had a result. */
    static ObjectNode errorDocument(
            String command, int exitCode, String message, Optional<Path> file) {
        ObjectNode root = document(command, exitCode);
        root.set("error", error(exitCode, message, file));
        return root;
    }

    static void print(PrintWriter out, ObjectNode document) {
        out.print(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
        out.println();
        out.flush();
    }

    /**
     * Runs a command's body; with {@code --format json}, a failure also becomes the error document
     * on standard output before it goes on to the one handler (which prints the human line on
     * standard error and maps the exit code).
     */
    static int run(CommandSpec spec, Formatted command, Callable<Integer> body) {
        try {
            try {
                return body.call();
            } catch (OutOfMemoryError e) {
                // What failed to fit is not held any more, so there is room to say so: exit 3 and
                // one line (CommandLines.describe), not a stack trace and exit 1 from the JVM.
                throw new CouldNotCompleteException(CommandLines.describe(e), e);
            }
        } catch (RuntimeException e) {
            if (command.json()) {
                int code = CommandLines.exitCode(e);
                print(
                        spec.commandLine().getOut(),
                        errorDocument(
                                spec.name(), code, CommandLines.describe(e), command.subject()));
            }
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // the bodies throw only unchecked exceptions
        }
    }
}
