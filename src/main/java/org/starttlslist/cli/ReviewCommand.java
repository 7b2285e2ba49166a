package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.starttlslist.lifecycle.ChangeReview;
import org.starttlslist.source.ListRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "review",
        mixinStandardHelpOptions = true,
        description = {
            "Judge a pull request's change to the list against a checkout of its base: new",
            "domains start in testing with their proof record and pass the check; contact and",
            "MX changes need the proof record (and the check); enforce only as promote allows",
            "it; removals need a removal record; history/ only from the daily re-check.",
            "Exit 1 when any change is refused. Run it from a build of the base branch.",
        })
final class ReviewCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Mixin LiveCheckOptions live;

    @Option(
            names = "--base-dir",
            required = true,
            paramLabel = "DIR",
            description = "A checkout of the base branch.")
    Path baseDir;

    @Option(
            names = "--trusted-automation",
            description =
                    "The change is the daily re-check's own pull request: history/ may change, and its promotions are judged on it.")
    boolean trusted;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text or github (workflow annotations).")
    String format;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("github")) {
            throw new UsageException("--format is text or github");
        }
        PrintWriter out = spec.commandLine().getOut();
        Instant instant = now.instant();
        ListRepository head = root.repository();
        ListRepository base = new ListRepository(head.root().resolve(baseDir));
        List<ChangeReview.Judgement> judgements =
                new ChangeReview(base, head, instant, live.checker(instant), live.dns(), trusted)
                        .review();
        boolean refused = false;
        for (ChangeReview.Judgement judgement : judgements) {
            if (judgement.accepted()) {
                out.println("ok       " + judgement.file() + " (" + judgement.change() + ")");
            } else {
                refused = true;
                if (format.equals("github")) {
                    out.println(
                            "::error file="
                                    + judgement.file()
                                    + ",title=review::"
                                    + judgement.refusal().get());
                } else {
                    out.println(
                            "REFUSED  "
                                    + judgement.file()
                                    + " ("
                                    + judgement.change()
                                    + "): "
                                    + judgement.refusal().get());
                }
            }
        }
        if (judgements.isEmpty()) {
            out.println("no domain changed");
        }
        return refused ? ExitCodes.REJECTED : ExitCodes.OK;
    }
}
