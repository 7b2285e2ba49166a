package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import org.starttlslist.model.ListTimes;
import org.starttlslist.release.Release;
import org.starttlslist.release.SigningEvents;
import org.starttlslist.signing.SigningKey;

/** What the signing-event commands print, shared by release --propose, cosign and publish --tag. */
final class SigningEventCommands {
    private SigningEventCommands() {}

    static int propose(PrintWriter out, Release.Request request) {
        SigningEvents.Outcome outcome =
                SigningEvents.propose(
                        request,
                        step -> {
                            out.println(step);
                            out.flush();
                        });
        out.println(
                "proposed "
                        + ListTimes.format(outcome.list().timestamp())
                        + " on "
                        + outcome.branch()
                        + ": "
                        + outcome.signers().size()
                        + " of "
                        + outcome.threshold()
                        + " signatures");
        out.println(
                "next: open a pull request from "
                        + outcome.branch()
                        + "; other maintainers run"
                        + " 'starttls-list cosign "
                        + outcome.branch()
                        + " --key ...'; after the merge, 'starttls-list publish --tag --key ...'");
        out.flush();
        return ExitCodes.OK;
    }

    static void printCosigned(PrintWriter out, SigningEvents.Outcome outcome) {
        out.println(
                "cosigned "
                        + outcome.branch()
                        + ": "
                        + outcome.signers().size()
                        + " of "
                        + outcome.threshold()
                        + " signatures"
                        + (outcome.signers().size() >= outcome.threshold()
                                ? " (threshold met: merge the pull request)"
                                : ""));
        out.flush();
    }

    static SigningKey load(RootCommand root, Path key, PassphraseOptions passphrase) {
        Path file = root.directory == null ? key : root.directory.resolve(key);
        char[] secret = passphrase.read("Passphrase for " + file, false);
        try {
            return SigningKey.load(file, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
