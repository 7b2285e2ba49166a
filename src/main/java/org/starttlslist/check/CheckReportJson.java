package org.starttlslist.check;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.starttlslist.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code --format json} document, as {@code schema/check-report.schema.json} describes it.
 * Fields keep a fixed order; instants are RFC 3339 UTC with {@code Z}; absent values are left out
 * rather than written as null.
 */
public final class CheckReportJson {
    /** The schema's {@code $id}, also written as the document's {@code schema} member. */
    public static final String SCHEMA_ID =
            "https://starttls-list.org/schema/check-report.schema.json";

    private CheckReportJson() {}

    public static String write(CheckReport report) {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree(report))
                + "\n";
    }

    public static ObjectNode tree(CheckReport report) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("schema", SCHEMA_ID);
        root.put("checked-at", instant(report.checkedAt()));
        root.put("verdict", report.overall().wire());
        ArrayNode domains = root.putArray("domains");
        for (DomainReport domain : report.domains()) {
            ObjectNode d = domains.addObject();
            d.put("domain", domain.domain());
            d.put("verdict", domain.verdict().wire());
            ArrayNode hosts = d.putArray("mx-hosts");
            for (MxHost host : domain.mxHosts()) {
                ObjectNode h = hosts.addObject();
                h.put("host", host.name());
                h.put("preference", host.preference());
                ArrayNode probes = h.putArray("addresses");
                for (String address : host.addresses()) {
                    Optional<AddressProbe> probe =
                            host.probes().stream()
                                    .filter(p -> p.address().equals(address))
                                    .findFirst();
                    ObjectNode a = probes.addObject();
                    a.put("address", address);
                    a.put("outcome", probe.map(p -> p.outcome().wire()).orElse("not-probed"));
                    probe.flatMap(AddressProbe::greetingDelay)
                            .ifPresent(delay -> a.put("greeting-delay-ms", delay.toMillis()));
                    probe.flatMap(AddressProbe::tls)
                            .ifPresent(
                                    tls -> {
                                        ObjectNode t = a.putObject("tls");
                                        t.put("protocol", tls.protocol());
                                        t.put("cipher-suite", tls.cipherSuite());
                                        t.put("subject", tls.subject());
                                        t.put("issuer", tls.issuer());
                                        ArrayNode names = t.putArray("subject-alt-names");
                                        tls.subjectAltNames().forEach(names::add);
                                        t.put("not-before", instant(tls.notBefore()));
                                        t.put("not-after", instant(tls.notAfter()));
                                        t.put("chain-length", tls.chainLength());
                                    });
                }
            }
            domain.mtaSts()
                    .ifPresent(
                            policy -> {
                                ObjectNode m = d.putObject("mta-sts");
                                m.put("id", policy.id());
                                m.put("mode", policy.mode());
                                m.put("max-age", policy.maxAge().toSeconds());
                                ArrayNode mx = m.putArray("mx");
                                policy.mx().forEach(mx::add);
                            });
            if (!domain.suggestedPatterns().isEmpty()) {
                ArrayNode suggested = d.putArray("suggested-mxs");
                domain.suggestedPatterns().forEach(p -> suggested.add(p.value()));
            }
            ArrayNode findings = d.putArray("findings");
            for (Finding finding : domain.findings()) {
                ObjectNode f = findings.addObject();
                f.put("code", finding.code().wire());
                f.put("step", finding.code().step());
                f.put("severity", finding.severity().wire());
                finding.host().ifPresent(host -> f.put("host", host));
                finding.address().ifPresent(address -> f.put("address", address));
                f.put("observed", finding.observed());
                f.put("fix", finding.fix());
            }
        }
        return root;
    }

    private static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
