package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.starttlslist.json.Json;
import org.starttlslist.testing.SharedFixtures;
import tools.jackson.databind.JsonNode;

class PublishedListSchemaTest {
    @Test
    void predecessorsList_failsOnlyOnItsUpperCaseMxNames() {
        JsonNode list = Json.readStrict(SharedFixtures.bytes("fixtures/eff/policy.json"));
        List<PublishedListSchema.Violation> violations = PublishedListSchema.check(list);
        assertFalse(violations.isEmpty());
        List<String> mxViolations =
                violations.stream()
                        .filter(v -> v.pointer().contains("/mxs/"))
                        .map(PublishedListSchema.Violation::pointer)
                        .toList();
        assertEquals(8, mxViolations.size(), violations::toString);
        // The rest are oneOf's echoes of the same four entries.
        List<String> domains =
                List.of("shintag.com", "covisp.net", "boothlabs.me", "technikumnukleoniczne.pl");
        assertTrue(
                violations.stream()
                        .allMatch(
                                v ->
                                        domains.stream()
                                                .anyMatch(
                                                        d ->
                                                                v.pointer()
                                                                        .startsWith(
                                                                                "/policies/" + d))),
                violations::toString);
    }

    @Test
    void predecessorsTestData_isAccepted() {
        for (String file :
                List.of(
                        "upstream-testdata/config.json",
                        "upstream-testdata/bigger_test_config.json")) {
            JsonNode list =
                    Json.readStrict(SharedFixtures.bytes("fixtures/starttls-policy-cli/" + file));
            assertEquals(List.of(), PublishedListSchema.check(list), file);
        }
    }

    @Test
    void wildcardAndUpperCaseDomain_areRefused() {
        String json =
                "{\"timestamp\":0,\"expires\":1,\"version\":\"0.1\",\"policy-aliases\":{},"
                        + "\"policies\":{\"Example.com\":{\"mode\":\"testing\",\"mxs\":[\"*.example.com\"]}}}";
        List<PublishedListSchema.Violation> violations =
                PublishedListSchema.check(
                        Json.readStrict(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(violations.size() >= 2, violations::toString);
    }
}
