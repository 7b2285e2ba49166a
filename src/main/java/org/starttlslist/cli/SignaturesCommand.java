package org.starttlslist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.starttlslist.release.SigningEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "signatures",
        mixinStandardHelpOptions = true,
        description = {
            "Count who signed release/policy.json: 'k of n maintainers signed (threshold t)'.",
            "Only valid signatures by keys in release/keys/ of listed maintainers count.",
            "Exit 0 when k reaches \"threshold\" in release/config.json, 1 when not: the check for a",
            "signing event's pull request."
        })
final class SignaturesCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SigningEvents.Count count = SigningEvents.count(root.repository(), now.instant());
        out.println(count.summary());
        out.println(
                "signed:     "
                        + (count.signed().isEmpty()
                                ? "(none)"
                                : String.join(", ", count.signed())));
        out.println(
                "not signed: "
                        + (count.missing().isEmpty()
                                ? "(none)"
                                : String.join(", ", count.missing())));
        out.flush();
        if (!count.met()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(
                    "signatures: "
                            + count.summary()
                            + "; "
                            + (count.threshold() - count.signed().size())
                            + " more needed: run 'starttls-list cosign BRANCH --key ...' as another maintainer");
            err.flush();
            return ExitCodes.REJECTED;
        }
        return ExitCodes.OK;
    }
}
