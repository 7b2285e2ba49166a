package org.starttlslist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.starttlslist.json.Json;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.SharedFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The predecessor's own Postfix cases (starttls-policy-cli's configure_test.py, transcribed into
 * ../shared). Its inputs are not lists we accept, for two documented reasons (README, "Intentional
 * differences"): they lack the format's required {@code version} and {@code policy-aliases}, and
 * their domain keys start with a dot, which in a Postfix table means "every subdomain" and is no
 * mail domain. Each case checks that we refuse the input as given, then exports the input with
 * exactly those two things repaired and compares with the expected file, repaired the same way (the
 * leading dot of the key column removed). Everything else — layout, padding, comments, fallback
 * line, trailing newline — must match byte for byte.
 */
class PredecessorPostfixOutputTest {
    static final String DIR = "fixtures/starttls-policy-cli/upstream-inline/configure_test/";
    static final Pattern LEADING_DOT_KEY = Pattern.compile("(?m)^(# )?\\.");

    record Case(String id, String input, boolean earlyAdopter, String expected) {
        @Override
        public String toString() {
            return id;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // Read lazily so that a missing ../shared skips the test instead of failing discovery.
        Path index = Path.of("..", "shared", DIR, "cases.json").toAbsolutePath().normalize();
        if (!Files.exists(index)) {
            cases.add(new Case("fixtures absent", null, false, null));
            return cases;
        }
        try {
            for (JsonNode node : Json.readStrict(Files.readAllBytes(index))) {
                cases.add(
                        new Case(
                                node.get("id").stringValue(),
                                node.get("input").stringValue(),
                                node.get("early_adopter").booleanValue(),
                                node.get("expected_output").stringValue()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesThePredecessorWhereItWasRight(Case c, @TempDir Path tmp) throws IOException {
        String input =
                new String(
                        SharedFixtures.bytes(
                                DIR + (c.input() == null ? "cases.json-missing" : c.input())),
                        StandardCharsets.UTF_8);
        String expected =
                new String(SharedFixtures.bytes(DIR + c.expected()), StandardCharsets.UTF_8);

        // As given: refused, nothing written.
        Path raw = tmp.resolve("raw.json");
        Files.writeString(raw, input);
        Path rawOut = tmp.resolve("raw.table");
        CliRun refused = run(raw, rawOut, c.earlyAdopter());
        assertEquals(1, refused.exitCode(), refused.toString());
        // The same usability rules as verify: the schema refuses the leading-dot keys and the
        // missing fields.
        assertTrue(
                refused.err().contains("property '.valid.example-recipient.com' name is not valid"),
                refused.err());
        assertTrue(
                refused.err().contains("more schema violations); nothing was written"),
                refused.err());
        assertFalse(Files.exists(rawOut));

        // Repaired: the format's required fields added, the keys made mail domains.
        String repaired =
                input.replaceFirst("\\{", "{\"version\": \"0.1\", \"policy-aliases\": {},")
                        .replace("\".valid.", "\"valid.")
                        .replace("\".testing.", "\"testing.")
                        // the MX patterns keep their dot: they are suffixes, and mean the same to
                        // Postfix
                        .replace("[\"valid.", "[\".valid.")
                        .replace("[\"testing.", "[\".testing.");
        Path fixed = tmp.resolve("policy.json");
        Files.writeString(fixed, repaired);
        Path out = tmp.resolve("postfix_tls_policy");
        CliRun run = run(fixed, out, c.earlyAdopter());
        assertEquals(c.id().startsWith("expired") ? 1 : 0, run.exitCode(), run.toString());
        assertEquals(LEADING_DOT_KEY.matcher(expected).replaceAll("$1"), Files.readString(out));
    }

    private static CliRun run(Path list, Path out, boolean earlyAdopter) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "export",
                                "postfix",
                                "--list",
                                list.toString(),
                                "--out",
                                out.toString(),
                                // The predecessor's test ran at its own clock; 2038 is its
                                // unexpired case's expiry.
                                "--now",
                                "2026-11-28T00:00:00Z"));
        if (earlyAdopter) {
            args.add("--early-adopter");
        }
        return CliRun.of(args.toArray(String[]::new));
    }
}
