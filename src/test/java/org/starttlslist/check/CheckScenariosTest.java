package org.starttlslist.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.testing.servers.Dnsmasq;
import org.starttlslist.testing.servers.LoopbackAddresses;
import org.starttlslist.testing.servers.MtaStsServer;
import org.starttlslist.testing.servers.PostfixReceiver;
import org.starttlslist.testing.servers.ServerTools;
import org.starttlslist.testing.servers.SmtpResponder;
import org.starttlslist.testing.servers.TestCa;

/**
 * Every scenario of the issue against real servers on loopback: Postfix for SMTP (one instance per
 * scenario, each on its own 127.x.y.z), dnsmasq for DNS, a JDK responder for the TLS 1.0/1.1-only
 * server, a JDK HTTPS server for MTA-STS. All domains are checked in one run, as a user would,
 * which also proves a host shared by many domains is probed once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckScenariosTest {
    private Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();
    private final Map<String, InetAddress> addresses = new LinkedHashMap<>();
    private Process oldTls;
    private TestCa ca;
    private Dnsmasq dns;
    private MtaStsServer mtaSts;
    private PostfixReceiver good;
    private int smtpPort;
    private CheckReport report;
    private final Instant now = Instant.now();

    @BeforeAll
    void startServersAndCheckEveryDomain(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        ServerTools.requirePostfixMaster();
        ServerTools.requireDnsmasq();
        ca = TestCa.create(dir.resolve("ca"), "Check Test");
        TestCa unknown = TestCa.create(dir.resolve("unknown-ca"), "Unknown");
        for (String name :
                List.of(
                        "good",
                        "expired",
                        "expiring",
                        "wrongname",
                        "unknownca",
                        "nointermediate",
                        "nostarttls",
                        "slow",
                        "oldtls",
                        "dead",
                        "mtasts")) {
            addresses.put(name, LoopbackAddresses.next());
        }
        smtpPort = LoopbackAddresses.freePort(addresses.values().toArray(InetAddress[]::new));

        // Without SNI this server shows a certificate for "localhost": only a checker that sends
        // SNI gets the right one (the predecessor's bug).
        good =
                postfix(
                        "good",
                        new PostfixReceiver.Options("mx.good.test")
                                .certificate(ca.issue("localhost"))
                                .sni("mx.good.test", ca.issue("mx.good.test"))
                                .sni("nomx.test", ca.issue("nomx.test")));
        postfix(
                "expired",
                new PostfixReceiver.Options("mx.expired.test")
                        .certificate(
                                ca.issueValid(
                                        now.minus(Duration.ofDays(400)),
                                        now.minus(Duration.ofDays(10)),
                                        "mx.expired.test")));
        postfix(
                "expiring",
                new PostfixReceiver.Options("mx.expiring.test")
                        .certificate(
                                ca.issueValid(
                                        now.minus(Duration.ofDays(80)),
                                        now.plus(Duration.ofDays(5)),
                                        "mx.expiring.test")));
        postfix(
                "wrongname",
                new PostfixReceiver.Options("mx.wrongname.test")
                        .certificate(ca.issue("mx.other.test")));
        postfix(
                "unknownca",
                new PostfixReceiver.Options("mx.unknownca.test")
                        .certificate(unknown.issue("mx.unknownca.test")));
        postfix(
                "nointermediate",
                new PostfixReceiver.Options("mx.nointermediate.test")
                        .certificate(ca.issueWithoutIntermediate("mx.nointermediate.test")));
        postfix("nostarttls", new PostfixReceiver.Options("mx.nostarttls.test"));
        postfix(
                "slow",
                new PostfixReceiver.Options("mx.slow.test")
                        .certificate(ca.issue("mx.slow.test"))
                        .greetDelay(Duration.ofSeconds(8)));
        oldTls =
                SmtpResponder.startOldTlsProcess(
                        dir,
                        "mx.oldtls.test",
                        ca.issue("mx.oldtls.test"),
                        new InetSocketAddress(addresses.get("oldtls"), smtpPort));

        List<String> stsDomains =
                List.of(
                        "sts-good.test",
                        "sts-testing.test",
                        "sts-ctype.test",
                        "sts-redirect.test",
                        "sts-big.test",
                        "sts-mismatch.test");
        mtaSts =
                MtaStsServer.start(
                        addresses.get("mtasts"),
                        ca.issue(
                                stsDomains.stream()
                                        .map(d -> "mta-sts." + d)
                                        .toArray(String[]::new)));
        servers.add(mtaSts);
        mtaSts.policy(
                "sts-good.test",
                "version: STSv1\nmode: enforce\nmx: mx.good.test\nmax_age: 604800\n");
        mtaSts.policy(
                "sts-testing.test",
                "version: STSv1\nmode: testing\nmx: *.good.test\nmax_age: 86400\n");
        mtaSts.respond(
                "sts-ctype.test",
                200,
                "text/html",
                "version: STSv1\nmode: enforce\nmx: mx.good.test\nmax_age: 86400\n"
                        .getBytes(StandardCharsets.UTF_8));
        mtaSts.redirect("sts-redirect.test", "https://elsewhere.test/.well-known/mta-sts.txt");
        mtaSts.respond(
                "sts-big.test",
                200,
                "text/plain",
                ("version: STSv1\nmode: enforce\nmx: mx.good.test\nmax_age: 86400\n"
                                + "#".repeat(70 * 1024))
                        .getBytes(StandardCharsets.UTF_8));
        mtaSts.policy(
                "sts-mismatch.test",
                "version: STSv1\nmode: enforce\nmx: mx.elsewhere.test\nmax_age: 86400\n");

        Dnsmasq.Zone zone = new Dnsmasq.Zone();
        for (String name :
                List.of(
                        "good",
                        "expired",
                        "expiring",
                        "wrongname",
                        "unknownca",
                        "nointermediate",
                        "nostarttls",
                        "slow",
                        "oldtls")) {
            zone.mx(name + ".test", 10, "mx." + name + ".test")
                    .address("mx." + name + ".test", addresses.get(name));
        }
        zone.mx("backup.test", 10, "mx.good.test")
                .mx("backup.test", 20, "mx.dead.test")
                .address("mx.dead.test", addresses.get("dead"));
        zone.mx("alldead.test", 10, "mx.dead.test");
        zone.mx("cname.test", 10, "alias.good.test").cname("alias.good.test", "mx.good.test");
        zone.nullMx("nullmx.test");
        zone.address("nomx.test", addresses.get("good"));
        zone.mx("twohosts.test", 10, "mx.good.test").mx("twohosts.test", 20, "mx.wrongname.test");
        for (String domain : stsDomains) {
            zone.mx(domain, 10, "mx.good.test")
                    .txt("_mta-sts." + domain, "v=STSv1; id=20261202T000000")
                    .address("mta-sts." + domain, addresses.get("mtasts"));
        }
        zone.txt("_smtp._tls.sts-good.test", "v=TLSRPTv1; rua=mailto:tls@sts-good.test");
        dns = Dnsmasq.start(dir.resolve("dns"), zone);
        servers.add(dns);

        List<CheckRequest> requests = new ArrayList<>();
        for (String domain :
                List.of(
                        "good.test",
                        "expired.test",
                        "expiring.test",
                        "wrongname.test",
                        "unknownca.test",
                        "nointermediate.test",
                        "nostarttls.test",
                        "slow.test",
                        "oldtls.test",
                        "backup.test",
                        "alldead.test",
                        "cname.test",
                        "nullmx.test",
                        "absent.test",
                        "nomx.test",
                        "twohosts.test")) {
            requests.add(CheckRequest.withoutPolicy(domain));
        }
        for (String domain : stsDomains) {
            requests.add(
                    new CheckRequest(
                            domain,
                            Optional.of(
                                    new ListPolicy(
                                            List.of(new MxPattern("mx.good.test")),
                                            Optional.of(Mode.ENFORCE)))));
        }
        requests.add(
                new CheckRequest(
                        "GOOD.test.",
                        Optional.of(
                                new ListPolicy(
                                        List.of(new MxPattern(".other.test")), Optional.empty()))));
        report = new DomainChecker(settings()).check(requests);
    }

    private CheckSettings settings() {
        return CheckSettings.defaults(now)
                .withResolver(dns.address())
                .withCaFile(ca.caFile())
                .withTimeout(Duration.ofSeconds(20))
                .withPorts(new CheckSettings.Ports(smtpPort, mtaSts.port()));
    }

    private PostfixReceiver postfix(String name, PostfixReceiver.Options options) {
        PostfixReceiver receiver =
                PostfixReceiver.start(
                        dir.resolve("postfix-" + name),
                        options.address(addresses.get(name)).port(smtpPort));
        servers.add(receiver);
        return receiver;
    }

    @AfterAll
    void stopServers() throws Exception {
        if (oldTls != null) {
            oldTls.destroy();
            oldTls.waitFor();
        }
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private DomainReport domain(String name) {
        return report.domains().stream()
                .filter(d -> d.domain().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private DomainReport domain(int index) {
        return report.domains().get(index);
    }

    private static List<String> codes(DomainReport report) {
        return report.findings().stream().map(f -> f.code().wire()).toList();
    }

    private static String explain(DomainReport report) {
        return report.verdict()
                + "\n"
                + report.findings().stream()
                        .map(Finding::toString)
                        .collect(Collectors.joining("\n"));
    }

    @Test
    void goodCertificateServedOnlyBySniIsEligible() {
        DomainReport good = domain("good.test");
        assertEquals(Verdict.ELIGIBLE, good.verdict(), explain(good));
        AddressProbe probe = good.mxHosts().get(0).probes().get(0);
        assertEquals(AddressProbe.Outcome.PASSED, probe.outcome());
        assertEquals("CN=mx.good.test", probe.tls().orElseThrow().subject());
        assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(probe.tls().orElseThrow().protocol()));
        assertEquals(List.of(new MxPattern("mx.good.test")), good.suggestedPatterns());
    }

    @Test
    void theCheckerNeverSendsMailFromAndProbesASharedHostOnce() {
        String log = this.good.log();
        // "commands=0/0" is the harness's own readiness probe, which says nothing.
        List<String> sessions =
                log.lines()
                        .filter(l -> l.contains("smtpd") && l.contains("disconnect from"))
                        .filter(l -> !l.contains("commands=0/0"))
                        .toList();
        assertFalse(sessions.isEmpty(), log);
        assertTrue(
                sessions.stream().noneMatch(l -> l.contains("mail=")), String.join("\n", sessions));
        assertTrue(
                sessions.stream().allMatch(l -> l.contains("starttls=1")),
                String.join("\n", sessions));
        // good, backup, cname, twohosts, six MTA-STS domains and GOOD.test all use mx.good.test
        // (cname.test reaches it as alias.good.test, a different name to check, so a second probe);
        // nomx.test is the implicit MX, a third name.
        assertEquals(3, sessions.size(), log);
    }

    @Test
    void expiredCertificateIsNotEligible() {
        DomainReport expired = domain("expired.test");
        assertEquals(Verdict.NOT_ELIGIBLE, expired.verdict(), explain(expired));
        assertTrue(codes(expired).contains("cert-expired"), explain(expired));
        assertFalse(codes(expired).contains("cert-untrusted"), explain(expired));
    }

    @Test
    void certificateExpiringWithinFourteenDaysIsAWarning() {
        DomainReport expiring = domain("expiring.test");
        assertEquals(Verdict.ELIGIBLE_WITH_WARNINGS, expiring.verdict(), explain(expiring));
        assertTrue(codes(expiring).contains("cert-expires-soon"), explain(expiring));
    }

    @Test
    void wrongNameIsNotEligibleAndSaysWhichNames() {
        DomainReport wrong = domain("wrongname.test");
        assertEquals(Verdict.NOT_ELIGIBLE, wrong.verdict(), explain(wrong));
        Finding finding =
                wrong.findings().stream()
                        .filter(f -> f.code() == FindingCode.CERT_NAME_MISMATCH)
                        .findFirst()
                        .orElseThrow();
        assertTrue(finding.observed().contains("mx.other.test"), finding.observed());
        assertEquals(Optional.of("mx.wrongname.test"), finding.host());
        assertEquals(Optional.of(addresses.get("wrongname").getHostAddress()), finding.address());
    }

    @Test
    void unknownCaIsNotEligible() {
        DomainReport unknown = domain("unknownca.test");
        assertEquals(Verdict.NOT_ELIGIBLE, unknown.verdict(), explain(unknown));
        assertEquals(
                List.of("cert-untrusted"),
                codes(unknown).stream().filter(c -> c.startsWith("cert")).toList());
    }

    @Test
    void missingIntermediateIsNotEligibleAndTheFixSaysSo() {
        DomainReport alone = domain("nointermediate.test");
        assertEquals(Verdict.NOT_ELIGIBLE, alone.verdict(), explain(alone));
        Finding finding =
                alone.findings().stream()
                        .filter(f -> f.code() == FindingCode.CERT_UNTRUSTED)
                        .findFirst()
                        .orElseThrow();
        assertTrue(finding.fix().contains("intermediate"), finding.fix());
    }

    @Test
    void noStarttlsIsNotEligible() {
        DomainReport plain = domain("nostarttls.test");
        assertEquals(Verdict.NOT_ELIGIBLE, plain.verdict(), explain(plain));
        assertTrue(codes(plain).contains("starttls-not-offered"), explain(plain));
    }

    @Test
    void eightSecondGreetDelayPassesBecauseTheCheckerWaitsItsTurn() {
        DomainReport slow = domain("slow.test");
        assertEquals(Verdict.ELIGIBLE, slow.verdict(), explain(slow));
        Duration delay = slow.mxHosts().get(0).probes().get(0).greetingDelay().orElseThrow();
        assertTrue(delay.compareTo(Duration.ofSeconds(7)) >= 0, delay.toString());
        assertTrue(codes(slow).contains("greeting-delayed"), explain(slow));
    }

    @Test
    void serverOfferingOnlyTls10And11IsNotEligible() {
        DomainReport old = domain("oldtls.test");
        assertEquals(Verdict.NOT_ELIGIBLE, old.verdict(), explain(old));
        assertTrue(codes(old).contains("tls-version-too-old"), explain(old));
    }

    @Test
    void unreachableBackupMxIsAWarningNamingIt() {
        DomainReport backup = domain("backup.test");
        assertEquals(Verdict.ELIGIBLE_WITH_WARNINGS, backup.verdict(), explain(backup));
        Finding dead =
                backup.findings().stream()
                        .filter(f -> f.code() == FindingCode.HOST_UNREACHABLE)
                        .findFirst()
                        .orElseThrow();
        assertEquals(Optional.of("mx.dead.test"), dead.host());
        assertEquals(Optional.of(addresses.get("dead").getHostAddress()), dead.address());
    }

    @Test
    void domainWhoseOnlyMxNeverAnswersCouldNotBeChecked() {
        DomainReport dead = domain("alldead.test");
        assertEquals(Verdict.COULD_NOT_CHECK, dead.verdict(), explain(dead));
        assertTrue(codes(dead).contains("no-mx-host-answered"), explain(dead));
    }

    @Test
    void mxHostThatIsACnameIsFollowedWithAWarning() {
        DomainReport cname = domain("cname.test");
        assertTrue(codes(cname).contains("mx-cname"), explain(cname));
    }

    @Test
    void nullMxAndNxdomainAreNotEligible() {
        assertEquals(Verdict.NOT_ELIGIBLE, domain("nullmx.test").verdict());
        assertEquals(List.of("null-mx"), codes(domain("nullmx.test")));
        assertEquals(Verdict.NOT_ELIGIBLE, domain("absent.test").verdict());
        assertEquals(List.of("domain-nxdomain"), codes(domain("absent.test")));
    }

    @Test
    void noMxFallsBackToTheImplicitMxWithAWarning() {
        DomainReport nomx = domain("nomx.test");
        assertEquals(Verdict.ELIGIBLE_WITH_WARNINGS, nomx.verdict(), explain(nomx));
        assertTrue(codes(nomx).contains("implicit-mx"), explain(nomx));
        assertEquals("nomx.test", nomx.mxHosts().get(0).name());
    }

    @Test
    void oneFailingMxHostMakesTheDomainNotEligible() {
        DomainReport two = domain("twohosts.test");
        assertEquals(Verdict.NOT_ELIGIBLE, two.verdict(), explain(two));
        assertEquals(
                List.of("mx.good.test", "mx.wrongname.test"),
                two.mxHosts().stream().map(MxHost::name).toList());
    }

    @Test
    void mxHostOutsideThePolicyIsNotEligible() {
        DomainReport outside = domain(report.domains().size() - 1);
        assertEquals("good.test", outside.domain());
        assertEquals(Verdict.NOT_ELIGIBLE, outside.verdict(), explain(outside));
        assertTrue(codes(outside).contains("mx-not-in-policy"), explain(outside));
    }

    @Test
    void mtaStsGoodPolicyAgreesWithTheList() {
        DomainReport sts = domain("sts-good.test");
        assertEquals(Verdict.ELIGIBLE, sts.verdict(), explain(sts));
        assertEquals("enforce", sts.mtaSts().orElseThrow().mode());
        assertTrue(codes(sts).contains("mta-sts-valid"), explain(sts));
        assertTrue(
                sts.findings().stream()
                        .anyMatch(
                                f ->
                                        f.code() == FindingCode.TLS_RPT
                                                && f.observed().contains("rua=mailto:")));
    }

    @Test
    void mtaStsTestingModeIsReportedAndDisagreesWithAnEnforcingEntry() {
        DomainReport sts = domain("sts-testing.test");
        assertEquals("testing", sts.mtaSts().orElseThrow().mode());
        assertTrue(codes(sts).contains("mta-sts-testing"), explain(sts));
        assertTrue(codes(sts).contains("mta-sts-disagrees-with-policy"), explain(sts));
        assertEquals(Verdict.ELIGIBLE_WITH_WARNINGS, sts.verdict(), explain(sts));
    }

    @Test
    void mtaStsWrongContentTypeRedirectAndOversizedAreWarnings() {
        assertTrue(
                codes(domain("sts-ctype.test")).contains("mta-sts-content-type"),
                explain(domain("sts-ctype.test")));
        assertTrue(
                codes(domain("sts-redirect.test")).contains("mta-sts-redirect"),
                explain(domain("sts-redirect.test")));
        assertTrue(domain("sts-redirect.test").mtaSts().isEmpty());
        assertTrue(
                codes(domain("sts-big.test")).contains("mta-sts-too-large"),
                explain(domain("sts-big.test")));
        for (String name : List.of("sts-ctype.test", "sts-redirect.test", "sts-big.test")) {
            assertEquals(
                    Verdict.ELIGIBLE_WITH_WARNINGS, domain(name).verdict(), explain(domain(name)));
        }
    }

    @Test
    void mtaStsPolicyNotCoveringTheMxIsNotEligible() {
        DomainReport sts = domain("sts-mismatch.test");
        assertEquals(Verdict.NOT_ELIGIBLE, sts.verdict(), explain(sts));
        assertTrue(codes(sts).contains("mta-sts-mx-mismatch"), explain(sts));
    }

    @Test
    void resolverThatNeverAnswersMeansCouldNotCheck() throws Exception {
        InetAddress silent = LoopbackAddresses.next();
        try (DatagramSocket blackHole =
                new DatagramSocket(
                        new InetSocketAddress(silent, LoopbackAddresses.freePort(silent)))) {
            CheckSettings settings =
                    settings()
                            .withResolver((InetSocketAddress) blackHole.getLocalSocketAddress())
                            .withTimeout(Duration.ofSeconds(2));
            DomainReport result =
                    new DomainChecker(settings).check(CheckRequest.withoutPolicy("good.test"));
            assertEquals(Verdict.COULD_NOT_CHECK, result.verdict(), explain(result));
            assertEquals(List.of("dns-failed"), codes(result));
        }
    }

    @Test
    void overallVerdictIsTheWorst() {
        // alldead.test could not be checked: an incomplete run outranks the domains found not
        // eligible.
        assertEquals(Verdict.COULD_NOT_CHECK, report.overall());
        assertEquals(now, report.checkedAt());
    }
}
