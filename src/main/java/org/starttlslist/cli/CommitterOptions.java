package org.starttlslist.cli;

import org.starttlslist.release.ReleaseTransaction;
import org.starttlslist.source.ListSettings;
import picocli.CommandLine.Option;

/**
 * Who release commits and tags are made by: the flags, else {@code "committer"} in {@code
 * release/config.json}. Never the environment or the user's git config, so a release made on a
 * maintainer's laptop and one made in CI carry the same identity.
 */
final class CommitterOptions {
    @Option(
            names = "--committer-name",
            paramLabel = "NAME",
            description =
                    "Name for the release commit and tag (default: committer.name in release/config.json).")
    String name;

    @Option(
            names = "--committer-email",
            paramLabel = "EMAIL",
            description =
                    "E-mail for the release commit and tag (default: committer.email in release/config.json).")
    String email;

    ReleaseTransaction.Identity resolve(ListSettings settings) {
        if ((name == null) != (email == null)) {
            throw new UsageException(
                    "give both --committer-name and --committer-email, or neither");
        }
        if (name != null) {
            return identity(name, email, "--committer-name/--committer-email");
        }
        ListSettings.Committer committer =
                settings.committer()
                        .orElseThrow(
                                () ->
                                        new UsageException(
                                                "no committer: add \"committer\": {\"name\": …, \"email\": …} to release/config.json"
                                                        + " or pass --committer-name and --committer-email"));
        return identity(
                committer.name(), committer.email(), "\"committer\" in release/config.json");
    }

    private static ReleaseTransaction.Identity identity(String name, String email, String where) {
        if (name.isBlank()
                || email.isBlank()
                || name.contains("<")
                || name.contains(">")
                || email.contains("<")
                || email.contains(">")
                || name.contains("\n")
                || email.contains("\n")) {
            throw new UsageException(
                    "the committer from "
                            + where
                            + " needs a non-empty name and e-mail without '<', '>' or line breaks");
        }
        return new ReleaseTransaction.Identity(name.strip(), email.strip());
    }
}
