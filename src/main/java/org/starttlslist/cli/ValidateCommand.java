package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.validate.Finding;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the list's sources and report each problem with its file and line.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    NowOption now;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ValidationReport report = new Validator(root.repository(), now.instant()).validateAll();
        var out = spec.commandLine().getOut();
        for (Finding f : report.findings()) {
            out.println(f.file() + ":" + f.line() + ":" + f.column() + ": " + f.severity().label() + " " + f.code() + ": " + f.message());
        }
        out.flush();
        return report.hasErrors() ? ExitCodes.REJECTED : ExitCodes.OK;
    }
}
