package org.starttlslist.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.failure.Printable;
import org.starttlslist.mirror.FetchLimits;
import org.starttlslist.mirror.HttpsSettings;
import org.starttlslist.mirror.ListSource;
import org.starttlslist.mirror.ListSources;
import org.starttlslist.mirror.Mirror;
import org.starttlslist.mirror.MirrorLayout;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.schedule.TableRefresh;
import org.starttlslist.verify.InputCaps;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

@Command(
        name = "mirror",
        mixinStandardHelpOptions = true,
        description = {
            "Fetch the list and its signature, verify them against pinned keys,",
            "and install them as one unit.",
            "SOURCE is a local directory; an https:// base URL serving policy.json",
            "and policy.json.asc; or a git URL (file:, ssh:, git+https://, or",
            "https://….git) at its newest list-* tag, or at URL#BRANCH."
        },
        footer = {
            "",
            "Exit codes:",
            "  0  installed, or already current",
            "  1  rejected; nothing changed",
            "  2  usage error",
            "  3  could not fetch; nothing changed",
            "  4  stale: the installed list has expired or expires within 48 hours",
            "     (or cannot be read) and no newer list could be installed;",
            "     ACTION REQUIRED on stderr, also when the run failed"
        })
final class MirrorCommand implements Callable<Integer>, JsonOutput.Formatted {
    /** The installed list is expired or about to be, and this run could not replace it. */
    static final int STALE = ExitCodes.STALE;

    @Option(
            names = "--from",
            paramLabel = "SOURCE",
            description = "Where to fetch from (see above).")
    String from;

    @Option(
            names = "--keys",
            split = ",",
            paramLabel = "PINNED.asc",
            description =
                    "Pinned public keys (copied out of band from the list repository's release/keys/).")
    List<Path> keys = new ArrayList<>();

    @Option(
            names = "--into",
            paramLabel = "DIR",
            description = "The mirror directory (current -> releases/<name>/).")
    Path into;

    @Mixin InputCapOptions caps;

    @Option(
            names = "--max-repository-bytes",
            paramLabel = "N",
            defaultValue = "" + FetchLimits.DEFAULT_REPOSITORY_BYTES,
            description =
                    "Largest git download into DIR/.cache/git for a git source (default ${DEFAULT-VALUE}).")
    long maxRepositoryBytes;

    @Option(
            names = "--threshold",
            paramLabel = "K",
            defaultValue = "1",
            description =
                    "Valid signatures needed from distinct pinned keys (default ${DEFAULT-VALUE}).")
    int threshold;

    @Option(
            names = "--keep",
            paramLabel = "N",
            defaultValue = "" + Mirror.DEFAULT_KEEP,
            description = "Releases kept for going back by hand (default ${DEFAULT-VALUE}).")
    int keep;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Deadline for each download (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(
            names = "--lock-wait",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "How long to wait for another run to finish (default ${DEFAULT-VALUE}).")
    long lockWaitSeconds;

    @Option(
            names = "--ca-file",
            paramLabel = "PEM",
            description =
                    "Trust only these CA certificates for https (default: the JDK's trust store).")
    Path caFile;

    @Option(
            names = "--print-schedule",
            description =
                    "Print a systemd service and timer and a cron line for this mirror, then exit.")
    boolean printSchedule;

    @Mixin NowOption now;

    @Mixin SettingsFileOption config;

    @Mixin TableRefreshOptions tableRefresh;

    @Mixin OutputFormatOption format;

    @Spec CommandSpec spec;

    @Override
    public boolean json() {
        return format.json();
    }

    @Override
    public Optional<Path> subject() {
        return Optional.ofNullable(into);
    }

    @Override
    public Integer call() {
        return JsonOutput.run(spec, this, this::mirror);
    }

    private int mirror() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (printSchedule) {
            out.print(ScheduleText.of(spec));
            out.flush();
            return ExitCodes.OK;
        }
        if (from == null || keys.isEmpty() || into == null) {
            throw new UsageException(
                    "mirror needs --from SOURCE, --keys PINNED.asc and --into DIR");
        }
        if (threshold < 1
                || keep < 1
                || timeoutSeconds < 1
                || lockWaitSeconds < 0
                || maxRepositoryBytes < 1) {
            throw new UsageException(
                    "--threshold, --keep, --timeout and --max-repository-bytes must be positive");
        }
        InputCaps limits = caps.caps();
        var instant = now.instant();
        MirrorLayout layout = new MirrorLayout(into);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ListSource source;
        try {
            HttpsSettings https =
                    caFile == null
                            ? HttpsSettings.defaults(timeout)
                            : HttpsSettings.trusting(caFile, timeout);
            source = ListSources.parse(from, layout, https, timeout, instant);
        } catch (ListSources.InvalidSourceException e) {
            throw new UsageException(e.getMessage());
        } catch (CouldNotCompleteException e) {
            // An unreadable --ca-file is an option to fix, found before anything is fetched.
            throw new UsageException("--ca-file: " + e.getMessage());
        }
        // Loaded before the lock is taken or anything is fetched: a typo in --keys is a usage
        // error.
        PinnedKeys pinned = caps.loadKeys(keys);
        ListVerifier.Options verification =
                caps.verification(pinned, instant).withThreshold(threshold);
        Mirror mirror =
                new Mirror(
                        layout,
                        new Mirror.Options(
                                verification,
                                new FetchLimits(
                                        limits.listBytes(),
                                        limits.signatureBytes(),
                                        maxRepositoryBytes),
                                Duration.ofSeconds(lockWaitSeconds),
                                keep));
        Mirror.Report report = mirror.run(source);
        if (format.json()) {
            return json(report, layout, verification, limits, instant);
        }
        report.outcome()
                .ifPresent(
                        o -> {
                            o.notes()
                                    .forEach(
                                            note -> out.println("note: " + Printable.escape(note)));
                            String what =
                                    o.status() == Mirror.Status.INSTALLED
                                            ? "Installed "
                                            : "Already current: ";
                            out.println(
                                    what
                                            + o.release()
                                            + " (list of "
                                            + ListTimes.format(o.list().timestamp())
                                            + ", expires "
                                            + ListTimes.format(o.list().expires())
                                            + ", "
                                            + o.list().policies().size()
                                            + " domains, signed by "
                                            + String.join(", ", o.signers())
                                            + ", from "
                                            + Printable.escape(o.origin())
                                            + ")");
                            o.pruned().forEach(p -> out.println("Removed old release " + p));
                            out.flush();
                        });
        // The MTA's table follows the installed list (and its expiry) whatever this run's outcome.
        int refreshed =
                tableRefresh
                        .refresh(layout, verification, limits, instant, verifiedRelease(report))
                        .map(
                                result -> {
                                    TableRefreshOptions.print(result, out, err);
                                    return result.exitCode();
                                })
                        .orElse(ExitCodes.OK);
        // The core decides staleness; here it only becomes exit 4.
        if (report.failure().isPresent() && !report.stale()) {
            throw report.failure().get();
        }
        report.failure()
                .ifPresent(failure -> err.println("mirror: " + CommandLines.describe(failure)));
        if (report.stale()) {
            err.println(Printable.escape(report.actionRequired().get()));
            err.flush();
            return STALE;
        }
        return refreshed;
    }

    /** What the run verified, so the table refresh exports it without verifying it again. */
    private static Optional<TableRefresh.VerifiedRelease> verifiedRelease(Mirror.Report report) {
        return report.outcome()
                .map(o -> new TableRefresh.VerifiedRelease(o.release(), o.verified()));
    }

    /**
     * One document for the whole run (schema/mirror-output.schema.json), the same exit code as the
     * text form; the human lines for failures and alerts still go to standard error.
     */
    private int json(
            Mirror.Report report,
            MirrorLayout layout,
            ListVerifier.Options verification,
            InputCaps limits,
            java.time.Instant instant) {
        var err = spec.commandLine().getErr();
        ObjectNode root = JsonOutput.document("mirror", ExitCodes.OK);
        root.put("now", JsonOutput.instant(instant));
        root.put("into", into.toString());
        root.put("from", Printable.escape(from));
        report.outcome()
                .ifPresentOrElse(
                        o -> {
                            root.put(
                                    "status",
                                    o.status() == Mirror.Status.INSTALLED
                                            ? "installed"
                                            : "already-current");
                            root.put("release", o.release().toString());
                            ObjectNode list = root.putObject("list");
                            list.put("timestamp", JsonOutput.instant(o.list().timestamp()));
                            list.put("expires", JsonOutput.instant(o.list().expires()));
                            list.put("domains", o.list().policies().size());
                            list.put("enforce", o.list().count(Mode.ENFORCE));
                            list.put("testing", o.list().count(Mode.TESTING));
                            JsonOutput.strings(root, "signed-by", o.signers());
                            root.put("origin", Printable.escape(o.origin()));
                            JsonOutput.strings(
                                    root,
                                    "notes",
                                    o.notes().stream().map(Printable::escape).toList());
                            JsonOutput.strings(root, "pruned", o.pruned());
                        },
                        () -> root.put("status", "failed"));
        int code = ExitCodes.OK;
        if (report.failure().isPresent()) {
            RuntimeException failure = report.failure().get();
            code = CommandLines.exitCode(failure);
            String line = CommandLines.describe(failure);
            err.println("mirror: " + line);
            root.set("error", JsonOutput.error(code, line, Optional.of(into)));
        }
        // The MTA's table follows the installed list (and its expiry) whatever this run's outcome.
        Optional<TableRefreshOptions.Result> table =
                tableRefresh.refresh(
                        layout, verification, limits, instant, verifiedRelease(report));
        if (table.isPresent()) {
            root.set("postfix-table", tableRefresh.json(table.get(), err));
            if (code == ExitCodes.OK) {
                code = table.get().exitCode();
            }
        }
        root.put("stale", report.stale());
        if (report.stale()) {
            String alert = Printable.escape(report.actionRequired().get());
            err.println(alert);
            root.put("action-required", alert);
            code = STALE;
        }
        err.flush();
        root.put("exit-code", code);
        JsonOutput.print(spec.commandLine().getOut(), root);
        return code;
    }
}
