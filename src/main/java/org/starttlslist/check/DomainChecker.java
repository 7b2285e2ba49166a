package org.starttlslist.check;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.starttlslist.model.HostNames;
import org.starttlslist.model.MxPattern;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The eligibility checker as a library call: {@code new DomainChecker(settings).check(requests)}.
 *
 * <p>Per domain, in order (the numbers are the finding codes' steps, README "check"):
 *
 * <ol>
 *   <li>DNS: the name to A-label; its MX records, CNAMEs followed; NXDOMAIN and null MX (RFC 7505)
 *       make it not eligible; no MX falls back to the implicit MX (the domain itself) with a
 *       warning; A and AAAA for each MX host. A resolver that fails means could-not-check.
 *   <li>Each MX host, each address: {@link SmtpProbe}. Every (host, address) is probed once per run
 *       however many domains share it, at most {@code connectionsPerAddress} at a time per address.
 *   <li>The MX hosts against the policy; without one, the tightest patterns are suggested.
 *   <li>MTA-STS and TLS-RPT: {@link MtaStsCheck}.
 * </ol>
 *
 * Verdict: any failure makes it not eligible; else any error (resolver, deadline, no MX host
 * answered) makes it could-not-check; else warnings make it eligible-with-warnings.
 */
public final class DomainChecker {
    private static final Duration DNS_TIMEOUT_CAP = Duration.ofSeconds(10);

    private final CheckSettings settings;
    private final TrustAnchors trust;

    /** Loads the trust anchors at once, so a bad {@code --ca-file} fails before any traffic. */
    public DomainChecker(CheckSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.trust = TrustAnchors.load(settings.caFile());
    }

    /**
     * Checks every domain, at most {@code settings.concurrency()} at a time; reports in request
     * order.
     */
    public CheckReport check(List<CheckRequest> requests) {
        Duration dnsTimeout =
                settings.connectionTimeout().compareTo(DNS_TIMEOUT_CAP) < 0
                        ? settings.connectionTimeout()
                        : DNS_TIMEOUT_CAP;
        Dns dns = new Dns(settings.resolver(), dnsTimeout);
        ExecutorService domainThreads =
                Executors.newFixedThreadPool(settings.concurrency(), named("check-domain"));
        ExecutorService probeThreads =
                Executors.newFixedThreadPool(
                        Math.min(256, settings.concurrency() * 4), named("check-probe"));
        // Questions asked ahead (addresses of every MX host, the MTA-STS and TLS-RPT records) so a
        // domain's lookups overlap instead of following one another.
        ExecutorService dnsThreads =
                Executors.newFixedThreadPool(
                        Math.min(256, settings.concurrency() * 2), named("check-dns"));
        try {
            HostProbes probes =
                    new HostProbes(
                            new SmtpProbe(settings, trust),
                            probeThreads,
                            settings.connectionsPerAddress());
            MtaStsCheck mtaSts = new MtaStsCheck(dns, new MtaStsFetch(settings, trust));
            List<Future<DomainReport>> futures = new ArrayList<>();
            for (CheckRequest request : requests) {
                futures.add(
                        domainThreads.submit(
                                () ->
                                        new DomainRun(request, dns, dnsThreads, probes, mtaSts)
                                                .run()));
            }
            List<DomainReport> reports = new ArrayList<>();
            for (Future<DomainReport> future : futures) {
                reports.add(join(future));
            }
            return new CheckReport(settings.now(), reports);
        } finally {
            domainThreads.shutdownNow();
            probeThreads.shutdownNow();
            dnsThreads.shutdownNow();
        }
    }

    public DomainReport check(CheckRequest request) {
        return check(List.of(request)).domains().get(0);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One domain's checks, steps 1 to 4 and the verdict. */
    private final class DomainRun {
        private final CheckRequest request;
        private final Dns dns;
        private final ExecutorService dnsThreads;
        private final HostProbes probes;
        private final MtaStsCheck mtaSts;
        private final List<Finding> findings = new ArrayList<>();
        private final long deadline;

        DomainRun(
                CheckRequest request,
                Dns dns,
                ExecutorService dnsThreads,
                HostProbes probes,
                MtaStsCheck mtaSts) {
            this.request = request;
            this.dns = dns;
            this.dnsThreads = dnsThreads;
            this.probes = probes;
            this.mtaSts = mtaSts;
            this.deadline = System.nanoTime() + settings.domainDeadline().toNanos();
        }

        DomainReport run() {
            Optional<String> ascii = HostNames.toALabel(request.domain().trim());
            if (ascii.isEmpty() || HostNames.problem(ascii.get()).isPresent()) {
                findings.add(
                        Finding.of(
                                FindingCode.DOMAIN_INVALID,
                                "'"
                                        + request.domain()
                                        + "' is not a domain name"
                                        + ascii.flatMap(HostNames::problem)
                                                .map(p -> ": the name " + p)
                                                .orElse(""),
                                "give a domain such as example.com"));
                return report(request.domain(), List.of(), Optional.empty(), List.of());
            }
            String domain = ascii.get();
            List<MxHost> hosts = new ArrayList<>();
            Optional<MtaStsPolicy> policy = Optional.empty();
            List<MxPattern> suggested = List.of();
            try {
                dns.prefetch(dnsThreads, "_mta-sts." + domain, Type.TXT);
                dns.prefetch(dnsThreads, "_smtp._tls." + domain, Type.TXT);
                Optional<List<Target>> targets = mxTargets(domain);
                if (targets.isEmpty()) {
                    return report(domain, hosts, policy, suggested);
                }
                hosts = probeAll(targets.get());
                suggested = checkPolicy(hosts);
                MtaStsCheck.Result sts =
                        mtaSts.check(
                                domain,
                                hosts.stream().map(MxHost::name).toList(),
                                request.policy());
                findings.addAll(sts.findings());
                policy = sts.policy();
            } catch (DnsFailedException e) {
                findings.add(
                        Finding.of(
                                FindingCode.DNS_FAILED,
                                e.getMessage(),
                                "check that the resolver"
                                        + settings.resolver()
                                                .map(
                                                        r ->
                                                                " "
                                                                        + r.getHostString()
                                                                        + ":"
                                                                        + r.getPort())
                                                .orElse("")
                                        + " answers, then run the check again"));
            }
            return report(domain, hosts, policy, suggested);
        }

        /** A host DNS gave as a mail exchanger (or the domain itself, as the implicit MX). */
        private record Target(String host, int preference) {}

        /** Step 1; empty when the domain takes no mail or does not exist (findings say which). */
        private Optional<List<Target>> mxTargets(String domain) throws DnsFailedException {
            Dns.Answer answer = dns.query(domain, Type.MX);
            if (answer.nxdomain()) {
                findings.add(
                        Finding.of(
                                FindingCode.DOMAIN_NXDOMAIN,
                                domain + " does not exist in DNS (NXDOMAIN)",
                                "check the spelling, or publish the domain's MX records"));
                return Optional.empty();
            }
            List<Target> targets = new ArrayList<>();
            for (Record record : answer.records()) {
                MXRecord mx = (MXRecord) record;
                if (mx.getTarget().equals(Name.root)) {
                    findings.add(
                            Finding.of(
                                    FindingCode.NULL_MX,
                                    domain
                                            + " publishes a null MX (\"0 .\", RFC 7505): it accepts no mail",
                                    "a domain that takes no mail cannot be listed; remove the null MX and publish real MX hosts to take mail"));
                    return Optional.empty();
                }
                String host = Dns.text(mx.getTarget());
                if (targets.stream().noneMatch(t -> t.host().equals(host))) {
                    targets.add(new Target(host, mx.getPriority()));
                }
            }
            if (targets.isEmpty()) {
                findings.add(
                        Finding.of(
                                FindingCode.IMPLICIT_MX,
                                domain
                                        + " has no MX record; mail goes to the domain's own address"
                                        + " (implicit MX, RFC 5321 §5.1)",
                                "publish an MX record naming the mail server explicitly"));
                targets.add(new Target(domain, 0));
            }
            targets.sort(Comparator.comparingInt(Target::preference).thenComparing(Target::host));
            return Optional.of(targets);
        }

        /** Step 2: addresses for every host, then every address probed (shared across domains). */
        private List<MxHost> probeAll(List<Target> targets) throws DnsFailedException {
            Map<Target, List<InetAddress>> addresses = new LinkedHashMap<>();
            Map<Target, List<CompletableFuture<AddressProbe>>> pending = new LinkedHashMap<>();
            for (Target target : targets) {
                dns.prefetch(dnsThreads, target.host(), Type.A);
                dns.prefetch(dnsThreads, target.host(), Type.AAAA);
            }
            for (Target target : targets) {
                List<String> cnames = new ArrayList<>();
                List<InetAddress> found = dns.addresses(target.host(), cnames);
                if (!cnames.isEmpty()) {
                    findings.add(
                            Finding.about(
                                    FindingCode.MX_CNAME,
                                    target.host(),
                                    null,
                                    "MX host "
                                            + target.host()
                                            + " is a CNAME to "
                                            + String.join(" -> ", cnames),
                                    "point the MX record at the canonical name "
                                            + cnames.get(cnames.size() - 1)
                                            + " (RFC 5321 §5.1)"));
                }
                if (found.isEmpty()) {
                    findings.add(
                            Finding.about(
                                    FindingCode.MX_HOST_NO_ADDRESS,
                                    target.host(),
                                    null,
                                    "MX host " + target.host() + " has no A or AAAA record",
                                    "publish its address, or remove it from the MX records"));
                }
                addresses.put(target, found);
                List<CompletableFuture<AddressProbe>> futures = new ArrayList<>();
                for (InetAddress address : found) {
                    futures.add(probes.probe(target.host(), address));
                }
                pending.put(target, futures);
            }
            List<MxHost> hosts = new ArrayList<>();
            for (Target target : targets) {
                List<AddressProbe> done = new ArrayList<>();
                List<InetAddress> found = addresses.get(target);
                for (int i = 0; i < found.size(); i++) {
                    Optional<AddressProbe> probe =
                            await(pending.get(target).get(i), target.host(), found.get(i));
                    probe.ifPresent(
                            p -> {
                                done.add(p);
                                findings.addAll(p.findings());
                            });
                }
                hosts.add(
                        new MxHost(
                                target.host(),
                                target.preference(),
                                found.stream().map(SmtpProbe::literal).toList(),
                                done));
            }
            return hosts;
        }

        private Optional<AddressProbe> await(
                CompletableFuture<AddressProbe> future, String host, InetAddress address) {
            long left = deadline - System.nanoTime();
            try {
                return Optional.of(future.get(Math.max(0, left), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                findings.add(
                        new Finding(
                                FindingCode.HOST_TIMED_OUT,
                                Severity.ERROR,
                                Optional.of(host),
                                Optional.of(SmtpProbe.literal(address)),
                                "not probed within the per-domain deadline of "
                                        + SmtpProbe.seconds(settings.domainDeadline()),
                                "run again with a larger --timeout or a smaller --concurrency"));
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "probe of " + host + " failed unexpectedly", e.getCause());
            }
        }

        /** Step 3. */
        private List<MxPattern> checkPolicy(List<MxHost> hosts) {
            if (request.policy().isPresent()) {
                ListPolicy policy = request.policy().get();
                for (MxHost host : hosts) {
                    if (!policy.allows(host.name())) {
                        findings.add(
                                Finding.about(
                                        FindingCode.MX_NOT_IN_POLICY,
                                        host.name(),
                                        null,
                                        "MX host "
                                                + host.name()
                                                + " matches none of the policy's patterns "
                                                + policy.mx(),
                                        "add "
                                                + host.name()
                                                + " (or ."
                                                + parent(host.name())
                                                + ") to the domain's mx patterns,"
                                                + " or remove the MX record"));
                    }
                }
                return List.of();
            }
            List<MxPattern> suggested =
                    PatternSuggestion.tightest(hosts.stream().map(MxHost::name).toList());
            if (!suggested.isEmpty()) {
                findings.add(
                        Finding.of(
                                FindingCode.PATTERNS_SUGGESTED,
                                "no policy given; MX hosts "
                                        + hosts.stream().map(MxHost::name).toList(),
                                "use the mx patterns " + suggested));
            }
            return suggested;
        }

        private DomainReport report(
                String domain,
                List<MxHost> hosts,
                Optional<MtaStsPolicy> policy,
                List<MxPattern> suggested) {
            boolean probed =
                    hosts.stream().anyMatch(h -> !h.addresses().isEmpty())
                            || findings.stream()
                                    .anyMatch(f -> f.code() == FindingCode.HOST_TIMED_OUT);
            boolean answered =
                    hosts.stream()
                            .flatMap(h -> h.probes().stream())
                            .anyMatch(p -> p.outcome() != AddressProbe.Outcome.UNREACHABLE);
            boolean stopped =
                    findings.stream()
                            .anyMatch(
                                    f ->
                                            f.severity() == Severity.FAILURE
                                                    || f.severity() == Severity.ERROR);
            if (!answered && !stopped && (probed || !hosts.isEmpty())) {
                findings.add(
                        Finding.of(
                                FindingCode.NO_MX_HOST_ANSWERED,
                                "none of the MX hosts "
                                        + hosts.stream().map(MxHost::name).toList()
                                        + " accepted a connection on port "
                                        + settings.ports().smtp(),
                                "make at least the primary MX host reachable on port "
                                        + settings.ports().smtp()
                                        + ", then check again"));
            }
            return new DomainReport(domain, verdict(), hosts, policy, suggested, findings);
        }

        private Verdict verdict() {
            if (findings.stream().anyMatch(f -> f.severity() == Severity.FAILURE)) {
                return Verdict.NOT_ELIGIBLE;
            }
            if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
                return Verdict.COULD_NOT_CHECK;
            }
            if (findings.stream().anyMatch(f -> f.severity() == Severity.WARNING)) {
                return Verdict.ELIGIBLE_WITH_WARNINGS;
            }
            return Verdict.ELIGIBLE;
        }
    }

    static String parent(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(dot + 1);
    }
}
