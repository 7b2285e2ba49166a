package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.lifecycle.CheckResult;
import org.starttlslist.lifecycle.LifecycleRuns;
import org.starttlslist.lifecycle.Recheck;
import org.starttlslist.lifecycle.RecheckApply;
import org.starttlslist.lifecycle.RecheckTargets;
import org.starttlslist.lifecycle.ShardResults;
import org.starttlslist.lifecycle.Shards;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "recheck",
        mixinStandardHelpOptions = true,
        description = {
            "Check every listed domain (testing and enforce), or one shard of them, and write",
            "the results to --out. Changes nothing in the repository; 'recheck apply' does.",
            "A domain always lands in the same shard (SHA-256 of its name, modulo N).",
        },
        subcommands = RecheckCommand.Apply.class)
final class RecheckCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Mixin LiveCheckOptions live;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            defaultValue = "1/1",
            description = "Check shard I of N (default ${DEFAULT-VALUE}).")
    String shard;

    @Option(
            names = "--out",
            paramLabel = "RESULTS.json",
            description = "Where to write the results (required).")
    Path out;

    @Option(
            names = "--run",
            paramLabel = "ID",
            description =
                    "The run's identifier, the same for every shard (default: the date). CI passes its run id.")
    String run;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out == null) {
            throw new UsageException("give --out RESULTS.json: where to write the results");
        }
        Shards.Shard which;
        try {
            which = Shards.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Instant instant = now.instant();
        String id = run != null ? run : LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
        RecheckTargets targets = LifecycleRuns.targets(root.repository(), instant);
        ShardResults results = Recheck.run(targets, which, live.checker(instant), id, instant);
        Path target = root.repository().root().resolve(out);
        AtomicFiles.write(target, results.toBytes());
        long failing = results.results().stream().filter(result -> !result.passed()).count();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(
                "shard "
                        + which
                        + ": "
                        + results.results().size()
                        + " domains checked, "
                        + failing
                        + " failing; "
                        + "results in "
                        + out);
        for (CheckResult result : results.results()) {
            if (!result.passed()) {
                stdout.println(
                        "  failing " + result.domain() + ": " + String.join(", ", result.codes()));
            }
        }
        return ExitCodes.OK;
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = {
                "Merge the shards of one run (refused, with nothing changed, when a shard is",
                "missing or given twice, or they are from different runs, splits or lists),",
                "update history/, demote enforce domains failing for grace-days, remove testing",
                "domains failing for testing-failure-days, queue one notice per change of state",
                "and deliver them, and write the Markdown report.",
            })
    static final class Apply implements Callable<Integer> {
        @ParentCommand RecheckCommand recheck;

        @Mixin NowOption now;

        @Mixin NoticeOptions notices;

        @Parameters(
                paramLabel = "RESULTS.json",
                arity = "1..*",
                description = "Every shard's results file.")
        List<Path> files;

        @Option(
                names = "--report",
                paramLabel = "FILE",
                description = "Also write the Markdown report to FILE.")
        Path report;

        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var repository = recheck.root.repository();
            Instant instant = now.instant();
            List<ShardResults> shards = new ArrayList<>();
            for (Path file : files) {
                shards.add(ShardResults.read(repository.root().resolve(file)));
            }
            RecheckApply.Plan plan = LifecycleRuns.apply(repository, shards, instant);
            PrintWriter out = spec.commandLine().getOut();
            if (report != null) {
                AtomicFiles.write(
                        repository.root().resolve(report),
                        plan.report().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            out.print(plan.report());
            out.flush();
            return notices.deliver(repository, instant, out, spec.commandLine().getErr())
                    ? ExitCodes.OK
                    : ExitCodes.COULD_NOT_COMPLETE;
        }
    }
}
