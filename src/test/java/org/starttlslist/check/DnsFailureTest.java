package org.starttlslist.check;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** A resolver that never answers is a failed check, not an empty answer. */
class DnsFailureTest {
    @Test
    void aSilentResolverIsADnsFailure() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Dns dns =
                    new Dns(
                            Optional.of(
                                    new InetSocketAddress(
                                            InetAddress.getLoopbackAddress(),
                                            silent.getLocalPort())),
                            Duration.ofSeconds(1));
            assertThrows(DnsFailedException.class, () -> dns.query("a.example", Type.MX));
        }
    }
}
