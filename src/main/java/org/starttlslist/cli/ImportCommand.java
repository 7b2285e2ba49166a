package org.starttlslist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.importer.ListImporter;
import org.starttlslist.importer.Normalisation;
import org.starttlslist.model.ListTimes;
import org.starttlslist.source.ListRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Turn a published policy.json (ours or the predecessor's, any date form)",
            "into one source file per domain and per alias under policies/. Names are",
            "normalised to lower-case A-labels; each change is printed, one a line.",
            "Existing source files are kept unless --force; the import is installed",
            "all at once or not at all.",
            ""
        })
final class ImportCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Parameters(
            paramLabel = "FILE",
            description = "The published list to import (relative to the repository).")
    Path file;

    @Option(
            names = "--into",
            paramLabel = "DIR",
            description =
                    "The repository to write policies/ into. Default: the repository (-C or the current directory).")
    Path into;

    @Option(
            names = "--contact",
            paramLabel = "EMAIL",
            description =
                    "The contact for every imported domain. Default: empty, for validate to report per file.")
    String contact;

    @Option(names = "--force", description = "Overwrite source files that already exist.")
    boolean force;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ListRepository repository = root.repository();
        Instant instant = now.instant();
        if (contact != null && (contact.isBlank() || !contact.contains("@"))) {
            throw new UsageException(
                    "--contact '"
                            + contact
                            + "' is not an e-mail address; write e.g. postmaster@example.com");
        }
        Path source = repository.root().resolve(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + file + ": " + e.getMessage(), e);
        }
        ListRepository target =
                into == null ? repository : new ListRepository(repository.root().resolve(into));
        ListImporter.Report report =
                new ListImporter().run(bytes, target, Optional.ofNullable(contact), force);

        PrintWriter out = spec.commandLine().getOut();
        for (Normalisation change : report.changes()) {
            out.println(change);
        }
        for (Map.Entry<String, String> dangling : report.danglingAliases().entrySet()) {
            out.println(
                    "warning: "
                            + dangling.getKey()
                            + " uses alias '"
                            + dangling.getValue()
                            + "', which the list does not define; validate will report it");
        }
        long names =
                report.changes().stream()
                        .filter(
                                c ->
                                        !c.pointer().equals("/timestamp")
                                                && !c.pointer().equals("/expires"))
                        .count();
        int domains = report.list().policies().size();
        int aliases = report.list().aliases().size();
        out.println(
                "imported "
                        + domains
                        + (domains == 1 ? " domain" : " domains")
                        + " and "
                        + aliases
                        + (aliases == 1 ? " alias" : " aliases")
                        + " into "
                        + target.display(target.policiesDir())
                        + "/ ("
                        + names
                        + (names == 1 ? " change" : " changes")
                        + " listed above)");
        if (contact == null) {
            out.println(
                    "note: \"contact\" is empty in every imported domain file; fill each in, or import again with"
                            + " --contact EMAIL --force (validate reports each empty contact)");
        }
        if (!report.list().expires().isAfter(instant)) {
            out.println(
                    "note: the imported list expired at "
                            + ListTimes.format(report.list().expires())
                            + "; a new build gives it a fresh expiry");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
