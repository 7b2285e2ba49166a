package org.starttlslist.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.starttlslist.build.ListBuild;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import org.starttlslist.validate.InvalidSourcesException;
import org.starttlslist.validate.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        description = {
            "Validate the sources and merge them into one canonical policy.json.",
            "",
            "Same sources and instant, same bytes, on any machine, locale or time zone.",
            "The timestamp is --now, else SOURCE_DATE_EPOCH (seconds), else the clock;",
            "expires is the timestamp plus validity-days (release/config.json).",
            "With any validation error nothing is written. The published copy in",
            "release/ is written only by 'release'.",
            ""
        })
final class BuildCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description =
                    "Where to write the list (relative to the repository). Default: target/policy.json")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ListRepository repository = root.repository();
        Instant timestamp = timestamp(now, System.getenv("SOURCE_DATE_EPOCH"));
        Path target =
                repository.root().resolve(out == null ? Path.of("target", "policy.json") : out);
        ListBuild.Prepared prepared;
        try {
            prepared = ListBuild.prepare(repository, timestamp);
        } catch (InvalidSourcesException e) {
            ReportFormat.TEXT.write(e.report(), spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            throw e;
        }
        // Warnings, in validate's own text form.
        ReportFormat.TEXT.write(prepared.report(), spec.commandLine().getOut());
        ListBuild.Written written;
        try {
            written = ListBuild.write(prepared, timestamp, target);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot write "
                            + repository.display(target)
                            + ": "
                            + e.getMessage()
                            + "; check that its directory is writable or choose another --out",
                    e);
        }
        PolicyList list = written.frame();
        spec.commandLine()
                .getOut()
                .println(
                        "wrote "
                                + repository.display(target)
                                + ": "
                                + written.domains()
                                + " domains ("
                                + written.enforce()
                                + " enforce, "
                                + written.testing()
                                + " testing), "
                                + list.aliases().size()
                                + (list.aliases().size() == 1 ? " alias" : " aliases")
                                + ", timestamp "
                                + ListTimes.format(list.timestamp())
                                + ", expires "
                                + ListTimes.format(list.expires()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** {@code --now}, else {@code SOURCE_DATE_EPOCH} (reproducible-builds.org), else the clock. */
    static Instant timestamp(NowOption now, String sourceDateEpoch) {
        if (now.given() || sourceDateEpoch == null || sourceDateEpoch.isBlank()) {
            return now.instant();
        }
        String text = sourceDateEpoch.trim();
        try {
            if (!text.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            return ListTimes.fromEpochSeconds(Long.parseLong(text))
                    .orElseThrow(NumberFormatException::new);
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "SOURCE_DATE_EPOCH '"
                            + sourceDateEpoch
                            + "' is not a number of seconds since 1970; unset it or pass --now");
        }
    }
}
