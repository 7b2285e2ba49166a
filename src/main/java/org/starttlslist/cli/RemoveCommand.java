package org.starttlslist.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.starttlslist.lifecycle.DomainEdits;
import org.starttlslist.lifecycle.RemovalRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = {
            "Remove a domain at its owner's request (its proof record must name the listed",
            "contact): deletes policies/DOMAIN.json and its history, and writes the removal",
            "record policies/removed/DOMAIN.json, which keeps it off the list.",
        })
final class RemoveCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Mixin LiveCheckOptions live;

    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "TEXT",
            description = "Why, as the owner gave it.")
    String reason;

    @Option(
            names = "--by",
            paramLabel = "WHO",
            defaultValue = "the domain's contact",
            description = "Who asked (default: ${DEFAULT-VALUE}).")
    String by;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant instant = now.instant();
        RemovalRecord record =
                new DomainEdits(root.repository(), instant, live.checker(instant), live.dns())
                        .remove(DomainEdits.domainName(domain), reason, by);
        out.println(
                "removed "
                        + record.domain()
                        + " on "
                        + record.removed()
                        + ": policies/removed/"
                        + record.domain()
                        + ".json");
        return ExitCodes.OK;
    }
}
