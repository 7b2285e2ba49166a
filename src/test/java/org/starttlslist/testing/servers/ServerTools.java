package org.starttlslist.testing.servers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the server programs the tests start, and skips a test, saying why, when one is missing. */
public final class ServerTools {
    private ServerTools() {}

    public static Path requireDnsmasq() {
        return require("dnsmasq", "dnsmasq-base", "/usr/sbin/dnsmasq", "/usr/bin/dnsmasq");
    }

    /** Postfix's {@code master}, from which every other Postfix daemon is found. */
    public static Path requirePostfixMaster() {
        Path master =
                require(
                        "Postfix master",
                        "postfix",
                        "/usr/lib/postfix/sbin/master",
                        "/usr/libexec/postfix/master");
        assumeTrue(
                isRoot(),
                "skipped: Postfix test servers need root (their daemons switch to the postfix user)");
        return master;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path require(String what, String debianPackage, String... candidates) {
        Optional<Path> found = find(candidates);
        assumeTrue(
                found.isPresent(),
                () ->
                        "skipped: "
                                + what
                                + " is not installed (apt-get install "
                                + debianPackage
                                + ")");
        return found.get();
    }

    static Optional<Path> find(String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}
