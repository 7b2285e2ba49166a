package org.starttlslist.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.starttlslist.lifecycle.LifecycleSettings;
import org.starttlslist.lifecycle.Promotion;
import org.starttlslist.model.DomainName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = {
            "Move domains from testing to enforce when testing-since is at least testing-days",
            "ago, they passed every daily check of a full testing period (the history says so),",
            "and their proof record is in DNS. Prints each domain not promoted, and why.",
            "Exit 1 when a named domain was not promoted; with --all, 0.",
        })
final class PromoteCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Mixin LiveCheckOptions live;

    @Mixin NoticeOptions notices;

    @Parameters(paramLabel = "DOMAIN", arity = "0..*")
    List<String> domains;

    @Option(names = "--all", description = "Every domain in testing mode.")
    boolean all;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (all == (domains != null && !domains.isEmpty())) {
            throw new UsageException("name the domains to promote, or give --all (not both)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Instant instant = now.instant();
        Promotion.Outcome outcome =
                new Promotion(
                                root.repository(),
                                LifecycleSettings.load(root.repository()),
                                instant,
                                live.dns())
                        .promote(
                                domains == null
                                        ? List.of()
                                        : domains.stream()
                                                // as typed, folded; a name that is none stays as
                                                // typed, for promote to report as not listed
                                                .map(
                                                        d ->
                                                                DomainName.tryParse(d)
                                                                        .map(DomainName::value)
                                                                        .orElse(d))
                                                .toList(),
                                all);
        outcome.promoted().forEach(domain -> out.println("promoted " + domain + " to enforce"));
        outcome.notPromoted()
                .forEach((domain, why) -> out.println("not promoted " + domain + ": " + why));
        if (outcome.promoted().isEmpty() && outcome.notPromoted().isEmpty()) {
            out.println("no domain in testing mode");
        }
        boolean delivered =
                notices.deliver(root.repository(), instant, out, spec.commandLine().getErr());
        if (!delivered) {
            return ExitCodes.COULD_NOT_COMPLETE;
        }
        return !all && !outcome.notPromoted().isEmpty() ? ExitCodes.REJECTED : ExitCodes.OK;
    }
}
