package org.starttlslist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.starttlslist.model.ListTimes;
import org.starttlslist.release.Publish;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Push a release prepared with 'release --no-push'. Checks the branch, the",
            "working tree and the remote, that release/policy.json verifies with",
            "release/keys/ and that its tag is at HEAD, then pushes branch and tag",
            "atomically. Everything is read from the commit at HEAD, never the working",
            "tree; the tag must be signed by a maintainer whose key is pinned there, and",
            "the list must verify at the real time as well as at --now."
        })
final class PublishCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Option(
            names = "--remote",
            paramLabel = "NAME",
            defaultValue = "origin",
            description = "The git remote to push to (default: ${DEFAULT-VALUE}).")
    String remote;

    @Mixin RemoteOptions remoteOptions;

    @Option(
            names = "--tag",
            description = {
                "After a signing event's pull request was merged: make the signed",
                "list-<timestamp> tag on the merged commit (HEAD, equal to the remote's branch) and push the tag alone."
            })
    boolean tag;

    @Option(
            names = "--key",
            paramLabel = "SECRET.asc",
            description = "With --tag: the key that signs the tag.")
    java.nio.file.Path key;

    @picocli.CommandLine.Mixin PassphraseOptions passphrase;

    @picocli.CommandLine.Mixin CommitterOptions committer;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (tag) {
            if (key == null) {
                throw new UsageException("publish --tag needs --key SECRET.asc to sign the tag");
            }
            var repository = root.repository();
            var identity =
                    committer.resolve(
                            org.starttlslist.release.ReleaseSettings.read(
                                    repository, now.instant()));
            var tagged =
                    org.starttlslist.release.SigningEvents.publishTag(
                            repository,
                            now.instant(),
                            () -> SigningEventCommands.load(root, key, passphrase),
                            identity,
                            remote,
                            step -> {
                                out.println(step);
                                out.flush();
                            });
            out.println(
                    "published "
                            + tagged.tagName()
                            + " on "
                            + tagged.commit().abbreviate(10).name()
                            + " to "
                            + remote);
            out.flush();
            return ExitCodes.OK;
        }
        if (key != null) {
            throw new UsageException("--key goes with --tag");
        }
        Publish.Outcome outcome =
                RemoteOptions.withKnownRemote(
                        () ->
                                Publish.run(
                                        root.repository(),
                                        now.instant(),
                                        now.clock(),
                                        remote,
                                        remoteOptions.timeout(),
                                        step -> {
                                            out.println(step);
                                            out.flush();
                                        }),
                        "");
        out.println(
                "published "
                        + ListTimes.format(outcome.list().timestamp())
                        + " as "
                        + outcome.tagName()
                        + " to "
                        + outcome.remote());
        out.flush();
        return ExitCodes.OK;
    }
}
