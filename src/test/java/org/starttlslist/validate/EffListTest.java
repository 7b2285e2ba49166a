package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.starttlslist.validate.ValidateCorpusTest.CONFIG;
import static org.starttlslist.validate.ValidateCorpusTest.utf8;
import static org.starttlslist.validate.ValidateCorpusTest.write;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.json.Json;
import org.starttlslist.source.ListRepository;
import org.starttlslist.testing.SharedFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The predecessor's last list, split into one source per domain (with a made-up contact), must fail
 * exactly where our rules are stricter than its schema: eight upper-case MX names in four domains.
 * Everything else in it is a valid source.
 */
class EffListTest {
    @TempDir Path repo;

    @Test
    void ourRulesRejectExactlyTheUpperCaseMxNames() throws IOException {
        JsonNode list = Json.mapper().readTree(SharedFixtures.bytes("fixtures/eff/policy.json"));
        write(repo.resolve("release/config.json"), utf8(CONFIG));
        int domains = 0;
        for (Map.Entry<String, JsonNode> alias : list.get("policy-aliases").properties()) {
            write(
                    repo.resolve("policies/aliases/" + alias.getKey() + ".json"),
                    Json.mapper().writeValueAsBytes(alias.getValue()));
        }
        for (Map.Entry<String, JsonNode> policy : list.get("policies").properties()) {
            ObjectNode source = Json.mapper().createObjectNode();
            source.put("contact", "postmaster@" + policy.getKey());
            source.setAll((ObjectNode) policy.getValue());
            write(
                    repo.resolve("policies/" + policy.getKey() + ".json"),
                    Json.mapper().writeValueAsBytes(source));
            domains++;
        }
        assertEquals(926, domains);

        ValidationReport report =
                new Validator(new ListRepository(repo), Instant.parse("2026-11-28T00:00:00Z"))
                        .validateAll();

        List<String> rejected =
                report.findings().stream()
                        .map(f -> f.file() + " " + f.pointer() + " " + f.code())
                        .toList();
        assertEquals(
                List.of(
                        "policies/boothlabs.me.json /mxs/0 mx.pattern.not-lowercase",
                        "policies/covisp.net.json /mxs/0 mx.pattern.not-lowercase",
                        "policies/shintag.com.json /mxs/0 mx.pattern.not-lowercase",
                        "policies/shintag.com.json /mxs/1 mx.pattern.not-lowercase",
                        "policies/shintag.com.json /mxs/2 mx.pattern.not-lowercase",
                        "policies/shintag.com.json /mxs/3 mx.pattern.not-lowercase",
                        "policies/shintag.com.json /mxs/4 mx.pattern.not-lowercase",
                        "policies/technikumnukleoniczne.pl.json /mxs/0 mx.pattern.not-lowercase"),
                rejected);
        assertEquals(
                "MX pattern 'ASPMX.L.GOOGLE.COM' has upper-case letters; write 'aspmx.l.google.com'",
                report.findings().get(2).message());
        assertEquals(926 - 4, report.sources().orElseThrow().domains().size());
    }
}
