package org.starttlslist.cli;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --format text|json} for the commands monitoring reads ({@code status}, {@code verify},
 * {@code mirror}). With {@code json}, standard output holds exactly one JSON document, the result
 * or the error (see {@link JsonOutput}); standard error keeps its one human line.
 */
final class OutputFormatOption {
    enum Format {
        TEXT,
        JSON
    }

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description =
                    "text (default) or json (one document on standard output, errors included;"
                            + " see schema/README.md).")
    Format format = Format.TEXT;

    boolean json() {
        return format == Format.JSON;
    }

    /**
     * Whether a command line asks for JSON, judged from the words alone: a usage error can stop
     * picocli before it sets the option, and the error must still come out as JSON.
     */
    static boolean requested(String... args) {
        List<String> words = List.of(args);
        for (int i = 0; i < words.size(); i++) {
            String arg = words.get(i);
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equalsIgnoreCase("--format=json")
                    || (arg.equals("--format")
                            && i + 1 < words.size()
                            && words.get(i + 1).equalsIgnoreCase("json"))) {
                return true;
            }
        }
        return false;
    }
}
