package org.starttlslist.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The help text every command shares a shape for: one complete sentence saying what it does (the
 * header, shown at the top of its --help, in the root's command list and as its manual page's NAME
 * line) and examples at the end. Kept here, beside each other, so they read as one voice; a command
 * not listed keeps the first line of its own description.
 */
final class CommandHelp {
    record Text(String summary, List<String> examples) {}

    static final Map<String, Text> TEXTS =
            Map.ofEntries(
                    Map.entry(
                            "validate",
                            new Text(
                                    "Check the list's sources and report each problem with its file, line, column and fix.",
                                    List.of(
                                            "starttls-list validate",
                                            "starttls-list validate policies/example.com.json",
                                            "starttls-list validate --changed-since origin/main --format github"))),
                    Map.entry(
                            "build",
                            new Text(
                                    "Validate the sources and merge them into one canonical policy.json.",
                                    List.of(
                                            "starttls-list build --now 2026-11-28T12:00:00Z --out target/policy.json"))),
                    Map.entry(
                            "import",
                            new Text(
                                    "Turn a published policy.json into one source file per domain and per alias.",
                                    List.of(
                                            "starttls-list import ../policy.json --contact postmaster@example.org"))),
                    Map.entry(
                            "diff",
                            new Text(
                                    "Compare two published lists: domains, modes, MX patterns, aliases and validity.",
                                    List.of(
                                            "starttls-list diff HEAD~1:release/policy.json target/policy.json --format markdown"))),
                    Map.entry(
                            "fmt",
                            new Text(
                                    "Rewrite source files into canonical form, or with --check list those that are not.",
                                    List.of(
                                            "starttls-list fmt --check",
                                            "starttls-list fmt policies/example.com.json"))),
                    Map.entry(
                            "keygen",
                            new Text(
                                    "Make a maintainer's OpenPGP key pair (v4, Ed25519 unless --rsa 4096) that GnuPG reads.",
                                    List.of(
                                            "starttls-list keygen --uid \"Alice <alice@example.org>\" --out ~/starttls-key"))),
                    Map.entry(
                            "sign",
                            new Text(
                                    "Write FILE.asc, a detached armoured SHA-512 OpenPGP signature of FILE's exact bytes.",
                                    List.of(
                                            "starttls-list sign policy.json --key ~/starttls-key/secret-key.asc --passphrase-file ~/pass"))),
                    Map.entry(
                            "verify",
                            new Text(
                                    "Verify a signed list against pinned keys and say who signed it and how long it stays valid.",
                                    List.of(
                                            "starttls-list verify policy.json --keys release/keys/alice.asc",
                                            "starttls-list verify policy.json --keys a.asc,b.asc --threshold 2 --previous /var/lib/starttls-list/current/policy.json",
                                            "starttls-list verify policy.json --keys release/keys/alice.asc --format json"))),
                    Map.entry(
                            "release",
                            new Text(
                                    "Validate, build, sign, verify, commit, tag and push a release, all or nothing.",
                                    List.of(
                                            "starttls-list release --key ~/keys/secret-key.asc --passphrase-file ~/keys/passphrase",
                                            "starttls-list release --key ~/keys/secret-key.asc --no-push"))),
                    Map.entry(
                            "publish",
                            new Text(
                                    "Push a release that 'release --no-push' prepared, after the same checks.",
                                    List.of("starttls-list publish --remote origin"))),
                    Map.entry(
                            "status",
                            new Text(
                                    "Show the published list's expiry, domains and signer, and fail when a release is due.",
                                    List.of(
                                            "starttls-list status",
                                            "starttls-list status --remote origin",
                                            "starttls-list status --format json"))),
                    Map.entry(
                            "demo",
                            new Text(
                                    "Run the whole pipeline (release, mirror, Postfix export) on a scratch copy of this list.",
                                    List.of("starttls-list demo --dir /tmp/demo"))),
                    Map.entry(
                            "mirror",
                            new Text(
                                    "Fetch the signed list, verify it against pinned keys and install it as one unit.",
                                    List.of(
                                            "starttls-list mirror --from https://lists.example.org/starttls/ --keys /etc/starttls-list/keys/maintainer.asc --into /var/lib/starttls-list",
                                            "starttls-list --quiet mirror --config /etc/starttls-list/mirror.conf",
                                            "starttls-list mirror --config /etc/starttls-list/mirror.conf --print-schedule",
                                            "starttls-list mirror --config /etc/starttls-list/mirror.conf --format json"))),
                    Map.entry(
                            "export",
                            new Text(
                                    "Turn an installed list into an MTA's configuration (Postfix or Exim).",
                                    List.of(
                                            "starttls-list export postfix --list /var/lib/starttls-list --keys /etc/starttls-list/keys/maintainer.asc"))),
                    Map.entry(
                            "postfix",
                            new Text(
                                    "Write a Postfix smtp_tls_policy_maps table from an installed list.",
                                    List.of(
                                            "starttls-list export postfix --list /var/lib/starttls-list --keys /etc/starttls-list/keys/maintainer.asc --out /var/lib/starttls-list/postfix/starttls_policy"))),
                    Map.entry(
                            "exim",
                            new Text(
                                    "Write an Exim lookup file of the MX host names each enforced domain may use, and print the routers and transport that apply it.",
                                    List.of(
                                            "starttls-list export exim --list /var/lib/starttls-list --keys /etc/starttls-list/keys/maintainer.asc --out /etc/exim4/starttls_policy"))),
                    Map.entry(
                            "check",
                            new Text(
                                    "Check a domain's real mail servers: DNS, SMTP STARTTLS, certificates, MX patterns and MTA-STS.",
                                    List.of(
                                            "starttls-list check example.com",
                                            "starttls-list check example.com --mx .mail.example.com --format json"))),
                    Map.entry(
                            "add",
                            new Text(
                                    "Add a domain in testing after checking its mail servers and its proof-of-control record.",
                                    List.of(
                                            "starttls-list add example.com --contact postmaster@example.com"))),
                    Map.entry(
                            "update",
                            new Text(
                                    "Change a listed domain's MX patterns or contact, after the same checks as add.",
                                    List.of(
                                            "starttls-list update example.com --mx mx1.example.com mx2.example.com"))),
                    Map.entry(
                            "remove",
                            new Text(
                                    "Remove a domain and write a removal record that keeps it off the list.",
                                    List.of(
                                            "starttls-list remove example.com --reason \"asked by the owner\""))),
                    Map.entry(
                            "promote",
                            new Text(
                                    "Raise testing domains to enforce once they passed every daily check for the testing period.",
                                    List.of("starttls-list promote --all"))),
                    Map.entry(
                            "recheck",
                            new Text(
                                    "Check every listed domain again (one shard of them), or apply the results of all shards.",
                                    List.of(
                                            "starttls-list recheck --shard 1/8 --out results-1.json",
                                            "starttls-list recheck apply results-*.json"))),
                    Map.entry(
                            "apply",
                            new Text(
                                    "Merge the shards' results, update the history, demote or remove failing domains and queue notices.",
                                    List.of(
                                            "starttls-list recheck apply results-1.json results-2.json"))),
                    Map.entry(
                            "notify",
                            new Text(
                                    "Send the queued notices to domain contacts through the configured SMTP relay.",
                                    List.of(
                                            "starttls-list notify",
                                            "starttls-list notify --dry-run target/notices"))),
                    Map.entry(
                            "review",
                            new Text(
                                    "Judge a pull request's changes to policies/ as the pull-request workflow does.",
                                    List.of(
                                            "starttls-list review --base-dir ../base --format github"))),
                    Map.entry(
                            "key",
                            new Text(
                                    "Look after a maintainer's key over time.",
                                    List.of(
                                            "starttls-list key extend --key ~/starttls-key/secret-key.asc"))),
                    Map.entry(
                            "extend",
                            new Text(
                                    "Push out the expiry of a maintainer's key.",
                                    List.of(
                                            "starttls-list key extend --key ~/starttls-key/secret-key.asc --valid-days 730"))),
                    Map.entry(
                            "cosign",
                            new Text(
                                    "Verify a signing event's list and add your signature to it.",
                                    List.of(
                                            "starttls-list cosign sign/list-20261201T120000Z --key ~/starttls-key/secret-key.asc"))),
                    Map.entry(
                            "signatures",
                            new Text(
                                    "Count the maintainers who signed the committed list, and fail below the threshold.",
                                    List.of("starttls-list signatures"))),
                    Map.entry(
                            "help",
                            new Text(
                                    "Show the help of starttls-list or of one of its commands.",
                                    List.of("starttls-list help mirror"))));

    private CommandHelp() {}

    /**
     * An example as shell lines of at most 79 columns, continued with a backslash as one would type
     * it.
     */
    static List<String> shellLines(String example) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder("  ");
        for (String word : example.split(" ")) {
            if (line.length() > 6 && line.length() + 1 + word.length() > 77) {
                lines.add(line.append(" \\").toString());
                line = new StringBuilder("      ");
            } else if (line.length() > 2 && !line.toString().isBlank()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Applies the texts to {@code command} and its subcommands. */
    static void apply(CommandLine command) {
        Text text = TEXTS.get(command.getCommandName());
        if (text != null && command.getCommandSpec().parent() != null) {
            UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            usage.header(text.summary());
            List<String> footer = new ArrayList<>(List.of(usage.footer()));
            footer.add("");
            footer.add("Examples:");
            text.examples().forEach(example -> footer.addAll(shellLines(example)));
            usage.footer(footer.toArray(String[]::new));
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            apply(sub);
        }
    }
}
