package org.starttlslist.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.starttlslist.check.CheckSettings;
import org.starttlslist.lifecycle.DnsTxtLookup;
import org.starttlslist.lifecycle.LiveChecker;
import org.starttlslist.lifecycle.TxtLookup;
import picocli.CommandLine.Option;

/** How the lifecycle commands reach DNS and mail servers: resolver, trust store, timeout. */
final class LiveCheckOptions {
    @Option(
            names = "--resolver",
            paramLabel = "HOST:PORT",
            description =
                    "Ask this DNS resolver (IP address, port 53 unless given) instead of the system's.")
    String resolver;

    @Option(
            names = "--ca-file",
            paramLabel = "PEM",
            description =
                    "Trust only the CA certificates in this file when checking mail servers (default: the JDK's).")
    Path caFile;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Per connection and DNS query (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    Optional<InetSocketAddress> resolverAddress() {
        if (resolver == null) {
            return Optional.empty();
        }
        String host = resolver;
        int port = 53;
        int colon = resolver.lastIndexOf(':');
        if (colon > 0 && resolver.indexOf(':') == colon) {
            host = resolver.substring(0, colon);
            try {
                port = Integer.parseInt(resolver.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 1 || port > 65535 || !host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?")) {
            throw new UsageException(
                    "--resolver '"
                            + resolver
                            + "' is not IP[:PORT]; write e.g. 127.0.0.53 or 192.0.2.1:5353");
        }
        try {
            return Optional.of(
                    new InetSocketAddress(
                            InetAddress.getByName(host.replace("[", "").replace("]", "")), port));
        } catch (UnknownHostException e) {
            throw new UsageException("--resolver '" + resolver + "' is not an IP address");
        }
    }

    Duration timeout() {
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout must be at least 1 second");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    TxtLookup dns() {
        return new DnsTxtLookup(resolverAddress(), timeout());
    }

    LiveChecker checker(Instant now) {
        CheckSettings settings = CheckSettings.defaults(now).withTimeout(timeout());
        Optional<InetSocketAddress> address = resolverAddress();
        if (address.isPresent()) {
            settings = settings.withResolver(address.get());
        }
        if (caFile != null) {
            settings = settings.withCaFile(caFile);
        }
        return new LiveChecker(settings);
    }
}
