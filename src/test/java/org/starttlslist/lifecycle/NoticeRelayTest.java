package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.lifecycle.LifecycleRepo.day;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.servers.LoopbackAddresses;
import org.starttlslist.testing.servers.PostfixReceiver;
import org.starttlslist.testing.servers.TestCa;

/**
 * Notices through a real Postfix on loopback that delivers into a Maildir the test reads. The relay
 * is reached as {@code localhost} (127.0.0.1), the name its test certificate carries, so that the
 * certificate and host-name checks are the real ones.
 */
class NoticeRelayTest {
    @TempDir Path temp;

    private static PostfixReceiver relay(Path dir, TestCa ca) throws Exception {
        PostfixReceiver.Options options =
                new PostfixReceiver.Options("localhost")
                        .address(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))
                        .port(
                                LoopbackAddresses.freePort(
                                        InetAddress.getByAddress(new byte[] {127, 0, 0, 1})));
        if (ca != null) {
            options.certificate(ca.issue("localhost"));
        }
        return PostfixReceiver.start(dir, options);
    }

    private static RelaySettings settings(PostfixReceiver relay, TestCa trusted) {
        return RelaySettings.fromEnvironment(
                Map.of(
                        RelaySettings.HOST,
                        "localhost",
                        RelaySettings.PORT,
                        Integer.toString(relay.address().getPort()),
                        RelaySettings.FROM,
                        "lifecycle@starttls-list.invalid",
                        RelaySettings.CA_FILE,
                        trusted.caFile().toString()));
    }

    /**
     * A repository with {@code count} failing enforce domains: one failing notice each in the
     * outbox.
     */
    private LifecycleRepo withNotices(int count) {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
        for (int i = 0; i < count; i++) {
            String domain = "n" + i + ".example";
            repo.source(domain, "enforce", day(-30));
            repo.failing.put(domain, List.of("starttls-not-offered"));
        }
        RecheckTargets targets =
                RecheckTargets.of(ListSources.load(repo.repository, LifecycleRepo.at(day(0))));
        ShardSet.Merged merged = ShardSet.merge(repo.recheck(day(0), 1, targets), targets);
        new RecheckApply(repo.repository, LifecycleSettings.DEFAULTS)
                .plan(targets, merged, day(0))
                .changes()
                .commit(repo.repository);
        assertEquals(count, Outbox.pending(repo.repository).size());
        return repo;
    }

    @Test
    void notices_reachTheMailbox_overStartTls_andLeaveTheOutbox() throws Exception {
        TestCa ca = TestCa.create(temp.resolve("ca"), "notice relay CA");
        LifecycleRepo repo = withNotices(1);
        try (PostfixReceiver relay = relay(temp.resolve("postfix"), ca)) {
            NoticeDelivery.Outcome outcome;
            try (SmtpRelay transport =
                    new SmtpRelay(settings(relay, ca), LifecycleRepo.at(day(0)))) {
                outcome = NoticeDelivery.deliver(repo.repository, transport, 50);
            }
            assertTrue(outcome.failure().isEmpty(), () -> outcome.failure().get().getMessage());
            List<String> messages = relay.awaitMessages(1, Duration.ofSeconds(60));
            String message = messages.get(0);
            assertTrue(
                    message.contains("Subject: [starttls-list] n0.example fails its daily check"),
                    message);
            assertTrue(message.contains("To: postmaster@n0.example"), message);
            assertTrue(
                    message.contains("X-Starttls-List-Notice: 2026-12-01-n0.example-failing"),
                    message);
            assertTrue(
                    message.contains("with ESMTPS"), "the relay received it over TLS: " + message);
            assertEquals(List.of(), Outbox.pending(repo.repository));
        }
    }

    @Test
    void aRelayWithoutStartTls_getsNothing_andTheNoticeStaysQueued() throws Exception {
        TestCa ca = TestCa.create(temp.resolve("ca"), "notice relay CA");
        LifecycleRepo repo = withNotices(1);
        try (PostfixReceiver relay = relay(temp.resolve("postfix"), null)) {
            NoticeDelivery.Outcome outcome;
            try (SmtpRelay transport =
                    new SmtpRelay(settings(relay, ca), LifecycleRepo.at(day(0)))) {
                outcome = NoticeDelivery.deliver(repo.repository, transport, 50);
            }
            assertTrue(outcome.failure().isPresent());
            assertTrue(
                    outcome.failure().get().getMessage().contains("stays in history/outbox/"),
                    outcome.failure().get().getMessage());
            assertEquals(1, Outbox.pending(repo.repository).size());
            assertEquals(List.of(), relay.messages());
            assertTrue(
                    !relay.log().contains("MAIL FROM") && !relay.log().contains("from=<"),
                    relay.log());
        }
    }

    @Test
    void aRelayWithAnUntrustedCertificate_getsNothing() throws Exception {
        TestCa relayCa = TestCa.create(temp.resolve("ca1"), "relay CA");
        TestCa otherCa = TestCa.create(temp.resolve("ca2"), "some other CA");
        LifecycleRepo repo = withNotices(1);
        try (PostfixReceiver relay = relay(temp.resolve("postfix"), relayCa)) {
            NoticeDelivery.Outcome outcome;
            try (SmtpRelay transport =
                    new SmtpRelay(settings(relay, otherCa), LifecycleRepo.at(day(0)))) {
                outcome = NoticeDelivery.deliver(repo.repository, transport, 50);
            }
            assertTrue(outcome.failure().isPresent());
            assertEquals(1, Outbox.pending(repo.repository).size());
            assertEquals(List.of(), relay.messages());
        }
    }

    @Test
    void theRateLimit_defersTheRest_toTheNextRun() throws Exception {
        TestCa ca = TestCa.create(temp.resolve("ca"), "notice relay CA");
        LifecycleRepo repo = withNotices(3);
        try (PostfixReceiver relay = relay(temp.resolve("postfix"), ca)) {
            try (SmtpRelay transport =
                    new SmtpRelay(settings(relay, ca), LifecycleRepo.at(day(0)))) {
                NoticeDelivery.Outcome first =
                        NoticeDelivery.deliver(repo.repository, transport, 2);
                assertEquals(2, first.delivered().size());
                assertEquals(1, first.deferred());
            }
            assertEquals(1, Outbox.pending(repo.repository).size());
            try (SmtpRelay transport =
                    new SmtpRelay(settings(relay, ca), LifecycleRepo.at(day(1)))) {
                assertEquals(
                        1,
                        NoticeDelivery.deliver(repo.repository, transport, 2).delivered().size());
            }
            assertEquals(3, relay.awaitMessages(3, Duration.ofSeconds(60)).size());
        }
    }

    @Test
    void relaySettings_comeFromTheEnvironment_andNameWhatIsMissing() {
        RelaySettings.RelayNotConfiguredException e =
                assertThrows(
                        RelaySettings.RelayNotConfiguredException.class,
                        () -> RelaySettings.fromEnvironment(Map.of()));
        assertTrue(
                e.getMessage().contains("STARTTLS_LIST_SMTP_HOST")
                        && e.getMessage().contains("--dry-run"),
                e.getMessage());
        assertThrows(
                RelaySettings.RelayNotConfiguredException.class,
                () ->
                        RelaySettings.fromEnvironment(
                                Map.of(
                                        RelaySettings.HOST,
                                        "relay.example",
                                        RelaySettings.FROM,
                                        "a@b.example",
                                        RelaySettings.USER,
                                        "u")));
        RelaySettings settings =
                RelaySettings.fromEnvironment(
                        Map.of(
                                RelaySettings.HOST,
                                "relay.example",
                                RelaySettings.FROM,
                                "a@b.example",
                                RelaySettings.USER,
                                "u",
                                RelaySettings.PASSWORD,
                                "secret"));
        assertEquals(587, settings.port());
        assertTrue(!settings.toString().contains("secret"));
    }
}
