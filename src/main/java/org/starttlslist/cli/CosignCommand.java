package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.starttlslist.release.ReleaseSettings;
import org.starttlslist.release.SigningEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "cosign",
        mixinStandardHelpOptions = true,
        description = {
            "Add your signature to a signing event made by 'release --propose'.",
            "Fetches BRANCH (sign/list-<timestamp>) from the remote, verifies every signature on it with",
            "release/keys/ of this checkout, refuses a list with less than minimum-validity-days left or",
            "one you already signed, appends your signature to release/policy.json.asc and pushes BRANCH.",
            "Your working tree and release branch are not touched; a refused push changes no ref."
        })
final class CosignCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Parameters(
            index = "0",
            paramLabel = "BRANCH",
            description = "The signing event branch, e.g. sign/list-20261201T120000Z.")
    String branch;

    @Option(
            names = "--key",
            required = true,
            paramLabel = "SECRET.asc",
            description = "Your armoured secret key file.")
    Path key;

    @Mixin PassphraseOptions passphrase;

    @Mixin CommitterOptions committer;

    @Option(
            names = "--remote",
            paramLabel = "NAME",
            defaultValue = "origin",
            description = "The git remote holding BRANCH (default: ${DEFAULT-VALUE}).")
    String remote;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var repository = root.repository();
        var identity = committer.resolve(ReleaseSettings.read(repository, now.instant()));
        SigningEvents.Outcome outcome =
                SigningEvents.cosign(
                        repository,
                        now.instant(),
                        () -> SigningEventCommands.load(root, key, passphrase),
                        identity,
                        remote,
                        branch,
                        step -> {
                            out.println(step);
                            out.flush();
                        });
        SigningEventCommands.printCosigned(out, outcome);
        return ExitCodes.OK;
    }
}
