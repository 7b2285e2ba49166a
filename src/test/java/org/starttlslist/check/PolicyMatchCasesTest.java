package org.starttlslist.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.starttlslist.json.Json;
import org.starttlslist.model.MxPattern;
import org.starttlslist.testing.SharedFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The predecessor's 18 pattern-matching cases ({@code checker/hostname_test.go}), run against the
 * checker's matching. Where the list's rule differs, the test says so: the list refuses {@code *.}
 * patterns (write {@code .suffix}); such cases are checked instead against the MTA-STS matching
 * (RFC 8461), which does use {@code *.} and must agree with the predecessor.
 */
class PolicyMatchCasesTest {
    @TestFactory
    List<DynamicTest> predecessorCases() {
        JsonNode fixture =
                Json.readStrict(
                        SharedFixtures.bytes(
                                "fixtures/starttls-policy-cli/related/starttls-backend/policy_match_cases.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixture.get("cases")) {
            String host = c.get("mx_hostname").asString();
            String pattern = c.get("pattern").asString();
            boolean expected = c.get("matches").asBoolean();
            tests.add(
                    DynamicTest.dynamicTest(
                            host
                                    + " vs "
                                    + pattern
                                    + " -> "
                                    + expected
                                    + " ("
                                    + c.get("group").asString()
                                    + ")",
                            () -> {
                                if (pattern.startsWith("*.")) {
                                    // The list's rule differs: '*.' is not a list pattern at all.
                                    assertTrue(
                                            MxPattern.problem(pattern).isPresent(),
                                            pattern + " must be refused as a list pattern");
                                    assertEquals(
                                            expected,
                                            new MtaStsPolicy(
                                                            "1",
                                                            "enforce",
                                                            java.time.Duration.ZERO,
                                                            List.of(pattern))
                                                    .allows(host),
                                            "MTA-STS matching must agree with the predecessor");
                                } else if (MxPattern.problem(pattern).isPresent()) {
                                    assertFalse(
                                            expected,
                                            "a refused pattern matches nothing, and the predecessor agrees");
                                } else {
                                    assertEquals(
                                            expected,
                                            new ListPolicy(
                                                            List.of(new MxPattern(pattern)),
                                                            Optional.empty())
                                                    .allows(host));
                                }
                            }));
        }
        assertEquals(18, tests.size());
        return tests;
    }
}
