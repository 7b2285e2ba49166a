package org.starttlslist.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.starttlslist.source.ListRepository;

/**
 * Delivers the outbox, oldest first, at most {@code limit} notices per run (the rate limit: a mass
 * outage must not turn into a flood from the relay; the rest wait for the next run). A notice
 * leaves the outbox only once the transport has taken it; the first failure stops the run.
 */
public final class NoticeDelivery {
    private NoticeDelivery() {}

    /** What a delivery did. */
    public record Outcome(
            List<Notice> delivered,
            int deferred,
            java.util.Optional<NoticeNotSentException> failure) {}

    public static Outcome deliver(ListRepository repository, NoticeTransport transport, int limit) {
        List<Notice> pending = Outbox.pending(repository);
        List<Notice> delivered = new ArrayList<>();
        for (Notice notice : pending) {
            if (delivered.size() >= limit) {
                break;
            }
            try {
                transport.deliver(notice);
            } catch (NoticeNotSentException e) {
                return new Outcome(
                        delivered, pending.size() - delivered.size(), java.util.Optional.of(e));
            }
            Outbox.remove(repository, notice);
            delivered.add(notice);
        }
        return new Outcome(
                delivered, pending.size() - delivered.size(), java.util.Optional.empty());
    }
}
