package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.starttlslist.build.SourceFormatter;
import org.starttlslist.build.SourceFormatting;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.source.ListRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "fmt",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrite source files into canonical form: keys contact, testing-since,",
            "then mode and mxs or policy-alias; two-space indent; MX patterns lower",
            "case, de-duplicated and sorted; a final newline. Without PATH: every file",
            "under policies/. A file that is not one JSON object is reported, never",
            "rewritten.",
            ""
        })
final class FmtCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Option(
            names = "--check",
            description =
                    "Change nothing; name each file that is not canonical, show the change as a diff, and exit 1 if any.")
    boolean check;

    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description = "Files or directories (relative to the repository). Default: policies/")
    List<Path> paths = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ListRepository repository = root.repository();
        List<Path> given = new ArrayList<>();
        for (Path path : paths) {
            Path resolved = repository.root().resolve(path);
            if (!Files.exists(resolved, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new UsageException("no such file or directory: " + path);
            }
            given.add(resolved);
        }
        List<Path> files =
                given.isEmpty()
                        ? SourceFormatting.sources(repository)
                        : SourceFormatting.expand(given);
        PrintWriter out = spec.commandLine().getOut();
        int notCanonical = 0;
        int unformattable = 0;
        for (SourceFormatting.Result result : SourceFormatting.run(files, check)) {
            String name = repository.display(result.file());
            if (result.outcome() instanceof SourceFormatter.Outcome.Unformattable bad) {
                unformattable++;
                out.println(
                        name
                                + ":"
                                + bad.line()
                                + ":"
                                + bad.column()
                                + ": "
                                + bad.reason()
                                + "; left unchanged");
            } else if (!result.canonical()) {
                notCanonical++;
                out.println(check ? name + ": not canonical" : "formatted " + name);
                if (check
                        && result.outcome()
                                instanceof SourceFormatter.Outcome.Reformatted reformatted) {
                    FmtDiff.print(out, name, result.file(), reformatted.bytes());
                }
            }
        }
        out.flush();
        if (unformattable > 0) {
            throw new RejectedException(
                    unformattable
                            + (unformattable == 1 ? " file is" : " files are")
                            + " not one JSON object in a regular file (listed above) and left unchanged; fix by hand, then run fmt again");
        }
        if (check && notCanonical > 0) {
            throw new RejectedException(
                    notCanonical
                            + (notCanonical == 1 ? " file is" : " files are")
                            + " not in canonical form (listed above); run 'starttls-list fmt' to rewrite them");
        }
        return ExitCodes.OK;
    }
}
