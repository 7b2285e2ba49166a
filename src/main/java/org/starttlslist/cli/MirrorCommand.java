package org.starttlslist.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.mirror.FetchLimits;
import org.starttlslist.mirror.HttpsSettings;
import org.starttlslist.mirror.ListSource;
import org.starttlslist.mirror.ListSources;
import org.starttlslist.mirror.Mirror;
import org.starttlslist.mirror.MirrorLayout;
import org.starttlslist.mirror.Staleness;
import org.starttlslist.model.ListTimes;
import org.starttlslist.verify.ListVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "mirror", mixinStandardHelpOptions = true,
        description = {
            "Fetch the list and its signature, verify them against pinned keys,",
            "and install them as one unit.",
            "SOURCE is a local directory; an https:// base URL serving policy.json",
            "and policy.json.asc; or a git URL (file:, ssh:, git+https://, or",
            "https://….git) at its newest list-* tag, or at URL#BRANCH."},
        footer = {
            "",
            "Exit codes:",
            "  0  installed, or already current",
            "  1  rejected; nothing changed",
            "  2  usage error",
            "  3  could not fetch; nothing changed",
            "  4  stale: the installed list has expired or expires within 48 hours",
            "     and no newer list could be installed (ACTION REQUIRED on stderr)"})
final class MirrorCommand implements Callable<Integer> {
    /** The installed list is expired or about to be, and this run could not replace it. */
    static final int STALE = ExitCodes.STALE;

    @Option(names = "--from", paramLabel = "SOURCE", description = "Where to fetch from (see above).")
    String from;

    @Option(names = "--keys", split = ",", paramLabel = "PINNED.asc",
            description = "Pinned public keys (copied out of band from the list repository's release/keys/).")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--into", paramLabel = "DIR", description = "The mirror directory (current -> releases/<name>/).")
    Path into;

    @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "" + FetchLimits.DEFAULT_LIST_BYTES,
            description = "Largest policy.json accepted (default ${DEFAULT-VALUE}); the signature is capped at 64 KiB.")
    long maxBytes;

    @Option(names = "--threshold", paramLabel = "K", defaultValue = "1",
            description = "Valid signatures needed from distinct pinned keys (default ${DEFAULT-VALUE}).")
    int threshold;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "" + Mirror.DEFAULT_KEEP,
            description = "Releases kept for going back by hand (default ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Deadline for each download (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for another run to finish (default ${DEFAULT-VALUE}).")
    long lockWaitSeconds;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust only these CA certificates for https (default: the JDK's trust store).")
    Path caFile;

    @Option(names = "--print-schedule", description = "Print a systemd service and timer and a cron line for this mirror, then exit.")
    boolean printSchedule;

    @Mixin
    NowOption now;

    @Mixin
    SettingsFileOption config;

    @Mixin
    TableRefreshOptions tableRefresh;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (printSchedule) {
            out.print(ScheduleText.of(spec));
            out.flush();
            return ExitCodes.OK;
        }
        if (from == null || keys.isEmpty() || into == null) {
            throw new UsageException("mirror needs --from SOURCE, --keys PINNED.asc and --into DIR");
        }
        if (maxBytes < 1 || threshold < 1 || keep < 1 || timeoutSeconds < 1 || lockWaitSeconds < 0) {
            throw new UsageException("--max-bytes, --threshold, --keep and --timeout must be positive");
        }
        var instant = now.instant();
        MirrorLayout layout = new MirrorLayout(into);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ListSource source;
        try {
            HttpsSettings https = caFile == null ? HttpsSettings.defaults(timeout) : HttpsSettings.trusting(caFile, timeout);
            source = ListSources.parse(from, layout, https, timeout);
        } catch (ListSources.InvalidSourceException e) {
            throw new UsageException(e.getMessage());
        }
        Mirror mirror = new Mirror(layout, new Mirror.Options(keys, instant, threshold, ListVerifier.DEFAULT_SKEW,
                new FetchLimits(maxBytes, FetchLimits.DEFAULT_SIGNATURE_BYTES), Duration.ofSeconds(lockWaitSeconds), keep));
        RuntimeException failure = null;
        Optional<Mirror.Outcome> outcome = Optional.empty();
        try {
            outcome = Optional.of(mirror.run(source));
        } catch (RejectedException | CouldNotCompleteException | java.io.UncheckedIOException e) {
            failure = e;
        }
        outcome.ifPresent(o -> {
            o.notes().forEach(note -> out.println("note: " + note));
            String what = o.status() == Mirror.Status.INSTALLED ? "Installed " : "Already current: ";
            out.println(what + o.release() + " (list of " + ListTimes.format(o.list().timestamp()) + ", expires "
                    + ListTimes.format(o.list().expires()) + ", " + o.list().policies().size() + " domains, signed by "
                    + String.join(", ", o.signers()) + ", from " + o.origin() + ")");
            o.pruned().forEach(p -> out.println("Removed old release " + p));
            out.flush();
        });
        Optional<String> stale = Staleness.check(layout, instant, failure != null);
        int refreshed = tableRefresh.refresh(layout, keys, instant, out, err);
        if (failure != null && stale.isEmpty()) {
            throw failure;
        }
        if (failure != null) {
            err.println("mirror: " + failure.getMessage());
        }
        if (stale.isPresent()) {
            err.println(stale.get());
            err.flush();
            return STALE;
        }
        return refreshed;
    }
}
