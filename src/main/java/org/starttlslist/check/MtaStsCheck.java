package org.starttlslist.check;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.starttlslist.model.HostNames;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;

/**
 * Step 4: MTA-STS (RFC 8461) when the domain publishes it, and TLS-RPT (RFC 8460) as information.
 * 4.1 the {@code _mta-sts} TXT record (exactly one {@code v=STSv1} with an {@code id} of 1–32
 * letters and digits); 4.3–4.6 the policy file fetched over HTTPS (see {@link MtaStsFetch}); 4.7
 * its fields ({@code version: STSv1}, {@code mode}, {@code 0 <= max_age <= 31557600}, at least one
 * {@code mx}); 4.10 every MX host against its patterns; 4.11 disagreements with the list's policy;
 * 4.13 TLS-RPT.
 */
final class MtaStsCheck {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final long MAX_AGE_LIMIT = 31_557_600L;

    record Result(Optional<MtaStsPolicy> policy, List<Finding> findings) {}

    private final Dns dns;
    private final MtaStsFetch fetch;

    MtaStsCheck(Dns dns, MtaStsFetch fetch) {
        this.dns = dns;
        this.fetch = fetch;
    }

    Result check(String domain, List<String> mxHosts, Optional<ListPolicy> listPolicy)
            throws DnsFailedException {
        List<Finding> findings = new ArrayList<>();
        Optional<MtaStsPolicy> policy = policy(domain, findings);
        if (policy.isPresent()) {
            compare(domain, policy.get(), mxHosts, listPolicy, findings);
        }
        tlsRpt(domain, findings);
        return new Result(policy, findings);
    }

    private Optional<MtaStsPolicy> policy(String domain, List<Finding> findings)
            throws DnsFailedException {
        List<String> records =
                dns.txt("_mta-sts." + domain).stream()
                        .filter(t -> t.startsWith("v=STSv1"))
                        .toList();
        if (records.isEmpty()) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_ABSENT,
                            "no v=STSv1 TXT record at _mta-sts." + domain,
                            "optional: publish MTA-STS (RFC 8461) so that senders outside this list enforce TLS too"));
            return Optional.empty();
        }
        if (records.size() > 1) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_TXT_INVALID,
                            records.size()
                                    + " v=STSv1 TXT records at _mta-sts."
                                    + domain
                                    + " (senders ignore them all)",
                            "keep exactly one v=STSv1 record"));
            return Optional.empty();
        }
        Optional<String> id = Optional.empty();
        for (String field : records.get(0).split(";")) {
            String trimmed = field.trim();
            if (trimmed.startsWith("id=")) {
                id = Optional.of(trimmed.substring(3));
            }
        }
        if (id.isEmpty() || !ID.matcher(id.get()).matches()) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_TXT_INVALID,
                            "_mta-sts." + domain + " TXT '" + records.get(0) + "' has no valid id",
                            "write id= with 1 to 32 letters and digits, e.g. id=20260101T000000"));
            return Optional.empty();
        }
        String host = "mta-sts." + domain;
        MtaStsFetch.Response response;
        try {
            List<InetAddress> addresses = dns.addresses(host, new ArrayList<>());
            response = fetch.get(host, addresses);
        } catch (MtaStsFetch.FetchException e) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_FETCH_FAILED,
                            e.getMessage(),
                            "serve the policy at https://"
                                    + host
                                    + "/.well-known/mta-sts.txt with a valid certificate for "
                                    + host));
            return Optional.empty();
        }
        if (response.status() >= 300 && response.status() < 400) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_REDIRECT,
                            "https://"
                                    + host
                                    + "/.well-known/mta-sts.txt answers "
                                    + response.status()
                                    + " to "
                                    + response.headers().getOrDefault("location", "(no Location)")
                                    + "; senders do not follow redirects (RFC 8461 §3.3)",
                            "serve the policy file itself at that address"));
            return Optional.empty();
        }
        if (response.status() != 200) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_FETCH_FAILED,
                            "https://"
                                    + host
                                    + "/.well-known/mta-sts.txt answers "
                                    + response.status(),
                            "serve the policy file with status 200"));
            return Optional.empty();
        }
        if (response.tooLarge()) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_TOO_LARGE,
                            "the policy at https://"
                                    + host
                                    + "/.well-known/mta-sts.txt is larger than 64 KiB",
                            "a policy is a few lines: serve only those"));
            return Optional.empty();
        }
        String type = response.headers().getOrDefault("content-type", "");
        if (!type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals("text/plain")) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_CONTENT_TYPE,
                            "the policy is served as '" + type + "', not text/plain",
                            "serve /.well-known/mta-sts.txt as text/plain (RFC 8461 §3.2)"));
        }
        return parse(id.get(), new String(response.body(), StandardCharsets.UTF_8), host, findings);
    }

    private static Optional<MtaStsPolicy> parse(
            String id, String text, String host, List<Finding> findings) {
        String version = null;
        String mode = null;
        String maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "version" -> version = version == null ? value : version;
                case "mode" -> mode = mode == null ? value : mode;
                case "max_age" -> maxAge = maxAge == null ? value : maxAge;
                case "mx" -> mx.add(HostNames.foldCase(value));
                default -> {
                    // RFC 8461 §3.2: unknown fields are ignored
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (!"STSv1".equals(version)) {
            problems.add(
                    "version is "
                            + (version == null ? "missing" : "'" + version + "'")
                            + ", not STSv1");
        }
        if (mode == null || !Set.of("enforce", "testing", "none").contains(mode)) {
            problems.add(
                    "mode is "
                            + (mode == null ? "missing" : "'" + mode + "'")
                            + ", not enforce, testing or none");
        }
        long age = -1;
        try {
            age = maxAge == null ? -1 : Long.parseLong(maxAge);
        } catch (NumberFormatException e) {
            age = -1;
        }
        if (age < 0 || age > MAX_AGE_LIMIT) {
            problems.add(
                    "max_age is "
                            + (maxAge == null ? "missing" : "'" + maxAge + "'")
                            + ", not 0 to "
                            + MAX_AGE_LIMIT);
        }
        if (mx.isEmpty() && !"none".equals(mode)) {
            problems.add("no mx line");
        }
        if (!problems.isEmpty()) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_INVALID,
                            "the policy at https://"
                                    + host
                                    + "/.well-known/mta-sts.txt: "
                                    + String.join("; ", problems),
                            "fix the policy file (RFC 8461 §3.2) and change the TXT record's id"));
            return Optional.empty();
        }
        MtaStsPolicy policy = new MtaStsPolicy(id, mode, Duration.ofSeconds(age), mx);
        if (mode.equals("testing")) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_TESTING,
                            "MTA-STS mode testing (id " + id + ")",
                            "when the reports are clean, switch the MTA-STS policy to mode: enforce"));
        } else if (mode.equals("none")) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_MODE_NONE,
                            "MTA-STS mode none: the domain withdrew its policy",
                            "publish mode testing or enforce, or remove the _mta-sts record"));
        } else {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_VALID,
                            "MTA-STS mode enforce, max_age "
                                    + age
                                    + ", mx "
                                    + mx
                                    + " (id "
                                    + id
                                    + ")",
                            "nothing to do"));
        }
        return Optional.of(policy);
    }

    private static void compare(
            String domain,
            MtaStsPolicy policy,
            List<String> mxHosts,
            Optional<ListPolicy> listPolicy,
            List<Finding> findings) {
        if (policy.mode().equals("none")) {
            return;
        }
        for (String host : mxHosts) {
            if (!policy.allows(host)) {
                Finding finding =
                        Finding.about(
                                FindingCode.MTA_STS_MX_MISMATCH,
                                host,
                                null,
                                "MX host "
                                        + host
                                        + " is not in the MTA-STS policy's mx "
                                        + policy.mx(),
                                "add a matching mx line to the MTA-STS policy (and change the TXT id), or fix the MX record");
                findings.add(
                        policy.mode().equals("enforce")
                                ? finding
                                : finding.withSeverity(Severity.WARNING));
            }
        }
        if (listPolicy.isEmpty()) {
            return;
        }
        Set<String> fromMtaSts = new TreeSet<>();
        for (String pattern : policy.mx()) {
            fromMtaSts.add(pattern.startsWith("*.") ? pattern.substring(1) : pattern);
        }
        Set<String> fromList = new TreeSet<>();
        for (MxPattern pattern : listPolicy.get().mx()) {
            fromList.add(pattern.value());
        }
        if (!fromMtaSts.equals(fromList)) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_DISAGREES,
                            "the list's MX patterns "
                                    + fromList
                                    + " differ from the MTA-STS policy's "
                                    + policy.mx(),
                            "make the list entry for "
                                    + domain
                                    + " and the MTA-STS policy name the same hosts"));
        }
        if (listPolicy.get().mode().filter(m -> m == Mode.ENFORCE).isPresent()
                && !policy.mode().equals("enforce")) {
            findings.add(
                    Finding.of(
                            FindingCode.MTA_STS_DISAGREES,
                            "the list entry enforces, the MTA-STS policy is in mode "
                                    + policy.mode(),
                            "move MTA-STS to enforce as well, or the list entry back to testing"));
        }
    }

    private void tlsRpt(String domain, List<Finding> findings) throws DnsFailedException {
        List<String> records =
                dns.txt("_smtp._tls." + domain).stream()
                        .filter(t -> t.startsWith("v=TLSRPTv1"))
                        .toList();
        findings.add(
                Finding.of(
                        FindingCode.TLS_RPT,
                        records.isEmpty()
                                ? "no TLS-RPT record at _smtp._tls." + domain
                                : "TLS-RPT: " + String.join(" | ", records),
                        records.isEmpty()
                                ? "optional: publish v=TLSRPTv1; rua=mailto:... to receive reports of failed TLS deliveries"
                                : "nothing to do"));
    }
}
