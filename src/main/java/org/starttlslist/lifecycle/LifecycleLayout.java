package org.starttlslist.lifecycle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import org.starttlslist.source.ListRepository;

/**
 * Where the lifecycle's files live in a list repository.
 *
 * <p>Per-domain history files sit two directory levels deep, by the first two hex digits of the
 * SHA-256 of the domain ({@code history/domains/3/f/example.com.json}). A state change rewrites one
 * small file and three small git trees (16 entries each) instead of one tree with an entry per
 * domain, so the repository grows by about a kilobyte per changed domain, whatever the size of the
 * list.
 */
public record LifecycleLayout(ListRepository repository) {
    public Path removedDir() {
        return repository.policiesDir().resolve("removed");
    }

    public Path removalRecord(String domain) {
        return removedDir().resolve(domain + ".json");
    }

    public Path source(String domain) {
        return repository.policiesDir().resolve(domain + ".json");
    }

    public Path historyDir() {
        return repository.root().resolve("history");
    }

    public Path domainsDir() {
        return historyDir().resolve("domains");
    }

    public Path domainState(String domain) {
        String hex = sha256Hex(domain);
        return domainsDir()
                .resolve(hex.substring(0, 1))
                .resolve(hex.substring(1, 2))
                .resolve(domain + ".json");
    }

    public Path runsDir() {
        return historyDir().resolve("runs");
    }

    /** {@code history/runs/2026/12/01.json}: one directory per month keeps each git tree small. */
    public Path runRecord(LocalDate date) {
        return runsDir()
                .resolve(String.format("%04d", date.getYear()))
                .resolve(String.format("%02d", date.getMonthValue()))
                .resolve(String.format("%02d.json", date.getDayOfMonth()));
    }

    public Path outboxDir() {
        return historyDir().resolve("outbox");
    }

    static String sha256Hex(String text) {
        byte[] digest = sha256(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder(64);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16))
                    .append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
