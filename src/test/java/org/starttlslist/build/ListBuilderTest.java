package org.starttlslist.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.starttlslist.build.Sources.alias;
import static org.starttlslist.build.Sources.domain;
import static org.starttlslist.build.Sources.inline;
import static org.starttlslist.build.Sources.settings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.Mode;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.SourceSet;

class ListBuilderTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:34:56.789Z");

    @Test
    void expiresIsTheTimestampPlusTheValidityAtSecondPrecision() {
        PolicyList list =
                ListBuilder.merge(new SourceSet(settings(14, 7), List.of(), List.of()), NOW);
        assertEquals(Instant.parse("2026-11-28T12:34:56Z"), list.timestamp());
        assertEquals(Instant.parse("2026-12-12T12:34:56Z"), list.expires());
        assertEquals("0.1", list.version());
        assertEquals(Optional.of("test author"), list.author());
    }

    @Test
    void mxsAreDeduplicatedAndSortedAndNamesSorted() {
        SourceSet sources =
                new SourceSet(
                        settings(14, 7),
                        List.of(
                                domain(
                                        "zz.example",
                                        Mode.ENFORCE,
                                        "mx2.zz.example",
                                        ".zz.example",
                                        "mx2.zz.example"),
                                domain("aa.example", "shared")),
                        List.of(alias("shared", Mode.TESTING, "b.example", "a.example")));
        PolicyList list = ListBuilder.merge(sources, NOW);
        assertEquals(List.of("aa.example", "zz.example"), List.copyOf(list.policies().keySet()));
        assertEquals(
                inline(Mode.ENFORCE, ".zz.example", "mx2.zz.example"),
                list.policies().get("zz.example"));
        assertEquals(new AliasReference("shared"), list.policies().get("aa.example"));
        assertEquals(inline(Mode.TESTING, "a.example", "b.example"), list.aliases().get("shared"));
    }

    @Test
    void theOrderOfTheSourcesDoesNotMatter() {
        var a = domain("a.example", Mode.TESTING, "mx.a.example");
        var b = domain("b.example", Mode.ENFORCE, "mx.b.example");
        var x = alias("x", Mode.TESTING, "mx.x.example");
        var y = alias("y", Mode.TESTING, "mx.y.example");
        byte[] one =
                CanonicalListWriter.write(
                        ListBuilder.merge(
                                new SourceSet(settings(14, 7), List.of(a, b), List.of(x, y)), NOW));
        byte[] two =
                CanonicalListWriter.write(
                        ListBuilder.merge(
                                new SourceSet(settings(14, 7), List.of(b, a), List.of(y, x)), NOW));
        assertEquals(
                new String(one, StandardCharsets.UTF_8), new String(two, StandardCharsets.UTF_8));
    }

    @Test
    void refusesAValidityShorterThanTheMinimum() {
        var e =
                assertThrows(
                        ValidityTooShortException.class,
                        () ->
                                ListBuilder.merge(
                                        new SourceSet(settings(5, 7), List.of(), List.of()), NOW));
        assertEquals(Duration.ofDays(5), e.validity());
        assertEquals(Duration.ofDays(7), e.minimumValidity());
        assertEquals(
                "release/config.json: validity-days (5 days) is shorter than minimum-validity-days (7 days);"
                        + " raise validity-days or lower minimum-validity-days",
                e.getMessage());
    }

    @Test
    void refusesAListThatExpiresAtItsTimestamp() {
        var e =
                assertThrows(
                        ExpiryNotAfterTimestampException.class,
                        () ->
                                ListBuilder.merge(
                                        new SourceSet(settings(0, 0), List.of(), List.of()), NOW));
        assertEquals(Instant.parse("2026-11-28T12:34:56Z"), e.timestamp());
        assertEquals(e.timestamp(), e.expires());
    }

    @Test
    void refusesANegativeValidity() {
        assertThrows(
                ExpiryNotAfterTimestampException.class,
                () ->
                        ListBuilder.merge(
                                new SourceSet(settings(-1, -2), List.of(), List.of()), NOW));
    }

    @Test
    void refusesTwoSourcesForOneDomain() {
        var e =
                assertThrows(
                        DuplicateSourceException.class,
                        () ->
                                ListBuilder.merge(
                                        new SourceSet(
                                                settings(14, 7),
                                                List.of(
                                                        domain(
                                                                "a.example",
                                                                Mode.TESTING,
                                                                "mx.a.example"),
                                                        domain("a.example", "x")),
                                                List.of()),
                                        NOW));
        assertEquals("domain", e.kind());
        assertEquals("a.example", e.name());
    }
}
