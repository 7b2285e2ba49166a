package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.OutputSchemas;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;
import tools.jackson.databind.JsonNode;

/**
 * {@code verify --format json}: one document on standard output, valid against
 * schema/verify-output.schema.json, with the text form's exit code, for a good list and for each
 * kind of failure.
 */
class VerifyJsonTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant SIGNED = NOW.minus(Duration.ofHours(1));

    @TempDir Path dir;

    TestKey alice;
    TestKey bob;
    Path list;
    Path aliceKey;
    Path bobKey;

    @BeforeEach
    void signedList() throws IOException {
        alice = TestKeys.ed25519("alice");
        bob = TestKeys.ed25519("bob");
        aliceKey = alice.writePublic(dir.resolve("pinned"));
        bobKey = bob.writePublic(dir.resolve("pinned"));
        list =
                Files.write(
                        dir.resolve("policy.json"),
                        TestLists.list(SIGNED, NOW.plus(Duration.ofDays(14)), 5));
        Files.write(dir.resolve("policy.json.asc"), alice.sign(Files.readAllBytes(list), SIGNED));
    }

    private CliRun verify(String... extra) {
        String[] base = {
            "verify", list.toString(), "--now", NOW.toString(), "--format", "json",
        };
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void aGoodListIsOneDocumentWithItsFacts() {
        CliRun run = verify("--keys", aliceKey + "," + bobKey);
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode document = OutputSchemas.assertValid("verify", run);
        assertEquals("", run.err(), run::toString);
        assertEquals(list.toString(), document.get("file").asString());
        assertEquals(list + ".asc", document.get("signature-file").asString());
        assertEquals(alice.fingerprint(), document.get("signed-by").get(0).asString());
        assertEquals(1, document.get("signed-by").size());
        assertEquals(bob.fingerprint(), document.get("not-signed").get(0).asString());
        assertEquals("2026-05-31T23:00:00Z", document.get("signed-at").asString());
        assertEquals("2026-05-31T23:00:00Z", document.get("timestamp").asString());
        assertEquals("2026-06-15T00:00:00Z", document.get("expires").asString());
        assertEquals("2026-06-01T00:00:00Z", document.get("now").asString());
        assertEquals(Duration.ofDays(14).toSeconds(), document.get("seconds-left").asLong());
        assertEquals(5, document.get("domains").get("total").asInt());
        assertFalse(document.get("unchanged-from-previous").asBoolean());
        assertFalse(document.has("error"));
    }

    @Test
    void aBadSignatureIsARejectedErrorDocument() throws IOException {
        byte[] bytes = Files.readAllBytes(list);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(list, bytes);
        CliRun run = verify("--keys", aliceKey.toString());
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode document = OutputSchemas.assertError("verify", run, "rejected");
        assertTrue(
                document.get("error").get("message").asString().contains("BAD signature"),
                run::toString);
        assertEquals(list.toString(), document.get("error").get("file").asString());
        assertEquals(1, run.err().lines().count(), run::toString);
    }

    @Test
    void anExpiredListIsRejected() {
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        aliceKey.toString(),
                        "--now",
                        "2026-07-01T00:00:00Z",
                        "--format=json");
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode document = OutputSchemas.assertError("verify", run, "rejected");
        assertTrue(
                document.get("error").get("message").asString().contains("expired"), run::toString);
    }

    @Test
    void aListSignedByAnotherKeyIsRejected() {
        CliRun run = verify("--keys", bobKey.toString());
        OutputSchemas.assertError("verify", run, "rejected");
        assertEquals(1, run.exitCode(), run::toString);
    }

    @Test
    void aMissingSignatureIsRejected() throws IOException {
        Files.delete(dir.resolve("policy.json.asc"));
        CliRun run = verify("--keys", aliceKey.toString());
        assertEquals(1, run.exitCode(), run::toString);
        OutputSchemas.assertError("verify", run, "rejected");
    }

    @Test
    void anUnreadableListCouldNotComplete() throws IOException {
        Files.delete(list);
        CliRun run = verify("--keys", aliceKey.toString());
        assertEquals(3, run.exitCode(), run::toString);
        OutputSchemas.assertError("verify", run, "could-not-complete");
    }

    @Test
    void usageErrorsAreErrorDocumentsToo() {
        // Found by picocli while parsing: the option is missing.
        CliRun missing = verify();
        assertEquals(2, missing.exitCode(), missing::toString);
        JsonNode parse = OutputSchemas.assertError("verify", missing, "usage");
        assertTrue(
                parse.get("error").get("message").asString().contains("--keys"), missing::toString);
        // Found by the command: a value out of range.
        CliRun threshold = verify("--keys", aliceKey.toString(), "--threshold", "0");
        assertEquals(2, threshold.exitCode(), threshold::toString);
        OutputSchemas.assertError("verify", threshold, "usage");
        // A pinned key file that does not exist.
        CliRun key = verify("--keys", dir.resolve("absent.asc").toString());
        assertEquals(2, key.exitCode(), key::toString);
        OutputSchemas.assertError("verify", key, "usage");
    }

    @Test
    void anUnknownFormatIsATextUsageError() {
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        aliceKey.toString(),
                        "--format",
                        "xml");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertTrue(run.err().contains("--format"), run::toString);
    }

    @Test
    void theTextFormIsUnchangedByDefault() {
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        aliceKey.toString(),
                        "--now",
                        NOW.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("good list:  "), run::toString);
    }
}
