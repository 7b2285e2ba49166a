package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.starttlslist.lifecycle.DirectoryTransport;
import org.starttlslist.lifecycle.LifecycleSettings;
import org.starttlslist.lifecycle.NoticeDelivery;
import org.starttlslist.lifecycle.NoticeTransport;
import org.starttlslist.lifecycle.Outbox;
import org.starttlslist.lifecycle.RelaySettings;
import org.starttlslist.lifecycle.SmtpRelay;
import org.starttlslist.source.ListRepository;
import picocli.CommandLine.Option;

/**
 * Where the notices in {@code history/outbox/} go after a command queued them: the SMTP relay named
 * by the environment, files ({@code --dry-run DIR}), or nowhere yet ({@code --no-send}).
 */
final class NoticeOptions {
    @Option(
            names = "--dry-run",
            paramLabel = "DIR",
            description =
                    "Write each notice to DIR/<id>.eml instead of sending it (the outbox is emptied as if sent).")
    Path dryRun;

    @Option(
            names = "--no-send",
            description =
                    "Leave the notices queued in history/outbox/ (send them later with 'notify').")
    boolean noSend;

    /**
     * Delivers what is queued; returns false when a notice could not be delivered (it stays
     * queued).
     */
    boolean deliver(ListRepository repository, Instant now, PrintWriter out, PrintWriter err) {
        if (noSend) {
            int pending = Outbox.pending(repository).size();
            if (pending > 0) {
                out.println("notices: " + pending + " queued in history/outbox/ (--no-send)");
            }
            return true;
        }
        if (Outbox.pending(repository).isEmpty()) {
            return true;
        }
        int limit = LifecycleSettings.load(repository).noticesPerRun();
        try (NoticeTransport transport =
                dryRun != null
                        ? new DirectoryTransport(repository.root().resolve(dryRun), from(), now)
                        : new SmtpRelay(RelaySettings.fromEnvironment(System.getenv()), now)) {
            NoticeDelivery.Outcome outcome = NoticeDelivery.deliver(repository, transport, limit);
            outcome.delivered()
                    .forEach(
                            notice ->
                                    out.println(
                                            "notice "
                                                    + transport.verb()
                                                    + ": "
                                                    + notice.id()
                                                    + " to "
                                                    + notice.to()));
            if (outcome.deferred() > 0 && outcome.failure().isEmpty()) {
                out.println(
                        "notices: "
                                + outcome.deferred()
                                + " left in history/outbox/ for the next run (notices-per-run "
                                + limit
                                + ")");
            }
            if (outcome.failure().isPresent()) {
                err.println("notify: " + outcome.failure().get().getMessage());
                return false;
            }
            return true;
        }
    }

    private static String from() {
        String configured = System.getenv(RelaySettings.FROM);
        return configured == null || configured.isBlank()
                ? "starttls-list@starttls-list.invalid"
                : configured;
    }
}
