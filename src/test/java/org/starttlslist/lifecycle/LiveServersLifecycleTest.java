package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.check.CheckSettings;
import org.starttlslist.model.DomainName;
import org.starttlslist.testing.servers.Dnsmasq;
import org.starttlslist.testing.servers.LoopbackAddresses;
import org.starttlslist.testing.servers.PostfixReceiver;
import org.starttlslist.testing.servers.ServerTools;
import org.starttlslist.testing.servers.TestCa;

/**
 * add and the daily re-check against real servers on loopback: dnsmasq serves the MX records and
 * proof records, Postfix instances are the mail servers (one with STARTTLS and a certificate from
 * the test CA, one without), and the real checker probes them.
 */
class LiveServersLifecycleTest {
    @TempDir Path temp;

    @Test
    void add_thenDailyRecheck_throughRealDnsAndMailServers() throws Exception {
        ServerTools.requirePostfixMaster();
        ServerTools.requireDnsmasq();
        TestCa ca = TestCa.create(temp.resolve("ca"), "Lifecycle Test");
        InetAddress good = LoopbackAddresses.next();
        InetAddress plain = LoopbackAddresses.next();
        int port = LoopbackAddresses.freePort(good, plain);
        // Certificates are judged at the real time: the CA's certificates are valid around now.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try (PostfixReceiver secure =
                        PostfixReceiver.start(
                                temp.resolve("mx-good"),
                                new PostfixReceiver.Options("mx.live.test")
                                        .address(good)
                                        .port(port)
                                        .certificate(ca.issue("mx.live.test")));
                PostfixReceiver cleartext =
                        PostfixReceiver.start(
                                temp.resolve("mx-plain"),
                                new PostfixReceiver.Options("mx.plain.test")
                                        .address(plain)
                                        .port(port));
                Dnsmasq dns =
                        Dnsmasq.start(
                                temp.resolve("dns"),
                                new Dnsmasq.Zone()
                                        .mx("live.test", 10, "mx.live.test")
                                        .address("mx.live.test", good)
                                        .mx("plain.test", 10, "mx.plain.test")
                                        .address("mx.plain.test", plain)
                                        .txt(
                                                "_starttls-list.live.test",
                                                "v=STARTTLS-LIST1; contact=postmaster@live.test")
                                        .txt(
                                                "_starttls-list.plain.test",
                                                "v=STARTTLS-LIST1; contact=postmaster@plain.test"))) {
            CheckSettings settings =
                    CheckSettings.defaults(now)
                            .withResolver(dns.address())
                            .withCaFile(ca.caFile())
                            .withTimeout(Duration.ofSeconds(20))
                            .withPorts(new CheckSettings.Ports(port, 443));
            LiveChecker checker = new LiveChecker(settings);
            TxtLookup txt = new DnsTxtLookup(Optional.of(dns.address()), Duration.ofSeconds(5));
            LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
            DomainEdits edits = new DomainEdits(repo.repository, now, checker, txt);

            DomainEdits.Added added =
                    edits.add(
                            new DomainName("live.test"), "postmaster@live.test", List.of(), false);
            assertTrue(added.suggested());
            assertTrue(
                    added.patterns().stream().anyMatch(pattern -> pattern.matches("mx.live.test")),
                    added.patterns().toString());
            assertTrue(
                    repo.read("policies/live.test.json")
                            .contains("\"testing-since\": \"" + today + "\""));

            Map<String, String> before = repo.snapshot();
            CheckFailedException refused =
                    assertThrows(
                            CheckFailedException.class,
                            () ->
                                    edits.add(
                                            new DomainName("plain.test"),
                                            "postmaster@plain.test",
                                            List.of(),
                                            false));
            assertTrue(refused.codes().contains("starttls-not-offered"), refused.getMessage());
            assertEquals(before, repo.snapshot(), "a refused add writes nothing");

            // The daily run: one shard checked by the real checker, then applied.
            RecheckTargets targets = LifecycleRuns.targets(repo.repository, now);
            ShardResults shard = Recheck.run(targets, Shards.Shard.WHOLE, checker, "live-run", now);
            assertEquals(1, shard.results().size());
            assertTrue(shard.results().get(0).passed(), shard.results().get(0).toString());
            RecheckApply.Plan plan = LifecycleRuns.apply(repo.repository, List.of(shard), now);
            assertEquals(1, plan.run().passing());
            assertEquals(
                    DomainState.Status.PASSING,
                    new HistoryStore(repo.repository).state("live.test").orElseThrow().status());

            // The operator moves mail to a server without STARTTLS; the next day's check notices.
            repo.write(
                    "policies/live.test.json",
                    repo.read("policies/live.test.json").replace("\"testing\"", "\"enforce\""));
            Instant tomorrow = now.plus(Duration.ofDays(1));
            try (Dnsmasq moved =
                    Dnsmasq.start(
                            temp.resolve("dns2"),
                            new Dnsmasq.Zone()
                                    .mx("live.test", 10, "mx.plain.test")
                                    .address("mx.plain.test", plain))) {
                LiveChecker after = new LiveChecker(settings.withResolver(moved.address()));
                ShardResults next =
                        Recheck.run(
                                LifecycleRuns.targets(repo.repository, tomorrow),
                                Shards.Shard.WHOLE,
                                after,
                                "live-run-2",
                                tomorrow);
                CheckResult result = next.results().get(0);
                assertTrue(!result.passed(), result.toString());
                RecheckApply.Plan second =
                        LifecycleRuns.apply(repo.repository, List.of(next), tomorrow);
                assertTrue(second.report().contains("## Failing since today"), second.report());
                assertEquals(1, Outbox.pending(repo.repository).size());
            }
            assertEquals(List.of(), secure.messages(), "the checker never sends mail");
            assertEquals(List.of(), cleartext.messages());
        }
    }
}
