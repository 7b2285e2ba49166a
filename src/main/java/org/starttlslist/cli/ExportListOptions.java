package org.starttlslist.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every {@code export} subcommand shares: which list, its keys, early adoption. */
final class ExportListOptions {
    @Option(
            names = "--list",
            required = true,
            paramLabel = "DIR|FILE",
            description =
                    "A mirror directory (its current list), a directory holding policy.json, or a policy.json file.")
    Path list;

    @Option(
            names = "--keys",
            split = ",",
            paramLabel = "PINNED.asc",
            description =
                    "Verify the list's signature (the .asc beside it) against these pinned public keys.")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--early-adopter", description = "Treat 'testing' domains as 'enforce'.")
    boolean earlyAdopter;
}
