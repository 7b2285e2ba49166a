package org.starttlslist.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The harness itself works: dnsmasq answers as configured, Postfix receives over STARTTLS with SNI.
 */
class ServersHarnessTest {
    @TempDir Path dir;

    @Test
    void dnsmasqServesTheZoneAndNothingElse() throws Exception {
        try (Dnsmasq dns =
                Dnsmasq.start(
                        dir.resolve("dns"),
                        new Dnsmasq.Zone()
                                .mx("good.test", 10, "mx.good.test")
                                .address("mx.good.test", "127.70.0.1", "::1")
                                .nullMx("nomail.test")
                                .cname("alias.good.test", "mx.good.test")
                                .txt("_mta-sts.good.test", "v=STSv1; id=20261202"))) {
            SimpleResolver resolver = new SimpleResolver(dns.address());
            resolver.setTimeout(Duration.ofSeconds(5));

            Message mx = query(resolver, "good.test.", Type.MX);
            assertEquals(Rcode.NOERROR, mx.getRcode());
            MXRecord record = (MXRecord) mx.getSection(Section.ANSWER).get(0);
            assertEquals("mx.good.test.", record.getTarget().toString());
            assertEquals(10, record.getPriority());

            Message nullMx = query(resolver, "nomail.test.", Type.MX);
            MXRecord none = (MXRecord) nullMx.getSection(Section.ANSWER).get(0);
            assertEquals(Name.root, none.getTarget());
            assertEquals(0, none.getPriority());

            assertEquals(Rcode.NXDOMAIN, query(resolver, "absent.test.", Type.MX).getRcode());
            assertEquals(
                    "127.70.0.1",
                    query(resolver, "mx.good.test.", Type.A)
                            .getSection(Section.ANSWER)
                            .get(0)
                            .rdataToString());
            assertEquals(
                    "0:0:0:0:0:0:0:1",
                    query(resolver, "mx.good.test.", Type.AAAA)
                            .getSection(Section.ANSWER)
                            .get(0)
                            .rdataToString());
            assertEquals(
                    Type.CNAME,
                    query(resolver, "alias.good.test.", Type.A)
                            .getSection(Section.ANSWER)
                            .get(0)
                            .getType());
            assertEquals(
                    "\"v=STSv1; id=20261202\"",
                    query(resolver, "_mta-sts.good.test.", Type.TXT)
                            .getSection(Section.ANSWER)
                            .get(0)
                            .rdataToString());
            assertTrue(dns.queryLog().contains("absent.test"), dns.queryLog());
        }
    }

    @Test
    void twoPostfixInstancesAtOnceOneWithSniOneWithoutTls() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "Harness");
        ServerCert fallback = ca.issue("localhost");
        ServerCert named = ca.issue("mx1.harness.test");
        try (PostfixReceiver tls =
                        PostfixReceiver.start(
                                dir.resolve("mx1"),
                                new PostfixReceiver.Options("mx1.harness.test")
                                        .certificate(fallback)
                                        .sni("mx1.harness.test", named));
                PostfixReceiver plain =
                        PostfixReceiver.start(
                                dir.resolve("mx2"),
                                new PostfixReceiver.Options("mx2.harness.test"))) {
            assertTrue(!tls.address().getAddress().equals(plain.address().getAddress()));

            try (TestSmtpClient client = new TestSmtpClient(plain.address())) {
                assertTrue(client.reply().get(0).startsWith("220 mx2.harness.test"));
                List<String> ehlo = client.command("EHLO client.test");
                assertTrue(
                        ehlo.stream().noneMatch(line -> line.contains("STARTTLS")),
                        ehlo.toString());
                client.command("QUIT");
            }

            assertEquals(
                    "CN=mx1.harness.test",
                    handshake(tls.address(), ca, "mx1.harness.test")
                            .getSubjectX500Principal()
                            .getName());
            assertEquals(
                    "CN=localhost",
                    handshake(tls.address(), ca, null).getSubjectX500Principal().getName());

            try (TestSmtpClient client = new TestSmtpClient(tls.address())) {
                client.reply();
                client.command("EHLO client.test");
                assertEquals("220", client.command("STARTTLS").get(0).substring(0, 3));
                client.startTls(trusting(ca), "mx1.harness.test");
                client.command("EHLO client.test");
                assertEquals(
                        "250",
                        client.command("MAIL FROM:<sender@client.test>").get(0).substring(0, 3));
                assertEquals(
                        "250",
                        client.command("RCPT TO:<postmaster@anything.test>")
                                .get(0)
                                .substring(0, 3));
                assertEquals("354", client.command("DATA").get(0).substring(0, 3));
                client.send("Subject: harness\r\n\r\nhello over TLS\r\n.");
                assertEquals("250", client.reply().get(0).substring(0, 3));
                client.command("QUIT");
            }
            String message = tls.awaitMessages(1, Duration.ofSeconds(30)).get(0);
            assertTrue(message.contains("hello over TLS"), message);
            assertTrue(message.contains("using TLS"), message);
        }
    }

    @Test
    void postscreenDelaysTheGreetingAndDropsAClientThatSpeaksFirst() throws Exception {
        try (PostfixReceiver slow =
                PostfixReceiver.start(
                        dir.resolve("slow"),
                        new PostfixReceiver.Options("slow.harness.test")
                                .greetDelay(Duration.ofSeconds(3)))) {
            try (TestSmtpClient rude = new TestSmtpClient(slow.address())) {
                assertTrue(rude.line().startsWith("220-"));
                rude.send("EHLO rude.test");
                List<String> after = rude.reply();
                assertTrue(
                        after.isEmpty() || !after.get(after.size() - 1).startsWith("220 "),
                        after.toString());
            }
            long start = System.nanoTime();
            try (TestSmtpClient patient = new TestSmtpClient(slow.address())) {
                List<String> greeting = patient.reply();
                assertTrue(
                        greeting.get(greeting.size() - 1).startsWith("220 slow.harness.test"),
                        greeting.toString());
                assertTrue(
                        Duration.ofNanos(System.nanoTime() - start).toMillis() >= 2500,
                        "the greeting came early: " + slow.log());
                assertEquals("250", patient.command("EHLO patient.test").get(0).substring(0, 3));
            }
        }
    }

    @Test
    void jdkResponderCountsMailCommandsAndTheOldTlsOneRefusesTls12() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "Harness");
        ServerCert cert = ca.issue("old.harness.test");
        InetSocketAddress listen = new InetSocketAddress(LoopbackAddresses.next(), 0);
        listen =
                new InetSocketAddress(
                        listen.getAddress(), LoopbackAddresses.freePort(listen.getAddress()));
        try (SmtpResponder responder =
                SmtpResponder.start(
                        SmtpResponder.Behaviour.starttls("new.harness.test", cert),
                        List.of(listen))) {
            try (TestSmtpClient client = new TestSmtpClient(listen)) {
                client.reply();
                client.command("EHLO client.test");
                client.command("STARTTLS");
                assertEquals(
                        "TLSv1.3",
                        client.startTls(trusting(ca), "new.harness.test")
                                .getSession()
                                .getProtocol());
                client.command("MAIL FROM:<a@client.test>");
            }
            assertEquals(1, responder.mailCommands());
        }
        InetSocketAddress oldListen =
                new InetSocketAddress(LoopbackAddresses.next(), listen.getPort());
        Process old = SmtpResponder.startOldTlsProcess(dir, "old.harness.test", cert, oldListen);
        try (TestSmtpClient client = new TestSmtpClient(oldListen)) {
            client.reply();
            assertTrue(client.command("EHLO client.test").toString().contains("STARTTLS"));
            client.command("STARTTLS");
            javax.net.ssl.SSLHandshakeException refused =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            javax.net.ssl.SSLHandshakeException.class,
                            () -> client.startTls(trusting(ca), "old.harness.test"));
            assertTrue(
                    String.valueOf(refused.getMessage()).contains("protocol"), refused.toString());
        } finally {
            old.destroy();
            old.waitFor();
        }
    }

    private static Message query(SimpleResolver resolver, String name, int type) throws Exception {
        return resolver.send(
                Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static X509Certificate handshake(
            InetSocketAddress address, TestCa ca, String serverName) throws Exception {
        try (TestSmtpClient client = new TestSmtpClient(address)) {
            client.reply();
            client.command("EHLO client.test");
            client.command("STARTTLS");
            SSLSocket tls = client.startTls(trusting(ca), serverName);
            return (X509Certificate) tls.getSession().getPeerCertificates()[0];
        }
    }

    static SSLContext trusting(TestCa ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca.caFile())) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
