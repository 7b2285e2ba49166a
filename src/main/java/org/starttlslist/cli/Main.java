package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The program's entry point. Only {@link #main} exits; everything else returns a code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out =
                new PrintWriter(
                        new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err =
                new PrintWriter(
                        new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command line, printing to {@code out} and {@code err}, and returns the exit code.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (VersionText.onlyVersion(args)) {
            // The start-up most measured: answered before picocli loads and builds its model
            // (about 170 classes, reflection over the annotations), with the same lines picocli
            // prints for --version anywhere else on a command line.
            for (String line : VersionText.lines()) {
                out.println(line);
            }
            out.flush();
            return ExitCodes.OK;
        }
        // --quiet is an ordinary option for parsing and --help; its effect is decided here, before
        // any command prints, by giving the commands an output that goes nowhere.
        PrintWriter stdout =
                QuietOption.requested(args) ? new PrintWriter(java.io.Writer.nullWriter()) : out;
        List<Class<?>> commands = CommandChoice.forArgs(args);
        Optional<SignCommand> plainSign = Optional.empty();
        if (commands.equals(List.of(SignCommand.class))) {
            plainSign = PlainSignLine.parse(args);
        }
        try {
            if (plainSign.isPresent()) {
                return runPlain(plainSign.get(), stdout, err);
            }
            return CommandLines.create(stdout, err, commands).execute(args);
        } catch (OutOfMemoryError e) {
            // A command outside JsonOutput.run: still one line and exit 3 (see CommandLines).
            err.println("starttls-list: " + CommandLines.describe(e));
            err.flush();
            return CommandLines.exitCode(e);
        }
    }

    /** A plain sign line (see {@link PlainSignLine}), run as picocli runs a command. */
    private static int runPlain(SignCommand sign, PrintWriter out, PrintWriter err) {
        try {
            return sign.sign(out, err);
        } catch (Exception e) {
            return CommandLines.report(e, "sign", sign.root.stacktrace, err);
        }
    }
}
