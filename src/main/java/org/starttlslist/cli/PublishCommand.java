package org.starttlslist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.starttlslist.model.ListTimes;
import org.starttlslist.release.Publish;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {
            "Push a release prepared with 'release --no-push'. Checks the branch, the",
            "working tree and the remote, that release/policy.json verifies with",
            "release/keys/ and that its tag is at HEAD, then pushes branch and tag",
            "atomically. Everything is read from the commit at HEAD, never the working",
            "tree; the tag must be signed by a maintainer whose key is pinned there, and",
            "the list must verify at the real time as well as at --now."
        })
final class PublishCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    NowOption now;

    @Option(names = "--remote", paramLabel = "NAME", defaultValue = "origin",
            description = "The git remote to push to (default: ${DEFAULT-VALUE}).")
    String remote;

    @Mixin
    RemoteOptions remoteOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Publish.Outcome outcome = RemoteOptions.withKnownRemote(() -> Publish.run(root.repository(), now.instant(),
                now.clock(), remote, remoteOptions.timeout(), step -> {
                    out.println(step);
                    out.flush();
                }), "");
        out.println("published " + ListTimes.format(outcome.list().timestamp()) + " as " + outcome.tagName()
                + " to " + outcome.remote());
        out.flush();
        return ExitCodes.OK;
    }
}
