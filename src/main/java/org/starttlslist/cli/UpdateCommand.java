package org.starttlslist.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.starttlslist.lifecycle.DomainEdits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = {
            "Change a listed domain's MX patterns and/or contact. The proof record must name",
            "the (new) contact; new patterns must pass the check (an enforce domain's failing",
            "change is refused; a testing domain's restarts its testing period). To migrate",
            "an enforce domain: add the new patterns beside the old, move, remove the old.",
        })
final class UpdateCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Mixin LiveCheckOptions live;

    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Option(
            names = "--mx",
            paramLabel = "PATTERN",
            arity = "1..*",
            description = "The new, complete set of MX patterns.")
    List<String> mx;

    @Option(names = "--contact", paramLabel = "EMAIL", description = "The new contact.")
    String contact;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (mx == null && contact == null) {
            throw new UsageException("give --mx PATTERN... and/or --contact EMAIL");
        }
        PrintWriter out = spec.commandLine().getOut();
        Instant instant = now.instant();
        Optional<List<org.starttlslist.model.MxPattern>> patterns =
                mx == null ? Optional.empty() : Optional.of(LifecycleArguments.patterns(mx));
        DomainEdits.Updated updated =
                new DomainEdits(root.repository(), instant, live.checker(instant), live.dns())
                        .update(
                                DomainEdits.domainName(domain),
                                patterns,
                                Optional.ofNullable(contact));
        out.println("updated " + updated.file());
        if (updated.testingRestarted()) {
            out.println(
                    "warning: the new patterns do not pass the check yet; the domain stays in testing and its testing period starts again");
        }
        return ExitCodes.OK;
    }
}
