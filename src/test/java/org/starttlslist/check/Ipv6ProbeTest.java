package org.starttlslist.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.servers.Dnsmasq;
import org.starttlslist.testing.servers.LoopbackAddresses;
import org.starttlslist.testing.servers.SmtpResponder;
import org.starttlslist.testing.servers.TestCa;

/**
 * An MX host with both an A and an AAAA record is probed on both, and each address is judged alone.
 */
class Ipv6ProbeTest {
    @TempDir Path dir;

    @Test
    void bothAddressFamiliesAreProbedAndAFailingOneMakesTheDomainNotEligible() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "Six");
        InetAddress v4 = LoopbackAddresses.next();
        InetAddress v6 =
                InetAddress.getByAddress(
                        new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}); // ::1
        int port = LoopbackAddresses.freePort(v4, v6);
        try (Dnsmasq dns =
                        Dnsmasq.start(
                                dir.resolve("dns"),
                                new Dnsmasq.Zone()
                                        .mx("dual.test", 10, "mx.dual.test")
                                        .address("mx.dual.test", v4.getHostAddress(), "::1"));
                SmtpResponder good =
                        SmtpResponder.start(
                                SmtpResponder.Behaviour.starttls(
                                        "mx.dual.test", ca.issue("mx.dual.test")),
                                List.of(new InetSocketAddress(v4, port)));
                SmtpResponder plain =
                        SmtpResponder.start(
                                SmtpResponder.Behaviour.plain("mx.dual.test"),
                                List.of(new InetSocketAddress(v6, port)))) {
            CheckSettings settings =
                    CheckSettings.defaults(Instant.now())
                            .withResolver(dns.address())
                            .withCaFile(ca.caFile())
                            .withTimeout(Duration.ofSeconds(20))
                            .withPorts(new CheckSettings.Ports(port, 1));
            DomainReport report =
                    new DomainChecker(settings).check(CheckRequest.withoutPolicy("dual.test"));
            MxHost host = report.mxHosts().get(0);
            assertEquals(List.of(v4.getHostAddress(), "0:0:0:0:0:0:0:1"), host.addresses());
            assertEquals(AddressProbe.Outcome.PASSED, host.probes().get(0).outcome());
            assertEquals(AddressProbe.Outcome.FAILED, host.probes().get(1).outcome());
            assertEquals(Verdict.NOT_ELIGIBLE, report.verdict());
            assertEquals(1, good.connections());
            assertEquals(1, plain.connections());
        }
    }
}
