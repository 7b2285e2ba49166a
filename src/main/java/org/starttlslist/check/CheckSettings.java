package org.starttlslist.check;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run behaves. {@code resolver} empty means the system's resolver (as dnsjava reads it);
 * {@code caFile} empty means the JDK's trust store. {@code now} is the instant certificates are
 * judged at, read once by the caller.
 *
 * <p>{@code ports} exists for tests: real runs use SMTP port 25 and HTTPS port 443; tests serve on
 * loopback addresses at free ports and say so here (the CLI has no option for it).
 */
public record CheckSettings(
        Optional<InetSocketAddress> resolver,
        Optional<Path> caFile,
        Duration connectionTimeout,
        Duration domainDeadline,
        int concurrency,
        int connectionsPerAddress,
        Instant now,
        Ports ports) {

    /** The ports the checker connects to. */
    public record Ports(int smtp, int https) {
        public static final Ports STANDARD = new Ports(25, 443);
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final int CONNECTIONS_PER_ADDRESS = 2;

    public CheckSettings {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(ports, "ports");
        if (concurrency < 1 || connectionsPerAddress < 1) {
            throw new IllegalArgumentException(
                    "concurrency and connections per address must be at least 1");
        }
        if (connectionTimeout.isNegative()
                || connectionTimeout.isZero()
                || domainDeadline.compareTo(connectionTimeout) < 0) {
            throw new IllegalArgumentException(
                    "the domain deadline must be at least the connection timeout, both positive");
        }
    }

    /**
     * Defaults for {@code now}: the system resolver and trust store, 30 s per connection (a
     * postscreen greeting alone may take 6–10 s), 3× that per domain, 16 domains at a time, 2
     * connections per address.
     */
    public static CheckSettings defaults(Instant now) {
        return new CheckSettings(
                Optional.empty(),
                Optional.empty(),
                DEFAULT_TIMEOUT,
                DEFAULT_TIMEOUT.multipliedBy(3),
                DEFAULT_CONCURRENCY,
                CONNECTIONS_PER_ADDRESS,
                now,
                Ports.STANDARD);
    }

    public CheckSettings withResolver(InetSocketAddress value) {
        return new CheckSettings(
                Optional.of(value),
                caFile,
                connectionTimeout,
                domainDeadline,
                concurrency,
                connectionsPerAddress,
                now,
                ports);
    }

    public CheckSettings withCaFile(Path value) {
        return new CheckSettings(
                resolver,
                Optional.of(value),
                connectionTimeout,
                domainDeadline,
                concurrency,
                connectionsPerAddress,
                now,
                ports);
    }

    /** Per connection; the per-domain deadline becomes three times this. */
    public CheckSettings withTimeout(Duration value) {
        return new CheckSettings(
                resolver,
                caFile,
                value,
                value.multipliedBy(3),
                concurrency,
                connectionsPerAddress,
                now,
                ports);
    }

    public CheckSettings withConcurrency(int value) {
        return new CheckSettings(
                resolver,
                caFile,
                connectionTimeout,
                domainDeadline,
                value,
                connectionsPerAddress,
                now,
                ports);
    }

    public CheckSettings withPorts(Ports value) {
        return new CheckSettings(
                resolver,
                caFile,
                connectionTimeout,
                domainDeadline,
                concurrency,
                connectionsPerAddress,
                now,
                value);
    }
}
