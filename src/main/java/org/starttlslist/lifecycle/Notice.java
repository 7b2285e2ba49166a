package org.starttlslist.lifecycle;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One message to a domain's contact about a change of its state. Notices wait in {@code
 * history/outbox/} until sent (or written by {@code --dry-run}), so a relay that is down delays
 * them to the next run instead of losing them, and the rate limit defers, never drops.
 */
public record Notice(
        String id,
        String domain,
        String to,
        Kind kind,
        LocalDate date,
        String subject,
        String body) {
    /** The changes of state a contact hears about, once each. */
    public enum Kind {
        FAILING("failing"),
        RECOVERED("recovered"),
        DEMOTED("demoted"),
        REMOVED("removed"),
        PROMOTED("promoted");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Kind fromWire(String text, String display) {
            for (Kind kind : values()) {
                if (kind.wire.equals(text)) {
                    return kind;
                }
            }
            throw new CorruptLifecycleFileException(
                    display, "has an unknown notice kind '" + text + "'");
        }
    }

    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
    }

    static Notice of(
            String domain, String to, Kind kind, LocalDate date, String subject, String body) {
        return new Notice(
                date + "-" + domain + "-" + kind.wire(), domain, to, kind, date, subject, body);
    }

    byte[] toBytes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("domain", domain);
        tree.put("to", to);
        tree.put("kind", kind.wire());
        tree.put("date", date.toString());
        tree.put("subject", subject);
        tree.put("body", body);
        return LifecycleJson.bytes(tree);
    }

    static Notice parse(String id, JsonNode node, String display) {
        return new Notice(
                id,
                LifecycleJson.text(node, "domain", display),
                LifecycleJson.text(node, "to", display),
                Kind.fromWire(LifecycleJson.text(node, "kind", display), display),
                LocalDate.parse(LifecycleJson.text(node, "date", display)),
                LifecycleJson.text(node, "subject", display),
                LifecycleJson.text(node, "body", display));
    }
}
