package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.starttlslist.model.ListTimes;
import org.starttlslist.release.Release;
import org.starttlslist.release.ReleaseSettings;
import org.starttlslist.release.SigningEvents;
import org.starttlslist.signing.SigningKey;
import org.starttlslist.source.ListRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        description = {
            "Validate, build, sign, verify, commit, tag (signed) and push a release:",
            "all or nothing.",
            "Refuses (exit 1) when not on the release branch, the working tree is not",
            "clean, the branch is behind the remote, validate finds an error, the new",
            "list is not newer than release/policy.json, or the signed list does not",
            "verify with release/keys/. If the push fails, the branch and tags are put",
            "back as they were (exit 3).",
            "The list is built from the commit at HEAD (never the working tree) and the",
            "committed pair is verified as a mirror will. No git hook of the clone runs.",
            "--now must be within 5 minutes of the clock unless --allow-now-far-from-clock",
            "is given, and the list must be valid at the real time either way."
        })
final class ReleaseCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Option(
            names = "--key",
            required = true,
            paramLabel = "SECRET.asc",
            description = "The maintainer's armoured secret key file.")
    Path key;

    @Mixin PassphraseOptions passphrase;

    @Mixin CommitterOptions committer;

    @Option(
            names = "--remote",
            paramLabel = "NAME",
            defaultValue = "origin",
            description =
                    "The git remote to check against and push to (default: ${DEFAULT-VALUE}).")
    String remote;

    @Option(
            names = "--no-push",
            description = "Stop after the signed tag; push later with 'starttls-list publish'.")
    boolean noPush;

    @Option(
            names = "--allow-now-far-from-clock",
            description =
                    "Release with a --now more than 5 minutes from the clock (the list must still be valid at the real time).")
    boolean allowNowFarFromClock;

    @Mixin RemoteOptions remoteOptions;

    @Option(
            names = "--propose",
            description = {
                "For a protected branch or a threshold above 1: push the signed list",
                "to a new branch sign/list-<timestamp> instead (a signing event); others run 'cosign', then merge",
                "it by pull request and run 'publish --tag'."
            })
    boolean propose;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ListRepository repository = root.repository();
        var identity = committer.resolve(ReleaseSettings.read(repository, now.instant()));
        if (allowNowFarFromClock && now.given()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(
                    "release: WARNING: --allow-now-far-from-clock: releasing as of "
                            + ListTimes.format(now.instant())
                            + " while the clock says "
                            + ListTimes.format(now.clock()));
            err.flush();
        }
        if (propose) {
            if (noPush) {
                throw new UsageException(
                        "--propose pushes the signing event branch; it does not go with --no-push");
            }
            Release.Request request =
                    new Release.Request(
                            repository,
                            now.instant(),
                            now.clock(),
                            allowNowFarFromClock,
                            this::loadKey,
                            identity,
                            remote,
                            true,
                            remoteOptions.timeout());
            return RemoteOptions.withKnownRemote(
                    () -> SigningEventCommands.propose(out, request), "");
        }
        SigningEvents.requireSingleSigner(repository);
        Release.Request request =
                new Release.Request(
                        repository,
                        now.instant(),
                        now.clock(),
                        allowNowFarFromClock,
                        this::loadKey,
                        identity,
                        remote,
                        !noPush,
                        remoteOptions.timeout());
        Release.Outcome outcome =
                RemoteOptions.withKnownRemote(
                        () ->
                                Release.run(
                                        request,
                                        step -> {
                                            out.println(step);
                                            out.flush();
                                        }),
                        ", or use --no-push and publish later");
        out.println(
                (outcome.pushedTo().isPresent() ? "released " : "prepared ")
                        + ListTimes.format(outcome.list().timestamp())
                        + " as "
                        + outcome.tagName()
                        + (outcome.pushedTo().isPresent()
                                ? " (pushed to " + outcome.pushedTo().get() + ")"
                                : " (not pushed)"));
        out.flush();
        return ExitCodes.OK;
    }

    private SigningKey loadKey() {
        // As with git -C, a relative path is relative to the -C directory.
        Path file = root.directory == null ? key : root.directory.resolve(key);
        char[] secret = passphrase.read("Passphrase for " + file, false);
        try {
            return SigningKey.load(file, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
