package org.starttlslist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.check.CheckRequest;
import org.starttlslist.check.CheckSettings;
import org.starttlslist.check.DomainChecker;
import org.starttlslist.check.DomainReport;
import org.starttlslist.check.ListPolicy;
import org.starttlslist.export.senders.Delivery;
import org.starttlslist.export.senders.EximSender;
import org.starttlslist.export.senders.PostfixSender;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.servers.Dnsmasq;
import org.starttlslist.testing.servers.LoopbackAddresses;
import org.starttlslist.testing.servers.PostfixReceiver;
import org.starttlslist.testing.servers.ServerCert;
import org.starttlslist.testing.servers.TestCa;

/**
 * The issue's table, run against real sending MTAs: a list is exported with the real CLI, a real
 * Postfix and a real Exim are configured with what {@code export} wrote (and, for Exim, the
 * README's snippet), and each sends one message into each scenario. Everything is on loopback:
 * dnsmasq answers for {@code .test}, and each MX is a Postfix receiver on its own 127.x address,
 * port 25, with a certificate from the test CA (or another CA, or none).
 *
 * <p>{@code check} judges the same domains against the same servers: in every scenario where the
 * MTA enforces the list, a domain {@code check} calls eligible must be delivered and any other
 * deferred; a disagreement fails naming the scenario ({@link #checkAgreesWithTheTable} compares
 * check with the table on its own).
 *
 * <p>Each scenario asserts what the sender's log says (delivered, over verified TLS or not; or
 * deferred), what is left in its queue, and what the receiver's mailbox and log hold: a deferred
 * message never reached the receiver, not even its envelope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealMtaEnforcementIT {
    static final Duration ATTEMPT = Duration.ofSeconds(90);

    /** One row of the issue's table. */
    enum Scenario {
        ENFORCE_GOOD("good.test", Phase.LIST, Expect.VERIFIED_TLS),
        ENFORCE_MX_NOT_COVERED("uncovered.test", Phase.LIST, Expect.DEFERRED),
        ENFORCE_NO_STARTTLS("plain.test", Phase.LIST, Expect.DEFERRED),
        ENFORCE_WRONG_NAME("wrongname.test", Phase.LIST, Expect.DEFERRED),
        ENFORCE_UNKNOWN_CA("unknownca.test", Phase.LIST, Expect.DEFERRED),
        TESTING("testing.test", Phase.LIST, Expect.OPPORTUNISTIC_TLS),
        TESTING_EARLY_ADOPTER("testing.test", Phase.EARLY_ADOPTER, Expect.DEFERRED),
        EXPIRED_LIST("wrongname.test", Phase.EXPIRED, Expect.OPPORTUNISTIC_TLS);

        final String domain;
        final Phase phase;
        final Expect expect;

        Scenario(String domain, Phase phase, Expect expect) {
            this.domain = domain;
            this.phase = phase;
            this.expect = expect;
        }
    }

    /** Which export the sender was configured with. */
    enum Phase {
        LIST,
        EARLY_ADOPTER,
        EXPIRED
    }

    enum Expect {
        VERIFIED_TLS,
        OPPORTUNISTIC_TLS,
        DEFERRED
    }

    /** The part of a sending MTA the scenarios use. */
    interface Sender extends AutoCloseable {
        void send(String from, String to, String subject);

        Delivery attempt(String recipient);

        String queue();

        String log();

        @Override
        void close();
    }

    Instant now;
    Path root;
    TestCa ca;
    Dnsmasq dns;
    final Map<String, PostfixReceiver> receivers = new LinkedHashMap<>();

    @BeforeAll
    void startServers(@TempDir Path dir) throws IOException {
        PostfixSender.requireAvailable();
        root = dir;
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ca = TestCa.create(dir.resolve("ca"), "Test");
        TestCa unknown = TestCa.create(dir.resolve("unknown-ca"), "Unknown");
        // The MX host of each domain, and the certificate it serves (null: no STARTTLS).
        Map<String, ServerCert> mx = new LinkedHashMap<>();
        mx.put("mx1.mail.good.test", ca.issue("mx1.mail.good.test"));
        mx.put("other.uncovered.test", ca.issue("other.uncovered.test"));
        mx.put("mx.plain.test", null);
        mx.put("mx.wrongname.test", ca.issue("mx.elsewhere.test"));
        mx.put("mx.unknownca.test", unknown.issue("mx.unknownca.test"));
        mx.put("mx.testing.test", ca.issue("mx.elsewhere.test"));
        Dnsmasq.Zone zone = new Dnsmasq.Zone();
        for (Map.Entry<String, ServerCert> host : mx.entrySet()) {
            InetAddress address = LoopbackAddresses.next();
            PostfixReceiver.Options options =
                    new PostfixReceiver.Options(host.getKey()).address(address).port(25);
            if (host.getValue() != null) {
                options.certificate(host.getValue());
            }
            String domain =
                    host.getKey()
                            .substring(host.getKey().indexOf('.') + 1)
                            .replaceFirst("^mail\\.", "");
            receivers.put(domain, PostfixReceiver.start(dir.resolve("mx-" + domain), options));
            zone.mx(domain, 10, host.getKey()).address(host.getKey(), address);
        }
        // The senders read resolv.conf, which names an address and no port: dnsmasq on port 53.
        dns = Dnsmasq.start(dir.resolve("dns"), zone, LoopbackAddresses.next(), 53);
    }

    private Map<String, DomainReport> verdicts;

    /**
     * {@code check}'s report for every domain, against the same DNS, servers and trust anchor the
     * MTAs use.
     */
    Map<String, DomainReport> verdicts() {
        if (verdicts == null) {
            CheckSettings settings =
                    CheckSettings.defaults(now)
                            .withResolver(dns.address())
                            .withCaFile(ca.caFile())
                            .withTimeout(Duration.ofSeconds(10));
            List<CheckRequest> requests =
                    POLICIES.entrySet().stream()
                            .map(e -> new CheckRequest(e.getKey(), Optional.of(e.getValue())))
                            .toList();
            verdicts = new LinkedHashMap<>();
            new DomainChecker(settings)
                    .check(requests)
                    .domains()
                    .forEach(r -> verdicts.put(r.domain(), r));
        }
        return verdicts;
    }

    /** The scenarios where the MTA enforces the list: there, eligible must mean delivered. */
    static boolean enforced(Scenario scenario) {
        return scenario.phase == Phase.EARLY_ADOPTER
                || (scenario.phase == Phase.LIST
                        && POLICIES.get(scenario.domain).mode().orElseThrow() == Mode.ENFORCE);
    }

    /** check, on its own, against the table: eligible exactly where the table says delivered. */
    @Test
    void checkAgreesWithTheTable() {
        List<String> disagreements = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            if (enforced(scenario)) {
                DomainReport report = verdicts().get(scenario.domain);
                boolean delivered = scenario.expect != Expect.DEFERRED;
                if (report.verdict().isEligible() != delivered) {
                    disagreements.add(
                            scenario
                                    + ": check says "
                                    + report.verdict().wire()
                                    + " "
                                    + report.findings()
                                    + ", the table says "
                                    + scenario.expect);
                }
            }
        }
        assertEquals(List.of(), disagreements, String.join("\n", disagreements));
    }

    @AfterAll
    void stopServers() {
        receivers.values().forEach(PostfixReceiver::close);
        if (dns != null) {
            dns.close();
        }
    }

    /** Each domain's mode and MX patterns in the list (good.test through the alias "hoster"). */
    static final Map<String, ListPolicy> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put("good.test", policy(Mode.ENFORCE, ".mail.good.test"));
        POLICIES.put("uncovered.test", policy(Mode.ENFORCE, "mx.uncovered.test"));
        POLICIES.put("plain.test", policy(Mode.ENFORCE, "mx.plain.test"));
        POLICIES.put("wrongname.test", policy(Mode.ENFORCE, "mx.wrongname.test"));
        POLICIES.put("unknownca.test", policy(Mode.ENFORCE, "mx.unknownca.test"));
        POLICIES.put("testing.test", policy(Mode.TESTING, "mx.testing.test"));
    }

    static ListPolicy policy(Mode mode, String... patterns) {
        return new ListPolicy(Stream.of(patterns).map(MxPattern::new).toList(), Optional.of(mode));
    }

    /** {@link #POLICIES} as a published list, valid or expired at {@code now}. */
    String list(boolean expired) {
        Instant timestamp = now.minus(Duration.ofDays(1));
        Instant expires = expired ? now.minus(Duration.ofHours(1)) : now.plus(Duration.ofDays(7));
        return """
                {
                  "timestamp": "%s",
                  "expires": "%s",
                  "version": "0.1",
                  "author": "test",
                  "policy-aliases": {
                    "hoster": {"mode": "enforce", "mxs": [".mail.good.test"]}
                  },
                  "policies": {
                    "good.test": {"policy-alias": "hoster"},
                %s
                  }
                }
                """
                .formatted(
                        ListTimes.format(timestamp),
                        ListTimes.format(expires),
                        POLICIES.entrySet().stream()
                                .filter(e -> !e.getKey().equals("good.test"))
                                .map(
                                        e ->
                                                "    \""
                                                        + e.getKey()
                                                        + "\": {\"mode\": \""
                                                        + e.getValue()
                                                                .mode()
                                                                .orElseThrow()
                                                                .name()
                                                                .toLowerCase(Locale.ROOT)
                                                        + "\", \"mxs\": ["
                                                        + e.getValue().mx().stream()
                                                                .map(p -> "\"" + p.value() + "\"")
                                                                .collect(Collectors.joining(", "))
                                                        + "]}")
                                .collect(Collectors.joining(",\n")));
    }

    /**
     * Runs the real {@code export MTA} for {@code phase} into {@code out}; checks the alert of an
     * expired list.
     */
    void export(String mta, Phase phase, Path out) throws IOException {
        Path dir = Files.createDirectories(out.getParent().resolve("list"));
        Path file = dir.resolve("policy.json");
        Files.writeString(file, list(phase == Phase.EXPIRED));
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "export",
                                mta,
                                "--list",
                                file.toString(),
                                "--out",
                                out.toString(),
                                "--now",
                                ListTimes.format(now)));
        if (phase == Phase.EARLY_ADOPTER) {
            args.add("--early-adopter");
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        if (phase == Phase.EXPIRED) {
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(
                    run.err().startsWith("ACTION REQUIRED: the policy list at " + file), run.err());
        } else {
            assertEquals(0, run.exitCode(), run.toString());
        }
    }

    @Test
    void postfix() throws IOException {
        runAll(
                "postfix",
                (phase, dir) -> {
                    Path table = dir.resolve("postfix_tls_policy");
                    export("postfix", phase, table);
                    PostfixSender sender =
                            PostfixSender.start(
                                    dir.resolve("postfix"),
                                    dns.address().getAddress(),
                                    ca.caFile(),
                                    table);
                    return new Sender() {
                        @Override
                        public void send(String from, String to, String subject) {
                            sender.send(from, to, subject);
                        }

                        @Override
                        public Delivery attempt(String recipient) {
                            return sender.awaitAttempt(recipient, ATTEMPT);
                        }

                        @Override
                        public String queue() {
                            return sender.queue();
                        }

                        @Override
                        public String log() {
                            return sender.log();
                        }

                        @Override
                        public void close() {
                            sender.close();
                        }
                    };
                });
    }

    @Test
    void exim() throws IOException {
        EximSender.requireAvailable();
        runAll(
                "exim",
                (phase, dir) -> {
                    Path file = dir.resolve("exim_tls_policy");
                    export("exim", phase, file);
                    EximSender sender =
                            EximSender.start(
                                    dir.resolve("exim"),
                                    dns.address().getAddress(),
                                    ca.caFile(),
                                    file);
                    return new Sender() {
                        @Override
                        public void send(String from, String to, String subject) {
                            sender.send(from, to, subject);
                        }

                        @Override
                        public Delivery attempt(String recipient) {
                            return sender.attempt(recipient);
                        }

                        @Override
                        public String queue() {
                            return sender.queue();
                        }

                        @Override
                        public String log() {
                            return sender.log();
                        }

                        @Override
                        public void close() {}
                    };
                });
    }

    interface SenderFactory {
        Sender start(Phase phase, Path dir) throws IOException;
    }

    /** Every scenario, one sender per phase; collects every failure and names its scenario. */
    void runAll(String mta, SenderFactory factory) throws IOException {
        List<String> failures = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            Path dir =
                    Files.createDirectories(
                            root.resolve(mta + "-" + phase.name().toLowerCase(Locale.ROOT)));
            try (Sender sender = factory.start(phase, dir)) {
                for (Scenario scenario : Scenario.values()) {
                    if (scenario.phase == phase) {
                        try {
                            run(mta, scenario, sender);
                        } catch (AssertionError e) {
                            failures.add(mta + " " + scenario + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures, String.join("\n\n", failures));
    }

    void run(String mta, Scenario scenario, Sender sender) {
        PostfixReceiver receiver = receivers.get(scenario.domain);
        String from =
                mta
                        + "."
                        + scenario.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + "@sender.test";
        String to = "postmaster@" + scenario.domain;
        String subject = mta + " " + scenario + " " + Long.toHexString(System.nanoTime());
        int before = receiver.messages().size();
        sender.send(from, to, subject);
        Delivery delivery = sender.attempt(to);
        String context = delivery.logLine() + "\nsender log:\n" + sender.log();
        if (enforced(scenario)) {
            DomainReport report = verdicts().get(scenario.domain);
            boolean delivered = delivery.status() == Delivery.Status.DELIVERED;
            assertEquals(
                    report.verdict().isEligible(),
                    delivered,
                    "check says "
                            + report.verdict().wire()
                            + " "
                            + report.findings()
                            + " but "
                            + mta
                            + " "
                            + (delivered ? "delivered" : "did not deliver")
                            + ": "
                            + delivery.logLine());
        }
        if (scenario.expect == Expect.DEFERRED) {
            assertEquals(Delivery.Status.DEFERRED, delivery.status(), context);
            assertTrue(sender.queue().contains(to), "still queued:\n" + sender.queue());
            assertTrue(
                    receiver.messages().stream().noneMatch(m -> m.contains(subject)),
                    "the receiver has the message");
            // Not even the envelope went out: the receiver never saw the sender's address.
            assertFalse(
                    receiver.log().contains(from),
                    "the receiver saw " + from + ":\n" + receiver.log());
        } else {
            assertEquals(Delivery.Status.DELIVERED, delivery.status(), context);
            assertTrue(delivery.tls(), "not over TLS: " + context);
            assertEquals(
                    scenario.expect == Expect.VERIFIED_TLS,
                    delivery.verified(),
                    "certificate verified? " + context);
            List<String> messages = receiver.awaitMessages(before + 1, ATTEMPT);
            assertTrue(
                    messages.stream().anyMatch(m -> m.contains("Subject: " + subject)),
                    "not in the mailbox: " + subject);
            assertFalse(sender.queue().contains(to), "left in the queue:\n" + sender.queue());
        }
    }
}
