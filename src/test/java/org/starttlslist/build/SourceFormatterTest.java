package org.starttlslist.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.starttlslist.build.SourceFormatter.Kind;
import org.starttlslist.build.SourceFormatter.Outcome;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.Mode;

class SourceFormatterTest {
    private static String format(String text, Kind kind) {
        Outcome outcome = SourceFormatter.format(text.getBytes(StandardCharsets.UTF_8), kind);
        if (outcome instanceof Outcome.Canonical) {
            return text;
        }
        return new String(
                assertInstanceOf(Outcome.Reformatted.class, outcome).bytes(),
                StandardCharsets.UTF_8);
    }

    @Test
    void ordersKeysSortsAndLowerCasesMxs() {
        String messy =
                "{\"mxs\":[\"MX2.example.com\",\"mx1.example.com\",\"mx2.example.com\"],\"mode\":\"testing\","
                        + "\"testing-since\":\"2026-11-01\",\"contact\":\"postmaster@example.com\"}";
        assertEquals(
                """
                {
                  "contact": "postmaster@example.com",
                  "testing-since": "2026-11-01",
                  "mode": "testing",
                  "mxs": [
                    "mx1.example.com",
                    "mx2.example.com"
                  ]
                }
                """,
                format(messy, Kind.DOMAIN));
    }

    @Test
    void anAliasReferenceComesAfterTheContact() {
        assertEquals(
                """
                {
                  "contact": "a@b.example",
                  "policy-alias": "x"
                }
                """,
                format("{\"policy-alias\": \"x\", \"contact\": \"a@b.example\"}", Kind.DOMAIN));
    }

    @Test
    void unknownFieldsAreKeptAfterTheKnownOnes() {
        assertEquals(
                """
                {
                  "contact": "a@b.example",
                  "policy-alias": "x",
                  "zzz": [
                    1,
                    true,
                    null,
                    {}
                  ],
                  "comment": "keep me"
                }
                """,
                format(
                        "{\"zzz\": [1, true, null, {}], \"policy-alias\": \"x\", \"comment\": \"keep me\", \"contact\": \"a@b.example\"}",
                        Kind.DOMAIN));
    }

    @Test
    void mxsWithNonStringsAreLeftForValidateToReport() {
        assertEquals(
                """
                {
                  "mode": "testing",
                  "mxs": [
                    "b.example",
                    3
                  ]
                }
                """,
                format("{\"mxs\": [\"b.example\", 3], \"mode\": \"testing\"}", Kind.ALIAS));
    }

    @Test
    void aliasFilesPutModeFirst() {
        assertEquals(
                """
                {
                  "mode": "enforce",
                  "mxs": [
                    ".a.example"
                  ]
                }
                """,
                format("{\"mxs\": [\".a.example\"],\n\"mode\": \"enforce\"}", Kind.ALIAS));
    }

    @Test
    void aMissingFinalNewlineOrCrlfIsNotCanonical() {
        String canonical =
                "{\n  \"mode\": \"enforce\",\n  \"mxs\": [\n    \".a.example\"\n  ]\n}\n";
        assertInstanceOf(
                Outcome.Canonical.class,
                SourceFormatter.format(canonical.getBytes(StandardCharsets.UTF_8), Kind.ALIAS));
        assertEquals(canonical, format(canonical.strip(), Kind.ALIAS));
        assertEquals(canonical, format(canonical.replace("\n", "\r\n"), Kind.ALIAS));
    }

    @Test
    void notJsonOrNotAnObjectCannotBeFormatted() {
        Outcome notJson =
                SourceFormatter.format(
                        "{\n  \"mode\": \n".getBytes(StandardCharsets.UTF_8), Kind.DOMAIN);
        Outcome.Unformattable bad = assertInstanceOf(Outcome.Unformattable.class, notJson);
        assertEquals(true, bad.reason().startsWith("file is not valid JSON"), bad.reason());
        Outcome array = SourceFormatter.format("[1]".getBytes(StandardCharsets.UTF_8), Kind.DOMAIN);
        assertEquals(
                "is not a JSON object; a source file holds one object",
                assertInstanceOf(Outcome.Unformattable.class, array).reason());
    }

    @Test
    void whatTheWriterWritesIsCanonical() {
        byte[] domain =
                CanonicalSourceWriter.domain(
                        "a@b.example",
                        Optional.of(LocalDate.of(2026, 1, 2)),
                        Sources.inline(Mode.TESTING, "mx2.b.example", "mx1.b.example"));
        assertInstanceOf(Outcome.Canonical.class, SourceFormatter.format(domain, Kind.DOMAIN));
        byte[] reference =
                CanonicalSourceWriter.domain("", Optional.empty(), new AliasReference("x"));
        assertEquals(
                "{\n  \"contact\": \"\",\n  \"policy-alias\": \"x\"\n}\n",
                new String(reference, StandardCharsets.UTF_8));
        assertInstanceOf(Outcome.Canonical.class, SourceFormatter.format(reference, Kind.DOMAIN));
        byte[] alias =
                CanonicalSourceWriter.alias(
                        Sources.inline(Mode.ENFORCE, "b.example", ".a.example"));
        assertInstanceOf(Outcome.Canonical.class, SourceFormatter.format(alias, Kind.ALIAS));
    }

    @Test
    void theKindFollowsTheDirectory() {
        assertEquals(Kind.ALIAS, Kind.of(Path.of("policies", "aliases", "x.json")));
        assertEquals(Kind.DOMAIN, Kind.of(Path.of("policies", "x.example.json")));
    }

    @Test
    void keptUnknownNumbersAreKeptByteForByte() {
        String messy =
                "{\"mode\":\"testing\",\"contact\":\"postmaster@example.com\",\"mxs\":[\"mx.example.com\"],"
                        + "\"huge\":1e400,\"negative-zero\":-0,\"padded\":1.50,\"exponent\":1.0e+2,"
                        + "\"nested\":{\"list\":[-0.0,1E-7,12345678901234567890123]}}";
        String formatted = format(messy, Kind.DOMAIN);
        for (String kept :
                new String[] {
                    "\"huge\": 1e400",
                    "\"negative-zero\": -0",
                    "\"padded\": 1.50",
                    "\"exponent\": 1.0e+2",
                    "-0.0",
                    "1E-7",
                    "12345678901234567890123"
                }) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    formatted.contains(kept), "lost " + kept + " in\n" + formatted);
        }
        org.junit.jupiter.api.Assertions.assertFalse(formatted.contains("Infinity"), formatted);
        // Still JSON, and a fixed point.
        org.starttlslist.json.Json.readStrict(formatted.getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(
                Outcome.Canonical.class,
                SourceFormatter.format(formatted.getBytes(StandardCharsets.UTF_8), Kind.DOMAIN));
    }
}
