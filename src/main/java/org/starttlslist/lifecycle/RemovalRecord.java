package org.starttlslist.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;
import tools.jackson.databind.JsonNode;

/**
 * {@code policies/removed/<domain>.json}: a domain taken off the list, and why. It stays in the
 * repository (never published) so that nothing re-adds the domain by accident: {@code validate}
 * rejects a source for it, and {@code add} refuses it unless {@code --re-add} comes with the
 * domain's proof record.
 *
 * @param cause why it was removed; {@link Cause#FAILING} is the one removal that needs no proof
 *     record (the domain kept failing its checks)
 */
public record RemovalRecord(
        String domain, LocalDate removed, Cause cause, String reason, String by) {
    public enum Cause {
        /** The domain's operator asked, proven by the proof record. */
        OWNER_REQUEST("owner-request"),
        /** {@code recheck apply}: a testing domain failed for testing-failure-days. */
        FAILING("failing");

        private final String wire;

        Cause(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Optional<Cause> fromWire(String text) {
            for (Cause cause : values()) {
                if (cause.wire.equals(text)) {
                    return Optional.of(cause);
                }
            }
            return Optional.empty();
        }
    }

    public RemovalRecord {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(removed, "removed");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
    }

    byte[] toBytes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("removed", removed.toString());
        tree.put("cause", cause.wire());
        tree.put("reason", reason);
        tree.put("by", by);
        return LifecycleJson.bytes(tree);
    }

    static RemovalRecord parse(String domain, JsonNode node, String display) {
        try {
            LocalDate removed = LocalDate.parse(LifecycleJson.text(node, "removed", display));
            Cause cause =
                    Cause.fromWire(LifecycleJson.text(node, "cause", display))
                            .orElseThrow(
                                    () ->
                                            new CorruptLifecycleFileException(
                                                    display,
                                                    "has a \"cause\" other than owner-request or failing"));
            return new RemovalRecord(
                    domain,
                    removed,
                    cause,
                    LifecycleJson.text(node, "reason", display),
                    LifecycleJson.text(node, "by", display));
        } catch (DateTimeParseException e) {
            throw new CorruptLifecycleFileException(
                    display, "has a \"removed\" date that is not YYYY-MM-DD");
        }
    }

    /** The removal record of {@code domain} in a repository, if it has one. */
    public static Optional<RemovalRecord> find(ListRepository repository, String domain) {
        Path file = new LifecycleLayout(repository).removalRecord(domain);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(
                parse(
                        domain,
                        LifecycleJson.read(file, repository.display(file)),
                        repository.display(file)));
    }

    /** Every removal record in a repository, by domain. */
    public static Map<String, RemovalRecord> all(ListRepository repository) {
        Path directory = new LifecycleLayout(repository).removedDir();
        Map<String, RemovalRecord> records = new java.util.TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return records;
        }
        try (var files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String domain = name.substring(0, name.length() - ".json".length());
                records.put(
                        domain,
                        parse(
                                domain,
                                LifecycleJson.read(file, repository.display(file)),
                                repository.display(file)));
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot list " + repository.display(directory) + ": " + e.getMessage(), e);
        }
        return records;
    }
}
