package org.starttlslist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.starttlslist.diff.DiffFormat;
import org.starttlslist.diff.ListDiff;
import org.starttlslist.diff.ListInputs;
import org.starttlslist.listfile.MalformedListException;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two published lists: domains added and removed, mode changes",
            "(enforce -> testing flagged as a downgrade), MX changes, alias changes",
            "and the domains they affect, and the change in validity.",
            "OLD and NEW are files or REF:path in the repository's git history",
            "(e.g. HEAD~1:release/policy.json). Markdown suits a pull-request comment.",
            ""
        })
final class DiffCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Parameters(
            index = "0",
            paramLabel = "OLD",
            description = "The earlier list: a file or REF:path.")
    String older;

    @Parameters(
            index = "1",
            paramLabel = "NEW",
            description = "The later list: a file or REF:path.")
    String newer;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, json or markdown. Default: ${DEFAULT-VALUE}")
    DiffFormat format;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ListRepository repository = root.repository();
        ListDiff diff = ListDiff.between(parse(older, repository), parse(newer, repository));
        PrintWriter out = spec.commandLine().getOut();
        if (format != DiffFormat.JSON) {
            // Removals with a removal record come first and loudly, with their reasons.
            org.starttlslist.lifecycle.RemovalNotes.render(
                            repository,
                            diff.removed().stream().map(ListDiff.Listed::domain).toList(),
                            format == DiffFormat.MARKDOWN)
                    .ifPresent(out::print);
        }
        out.print(format.render(diff));
        out.flush();
        return ExitCodes.OK;
    }

    private static PolicyList parse(String argument, ListRepository repository) {
        byte[] bytes = ListInputs.read(argument, repository);
        try {
            return PolicyListParser.parse(bytes);
        } catch (MalformedListException e) {
            throw new MalformedListException(
                    e.pointer(), argument + " is not a policy list: " + e.getMessage());
        }
    }
}
