package org.starttlslist.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.starttlslist.lifecycle.DomainEdits;
import org.starttlslist.lifecycle.LifecycleSettings;
import org.starttlslist.lifecycle.ProofRecord;
import org.starttlslist.model.DomainName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Add a mail domain in testing mode, with testing-since today. Refused unless",
            "its proof record (_starttls-list.DOMAIN TXT \"v=STARTTLS-LIST1; contact=EMAIL\")",
            "is in DNS, it passes the check, and it has no removal record (or --re-add).",
            "Without --mx, the MX hosts found are used as the patterns.",
        })
final class AddCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Mixin LiveCheckOptions live;

    @Parameters(
            index = "0",
            paramLabel = "DOMAIN",
            description = "The mail domain, lower-case A-label (punycode).")
    String domain;

    @Option(
            names = "--contact",
            required = true,
            paramLabel = "EMAIL",
            description = "Who runs the domain's mail; named by the proof record.")
    String contact;

    @Option(
            names = "--mx",
            paramLabel = "PATTERN",
            arity = "1..*",
            description = "MX patterns (mx1.example.com or .example.com).")
    List<String> mx;

    @Option(
            names = "--re-add",
            description = "Add a domain that has a removal record (the record is deleted).")
    boolean reAdd;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant instant = now.instant();
        var patterns = LifecycleArguments.patterns(mx);
        DomainName name = DomainEdits.domainName(domain);
        DomainEdits.requireContact(name.value(), contact);
        out.println("proof record: " + ProofRecord.zoneLine(name.value(), contact));
        out.flush();
        DomainEdits.Added added =
                new DomainEdits(root.repository(), instant, live.checker(instant), live.dns())
                        .add(name, contact, patterns, reAdd);
        LocalDate earliest =
                LocalDate.ofInstant(instant, ZoneOffset.UTC)
                        .plusDays(LifecycleSettings.load(root.repository()).testingDays());
        out.println("added " + added.domain() + " in testing mode: " + added.file());
        out.println(
                "mx patterns" + (added.suggested() ? " (from DNS)" : "") + ": " + added.patterns());
        out.println(
                "next: commit and open a pull request; after the daily checks pass for a full testing period,"
                        + " 'starttls-list promote' makes it enforce (not before "
                        + earliest
                        + ")");
        return ExitCodes.OK;
    }
}
