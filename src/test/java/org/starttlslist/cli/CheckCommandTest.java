package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.json.Json;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.servers.Dnsmasq;
import org.starttlslist.testing.servers.LoopbackAddresses;
import org.starttlslist.testing.servers.SmtpResponder;
import org.starttlslist.testing.servers.TestCa;
import tools.jackson.databind.JsonNode;

/**
 * {@code starttls-list check} as a user runs it: text and JSON output, exit codes, the list
 * repository's policy, and usage errors that send nothing. The SMTP servers here are the JDK
 * responder (the Postfix scenarios are {@code check/CheckScenariosTest}); {@code --smtp-port} is
 * the hidden test-only option that points the checker at their port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckCommandTest {
    private final List<AutoCloseable> servers = new ArrayList<>();
    private Path dir;
    private TestCa ca;
    private Dnsmasq dns;
    private SmtpResponder good;
    private SmtpResponder plain;
    private int port;
    private InetAddress goodAddress;

    @BeforeAll
    void start(@TempDir Path tempDir) {
        dir = tempDir;
        ca = TestCa.create(dir.resolve("ca"), "Cli");
        goodAddress = LoopbackAddresses.next();
        InetAddress plainAddress = LoopbackAddresses.next();
        port = LoopbackAddresses.freePort(goodAddress, plainAddress);
        good =
                SmtpResponder.start(
                        SmtpResponder.Behaviour.starttls("mx.good.test", ca.issue("mx.good.test")),
                        List.of(new InetSocketAddress(goodAddress, port)));
        servers.add(good);
        plain =
                SmtpResponder.start(
                        SmtpResponder.Behaviour.plain("mx.plain.test"),
                        List.of(new InetSocketAddress(plainAddress, port)));
        servers.add(plain);
        dns =
                Dnsmasq.start(
                        dir.resolve("dns"),
                        new Dnsmasq.Zone()
                                .mx("good.test", 10, "mx.good.test")
                                .address("mx.good.test", goodAddress)
                                .mx("plain.test", 10, "mx.plain.test")
                                .address("mx.plain.test", plainAddress));
        servers.add(dns);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private CliRun check(String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "check",
                                "--resolver",
                                dns.resolverOption(),
                                "--ca-file",
                                ca.caFile().toString(),
                                "--smtp-port",
                                String.valueOf(port),
                                "--now",
                                "2026-12-02T00:00:00Z"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void textReportNamesHostAddressObservationAndFixAndExitsOneWhenSomeAreNotEligible() {
        CliRun run = check("good.test", "plain.test");
        assertEquals(ExitCodes.REJECTED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("good.test: eligible\n"), run.out());
        assertTrue(run.out().contains("plain.test: not-eligible\n"), run.out());
        String line =
                run.out()
                        .lines()
                        .filter(l -> l.contains("starttls-not-offered"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(line.startsWith("  failure 2.5 starttls-not-offered mx.plain.test ["), line);
        assertTrue(line.contains("-- fix: enable STARTTLS"), line);
        assertTrue(
                run.out()
                        .contains(
                                "host-passed mx.good.test ["
                                        + goodAddress.getHostAddress()
                                        + "]: TLSv1."),
                run.out());
        assertEquals("", run.err());
    }

    @Test
    void jsonReportFollowsItsSchemaAndExitsZeroWhenAllAreEligible() throws Exception {
        CliRun run = check("--format", "json", "good.test");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        JsonNode document = Json.readStrict(run.out().getBytes(StandardCharsets.UTF_8));
        Schema schema =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(SchemaLocation.of("classpath:schema/check-report.schema.json"));
        List<Error> errors = schema.validate(document);
        assertTrue(errors.isEmpty(), errors + "\n" + run.out());
        assertEquals("2026-12-02T00:00:00Z", document.get("checked-at").asString());
        assertEquals("eligible", document.get("domains").get(0).get("verdict").asString());
        JsonNode address =
                document.get("domains").get(0).get("mx-hosts").get(0).get("addresses").get(0);
        assertEquals("passed", address.get("outcome").asString());
        assertEquals("CN=mx.good.test", address.get("tls").get("subject").asString());
        assertEquals(
                "mx.good.test",
                document.get("domains").get(0).get("suggested-mxs").get(0).asString());
    }

    @Test
    void insideAListRepositoryTheDomainsOwnPolicyIsUsed() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve("policies"));
        Files.createDirectories(repo.resolve("release"));
        Files.writeString(
                repo.resolve("release/config.json"),
                """
                {"author": "t", "version": "0.1", "validity-days": 14, "minimum-validity-days": 7, "release-branch": "main",
                 "committer": {"name": "t", "email": "t@example.test"}, "maintainers": []}
                """);
        Files.writeString(
                repo.resolve("policies/good.test.json"),
                """
                {"contact": "postmaster@good.test", "mode": "enforce", "mxs": [".elsewhere.test"]}
                """);
        CliRun listed = check("-C", repo.toString(), "good.test");
        assertEquals(ExitCodes.REJECTED, listed.exitCode(), listed.toString());
        assertTrue(listed.out().contains("mx-not-in-policy mx.good.test"), listed.out());

        CliRun overridden = check("-C", repo.toString(), "good.test", "--mx", ".good.test");
        assertEquals(ExitCodes.OK, overridden.exitCode(), overridden.toString());
    }

    @Test
    void aResolverThatNeverAnswersExitsThree() throws Exception {
        InetAddress silent = LoopbackAddresses.next();
        try (DatagramSocket blackHole =
                new DatagramSocket(
                        new InetSocketAddress(silent, LoopbackAddresses.freePort(silent)))) {
            CliRun run =
                    CliRun.of(
                            "check",
                            "--resolver",
                            silent.getHostAddress() + ":" + blackHole.getLocalPort(),
                            "--timeout",
                            "1",
                            "--now",
                            "2026-12-02T00:00:00Z",
                            "good.test");
            assertEquals(ExitCodes.COULD_NOT_COMPLETE, run.exitCode(), run.toString());
            assertTrue(run.out().contains("good.test: could-not-check"), run.out());
            assertTrue(run.out().contains("dns-failed"), run.out());
        }
    }

    @Test
    void usageErrorsSayWhatToWriteAndSendNothing() {
        int connectionsBefore = good.connections() + plain.connections();
        String queriesBefore = dns.queryLog();
        for (String[] args :
                List.of(
                        new String[] {"--format", "xml", "good.test"},
                        new String[] {"--mx", "*.good.test", "good.test"},
                        new String[] {"--concurrency", "0", "good.test"},
                        new String[] {"--timeout", "0", "good.test"})) {
            CliRun run = check(args);
            assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
        CliRun resolver = CliRun.of("check", "--resolver", "dns.example.test", "good.test");
        assertEquals(ExitCodes.USAGE, resolver.exitCode(), resolver.toString());
        assertTrue(resolver.err().contains("give an IP address"), resolver.err());

        CliRun caFile =
                CliRun.of(
                        "check",
                        "--resolver",
                        dns.resolverOption(),
                        "--ca-file",
                        dir.resolve("absent.pem").toString(),
                        "good.test");
        assertEquals(ExitCodes.COULD_NOT_COMPLETE, caFile.exitCode(), caFile.toString());
        assertTrue(caFile.err().contains("absent.pem"), caFile.err());
        assertEquals(1, caFile.err().strip().lines().count(), caFile.err());

        assertEquals(connectionsBefore, good.connections() + plain.connections());
        assertEquals(queriesBefore, dns.queryLog());
    }
}
