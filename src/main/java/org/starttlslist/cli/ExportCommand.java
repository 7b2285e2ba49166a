package org.starttlslist.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.starttlslist.export.EximPolicyFile;
import org.starttlslist.export.ListExporter;
import org.starttlslist.export.MtaConfigGenerator;
import org.starttlslist.export.Postconf;
import org.starttlslist.export.PostfixPolicyMap;
import org.starttlslist.mirror.MirrorLayout;
import org.starttlslist.model.ListTimes;
import org.starttlslist.verify.InputCaps;
import org.starttlslist.verify.ListVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Turn an installed list into MTA configuration.",
        subcommands = {ExportCommand.Postfix.class, ExportCommand.Exim.class})
final class ExportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("name the MTA: starttls-list export postfix|exim --list DIR|FILE");
    }

    @Command(
            name = "postfix",
            mixinStandardHelpOptions = true,
            description = {
                "Write a Postfix smtp_tls_policy_maps table from an installed list.",
                "enforce -> 'domain  secure match=mx1:mx2'; testing -> a comment",
                "(or secure with --early-adopter). An expired list gives a one-line",
                "fallback table (opportunistic TLS), ACTION REQUIRED and exit 1."
            })
    static final class Postfix implements Callable<Integer> {
        @Mixin ExportListOptions source;

        @Option(
                names = "--postfix-config",
                paramLabel = "DIR",
                description =
                        "The Postfix configuration directory whose smtp_tls_policy_maps the instructions extend"
                                + " (postconf -c DIR; default: Postfix's own).")
        Path postfixConfig;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description =
                        "Where to write the table. Default: postfix_tls_policy beside the list (in the mirror directory).")
        Path out;

        @Mixin NowOption now;

        @Mixin InputCapOptions caps;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return run(
                    new PostfixPolicyMap(
                            source.earlyAdopter,
                            new Postconf(java.util.Optional.ofNullable(postfixConfig))),
                    spec,
                    source.list,
                    source.keys,
                    out,
                    now,
                    caps);
        }
    }

    @Command(
            name = "exim",
            mixinStandardHelpOptions = true,
            description = {
                "Write an Exim lsearch file from an installed list, and print the routers and",
                "transport that use it (once, into Exim's configuration).",
                "enforce -> 'domain: MX host names it may use'; testing -> a comment",
                "(or enforced with --early-adopter). Exim then uses only those MX hosts, over TLS",
                "with a verified certificate for the host's name. An expired list gives a",
                "one-line fallback file (opportunistic TLS), ACTION REQUIRED and exit 1."
            })
    static final class Exim implements Callable<Integer> {
        @Mixin ExportListOptions source;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description =
                        "Where to write the file. Default: exim_tls_policy beside the list (in the mirror directory).")
        Path out;

        @Mixin NowOption now;

        @Mixin InputCapOptions caps;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return run(
                    new EximPolicyFile(source.earlyAdopter),
                    spec,
                    source.list,
                    source.keys,
                    out,
                    now,
                    caps);
        }
    }

    /** Shared by every MTA subcommand: locate, export, report. */
    static int run(
            MtaConfigGenerator generator,
            CommandSpec spec,
            Path list,
            List<Path> keys,
            Path out,
            NowOption now,
            InputCapOptions caps) {
        InputCaps limits = caps.caps();
        Optional<ListVerifier.Options> verification =
                keys.isEmpty()
                        ? Optional.empty()
                        : Optional.of(caps.verification(caps.loadKeys(keys), now.instant()));
        MirrorLayout.ListFiles files = MirrorLayout.locate(list);
        Path target =
                out != null
                        ? out
                        : (java.nio.file.Files.isDirectory(list)
                                        ? list
                                        : files.list().toAbsolutePath().getParent())
                                .resolve(generator.defaultFileName());
        generator
                .unusableOutput(target)
                .ifPresent(
                        problem -> {
                            throw new UsageException(
                                    problem + (out != null ? " (--out)" : " (pass --out)"));
                        });
        ListExporter.Outcome outcome =
                new ListExporter(generator)
                        .export(
                                new ListExporter.Request(
                                        files.list(),
                                        files.signature(),
                                        verification,
                                        now.instant(),
                                        target,
                                        limits));
        var stdout = spec.commandLine().getOut();
        var stderr = spec.commandLine().getErr();
        if (outcome instanceof ListExporter.Outcome.Expired expired) {
            stderr.println(
                    "ACTION REQUIRED: the policy list at "
                            + expired.listFile()
                            + " expired at "
                            + ListTimes.format(expired.expiredAt())
                            + ". Wrote "
                            + expired.out()
                            + " with no policies, so mail falls back to opportunistic TLS. Check that your mirror"
                            + " (systemd timer or cron job running 'starttls-list mirror') works, then export again.");
            stderr.flush();
            stdout.println(generator.fallbackWritten(expired.out()));
            stdout.flush();
            return ExitCodes.REJECTED;
        }
        ListExporter.Outcome.Written written = (ListExporter.Outcome.Written) outcome;
        stdout.println(
                "Wrote "
                        + written.out()
                        + ": "
                        + written.enforce()
                        + " enforce, "
                        + written.testing()
                        + " testing"
                        + " (list of "
                        + ListTimes.format(written.list().timestamp())
                        + ", expires "
                        + ListTimes.format(written.list().expires())
                        + ", signature "
                        + (written.signatureChecked()
                                ? "verified"
                                : "NOT checked: pass --keys to check it")
                        + ").");
        for (String line : generator.instructions(written.out())) {
            stdout.println(line);
        }
        stdout.flush();
        written.expiresSoon()
                .ifPresent(
                        left -> {
                            stderr.println(
                                    "warning: the list expires in "
                                            + hours(left)
                                            + "; the mirror should have replaced it by now."
                                            + " Check that 'starttls-list mirror' runs (at least every 48 hours).");
                            stderr.flush();
                        });
        return ExitCodes.OK;
    }

    private static String hours(Duration left) {
        return left.toHours() + " hours";
    }
}
