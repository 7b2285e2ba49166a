package org.starttlslist.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.starttlslist.validate.ChangedFiles;
import org.starttlslist.validate.DomainKeeper;
import org.starttlslist.validate.InvalidSourcesException;
import org.starttlslist.validate.ReportFormat;
import org.starttlslist.validate.Severity;
import org.starttlslist.validate.Validation;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check the list's sources and report each problem with its file, line, column and fix.",
            "With no PATH: every file under policies/ plus release/config.json.",
        },
        footer = {
            "",
            "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage, 3 could not read the input.",
            "Each finding's code (e.g. mx.pattern.invalid) is listed in schema/README.md.",
        })
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description =
                    "Files or directories to check, relative to the repository (default: all).")
    List<Path> paths = List.of();

    @Option(
            names = "--changed-since",
            paramLabel = "REF",
            description =
                    "Check only the sources that differ between the commit REF and the working tree "
                            + "(including untracked files), plus the aliases they refer to.")
    String changedSince;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description =
                    "text (default), github (workflow commands for pull requests), sarif (SARIF 2.1.0) or json.")
    ReportFormat format;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (changedSince != null && !paths.isEmpty()) {
            throw new UsageException("give PATHs or --changed-since, not both");
        }
        Validator validator = new Validator(root.repository(), now.instant());
        // validate reports and counts the sources; it keeps none of them (see DomainKeeper).
        Validation<Boolean> validation;
        if (changedSince != null) {
            Validator.prepareInBackground();
            Set<String> changed = ChangedFiles.since(root.repository(), changedSince);
            validation = validator.validateChanged(changed, DomainKeeper.COUNT);
        } else if (!paths.isEmpty()) {
            validation = validator.validate(paths, DomainKeeper.COUNT);
        } else {
            validation = validator.validateAll(DomainKeeper.COUNT);
        }
        ValidationReport report = validation.report();
        var out = spec.commandLine().getOut();
        format.write(report, out);
        out.flush();
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        if (errors > 0) {
            throw new InvalidSourcesException(report, InvalidSourcesException.Step.VALIDATE);
        }
        var err = spec.commandLine().getErr();
        err.println(
                "validate: ok, no errors"
                        + (warnings > 0
                                ? ", " + warnings + (warnings == 1 ? " warning" : " warnings")
                                : "")
                        + (validation.settings().isPresent()
                                ? " ("
                                        + count(validation.domains().size(), "domain")
                                        + ", "
                                        + count(validation.aliases().size(), "alias")
                                        + " loaded)"
                                : ""));
        err.flush();
        return ExitCodes.OK;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }
}
