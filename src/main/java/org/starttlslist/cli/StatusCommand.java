package org.starttlslist.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.release.ListStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show the published list (as committed at HEAD, or on --remote's release",
            "branch; never the working tree): timestamp, expiry, time left, domains by mode,",
            "signer. Exit 1 when it has expired, has less than minimum-validity-days",
            "left (a release is due), or its signature does not verify with",
            "release/keys/; exit 0 otherwise."
        })
final class StatusCommand implements Callable<Integer>, JsonOutput.Formatted {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Option(
            names = "--remote",
            paramLabel = "NAME",
            description =
                    "Read the list on this remote's release branch (fetched, nothing checked out).")
    String remote;

    @Mixin RemoteOptions remoteOptions;

    @Mixin OutputFormatOption format;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public boolean json() {
        return format.json();
    }

    @Override
    public Optional<java.nio.file.Path> subject() {
        return Optional.of(root.repository().root());
    }

    @Override
    public Integer call() {
        return JsonOutput.run(spec, this, this::status);
    }

    private int status() {
        PrintWriter out = spec.commandLine().getOut();
        ListStatus status =
                RemoteOptions.withKnownRemote(
                        () ->
                                ListStatus.read(
                                        root.repository(),
                                        now.instant(),
                                        Optional.ofNullable(remote),
                                        remoteOptions.timeout()),
                        "");
        if (format.json()) {
            ObjectNode document = json(status);
            JsonOutput.print(out, document);
            return document.get("exit-code").asInt();
        }
        var list = status.list();
        out.println("list:      " + status.where());
        out.println("timestamp: " + ListTimes.format(list.timestamp()));
        out.println("expires:   " + ListTimes.format(list.expires()));
        out.println(
                "time left: "
                        + describe(status.left())
                        + " (a release is due with less than "
                        + describe(status.minimumValidity())
                        + " left)");
        out.println(
                "domains:   "
                        + list.policies().size()
                        + " ("
                        + list.count(Mode.ENFORCE)
                        + " enforce, "
                        + list.count(Mode.TESTING)
                        + " testing)");
        out.println(
                "signed by: "
                        + (status.signers().isEmpty()
                                ? "(no readable signature)"
                                : String.join(", ", status.signers())));
        out.println("signature: " + status.verification());
        if (!status.verified()) {
            // A list that does not verify is refused by every mirror, whatever its dates say.
            out.println(
                    "status:    BAD SIGNATURE: the published signature does not verify with release/keys/;"
                            + " release again with a pinned key");
            out.flush();
            return ExitCodes.REJECTED;
        }
        boolean ok =
                switch (status.state()) {
                    case OK -> {
                        out.println("status:    ok");
                        yield true;
                    }
                    case DUE -> {
                        out.println(
                                "status:    RELEASE DUE: less than "
                                        + describe(status.minimumValidity())
                                        + " left; run 'starttls-list release'");
                        yield false;
                    }
                    case EXPIRED -> {
                        out.println(
                                "status:    EXPIRED: mirrors no longer accept this list; run 'starttls-list release' now");
                        yield false;
                    }
                };
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.REJECTED;
    }

    /** The state as monitoring reads it: the same decision as the text's last line. */
    static String state(ListStatus status) {
        if (!status.verified()) {
            return "bad-signature";
        }
        return switch (status.state()) {
            case OK -> "ok";
            case DUE -> "release-due";
            case EXPIRED -> "expired";
        };
    }

    private static ObjectNode json(ListStatus status) {
        String state = state(status);
        ObjectNode root =
                JsonOutput.document(
                        "status", state.equals("ok") ? ExitCodes.OK : ExitCodes.REJECTED);
        var list = status.list();
        root.put("now", JsonOutput.instant(status.now()));
        root.put("list", status.where());
        root.put("timestamp", JsonOutput.instant(list.timestamp()));
        root.put("expires", JsonOutput.instant(list.expires()));
        root.put("seconds-left", status.left().toSeconds());
        root.put("minimum-validity-seconds", status.minimumValidity().toSeconds());
        ObjectNode domains = root.putObject("domains");
        domains.put("total", list.policies().size());
        domains.put("enforce", list.count(Mode.ENFORCE));
        domains.put("testing", list.count(Mode.TESTING));
        JsonOutput.strings(root, "signers", status.signers());
        ObjectNode signature = root.putObject("signature");
        signature.put("verified", status.verified());
        signature.put("detail", status.verification());
        root.put("state", state);
        return root;
    }

    static String describe(Duration duration) {
        if (duration.isNegative()) {
            return "none (" + describe(duration.negated()) + " ago)";
        }
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        return hours + "h " + minutes + "m";
    }
}
