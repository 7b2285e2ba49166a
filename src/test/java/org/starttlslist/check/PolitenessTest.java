package org.starttlslist.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.servers.Dnsmasq;
import org.starttlslist.testing.servers.LoopbackAddresses;
import org.starttlslist.testing.servers.SmtpResponder;
import org.starttlslist.testing.servers.TestCa;

/** Bounded load on the servers checked: one probe per shared host, two connections per address. */
class PolitenessTest {
    @TempDir Path dir;

    @Test
    void aHostSharedByManyDomainsIsProbedOnceAndAnAddressNeverSeesMoreThanTwoConnections()
            throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "Polite");
        InetAddress shared = LoopbackAddresses.next();
        InetAddress crowded = LoopbackAddresses.next();
        int port = LoopbackAddresses.freePort(shared, crowded);
        Dnsmasq.Zone zone = new Dnsmasq.Zone().address("mx.big.test", shared);
        List<CheckRequest> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            zone.mx("customer" + i + ".test", 10, "mx.big.test");
            requests.add(CheckRequest.withoutPolicy("customer" + i + ".test"));
        }
        // Ten host names on one address: ten probes, never more than two at once.
        for (int i = 0; i < 10; i++) {
            zone.mx("crowd" + i + ".test", 10, "mx" + i + ".crowd.test")
                    .address("mx" + i + ".crowd.test", crowded);
            requests.add(CheckRequest.withoutPolicy("crowd" + i + ".test"));
        }
        SmtpResponder.Behaviour slowish =
                SmtpResponder.Behaviour.starttls(
                                "mx.big.test", ca.issue("mx.big.test", "*.crowd.test"))
                        .withGreetDelay(Duration.ofMillis(300));
        try (Dnsmasq dns = Dnsmasq.start(dir.resolve("dns"), zone);
                SmtpResponder big =
                        SmtpResponder.start(slowish, List.of(new InetSocketAddress(shared, port)));
                SmtpResponder crowd =
                        SmtpResponder.start(
                                slowish, List.of(new InetSocketAddress(crowded, port)))) {
            CheckSettings settings =
                    CheckSettings.defaults(Instant.now())
                            .withResolver(dns.address())
                            .withCaFile(ca.caFile())
                            .withTimeout(Duration.ofSeconds(20))
                            .withPorts(new CheckSettings.Ports(port, 1));
            CheckReport report = new DomainChecker(settings).check(requests);
            assertTrue(
                    report.domains().stream().allMatch(d -> d.verdict().isEligible()),
                    () -> report.domains().toString());
            assertEquals(1, big.connections());
            assertEquals(10, crowd.connections());
            assertEquals(2, crowd.mostOpenAtOnce());
            assertEquals(0, big.mailCommands() + crowd.mailCommands());
        }
    }
}
