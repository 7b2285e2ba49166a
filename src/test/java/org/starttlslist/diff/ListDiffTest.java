package org.starttlslist.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.starttlslist.json.Json;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;
import org.starttlslist.testing.SharedFixtures;
import tools.jackson.databind.JsonNode;

class ListDiffTest {
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-15T00:00:00Z");

    static InlinePolicy inline(Mode mode, String... mxs) {
        return new InlinePolicy(mode, Arrays.stream(mxs).map(MxPattern::new).toList());
    }

    static PolicyList list(
            Instant t, Map<String, InlinePolicy> aliases, Map<String, Policy> policies) {
        return new PolicyList(
                t,
                t.plusSeconds(14 * 86400),
                "0.1",
                Optional.of("a"),
                new TreeMap<>(aliases),
                new TreeMap<>(policies));
    }

    @Test
    void theTwoRealListsDifferOnlyInValidity() {
        PolicyList older =
                PolicyListParser.parse(SharedFixtures.bytes("fixtures/eff/older/policy.json"));
        PolicyList newer = PolicyListParser.parse(SharedFixtures.bytes("fixtures/eff/policy.json"));
        ListDiff diff = ListDiff.between(older, newer);
        assertFalse(diff.hasPolicyChanges(), () -> DiffFormat.TEXT.render(diff));
        assertEquals(
                "no policy changes; expires 2020-05-20T18:18:30Z -> 2020-06-03T17:25:12Z",
                diff.summary());
        String text = DiffFormat.TEXT.render(diff);
        assertTrue(text.contains("timestamp 2020-05-06T18:18:30Z → 2020-05-20T17:25:12Z"), text);
        assertTrue(
                text.contains(
                        "expires   2020-05-20T18:18:30Z → 2020-06-03T17:25:12Z (valid 14 days → 14 days)"),
                text);
    }

    @Test
    void aListComparedWithItselfHasNoChanges() {
        PolicyList list =
                list(
                        T1,
                        Map.of("x", inline(Mode.TESTING, "mx.x.example")),
                        Map.of("a.example", new AliasReference("x")));
        ListDiff diff = ListDiff.between(list, list);
        assertFalse(diff.hasPolicyChanges());
        assertEquals(
                "no policy changes; same timestamp and expiry (2026-01-15T00:00:00Z)",
                diff.summary());
    }

    @Test
    void addedAndRemovedDomains() {
        PolicyList before =
                list(
                        T1,
                        Map.of(),
                        Map.of(
                                "gone.example",
                                inline(Mode.ENFORCE, "mx.gone.example"),
                                "stays.example",
                                inline(Mode.TESTING, "mx.stays.example")));
        PolicyList after =
                list(
                        T2,
                        Map.of(),
                        Map.of(
                                "new.example",
                                inline(Mode.TESTING, "mx.new.example"),
                                "stays.example",
                                inline(Mode.TESTING, "mx.stays.example")));
        ListDiff diff = ListDiff.between(before, after);
        assertEquals(
                List.of("new.example"),
                diff.added().stream().map(ListDiff.Listed::domain).toList());
        assertEquals(
                List.of("gone.example"),
                diff.removed().stream().map(ListDiff.Listed::domain).toList());
        assertEquals(
                List.of("gone.example"),
                diff.removedWhileEnforced().stream().map(ListDiff.Listed::domain).toList());
        assertEquals(
                "+1 domain, -1 domain; expires 2026-01-15T00:00:00Z -> 2026-01-29T00:00:00Z",
                diff.summary());
        String text = DiffFormat.TEXT.render(diff);
        assertTrue(text.startsWith("!! REMOVED while in enforce: 1 domain: gone.example\n"), text);
        assertTrue(text.contains("added (1):\n  + new.example  testing [mx.new.example]\n"), text);
        assertTrue(
                text.contains("removed (1):\n  - gone.example  enforce [mx.gone.example]\n"), text);
    }

    @Test
    void modeUpgradeAndLoudDowngrade() {
        PolicyList before =
                list(
                        T1,
                        Map.of(),
                        Map.of(
                                "up.example",
                                inline(Mode.TESTING, "mx.up.example"),
                                "down.example",
                                inline(Mode.ENFORCE, "mx.down.example")));
        PolicyList after =
                list(
                        T1,
                        Map.of(),
                        Map.of(
                                "up.example",
                                inline(Mode.ENFORCE, "mx.up.example"),
                                "down.example",
                                inline(Mode.TESTING, "mx.down.example")));
        ListDiff diff = ListDiff.between(before, after);
        assertEquals(
                List.of("up.example"),
                diff.upgrades().stream().map(ListDiff.DomainChange::domain).toList());
        assertEquals(
                List.of("down.example"),
                diff.downgrades().stream().map(ListDiff.DomainChange::domain).toList());
        assertEquals(
                "1 testing->enforce, 1 enforce->testing (downgrade); same timestamp and expiry (2026-01-15T00:00:00Z)",
                diff.summary());
        String text = DiffFormat.TEXT.render(diff);
        assertTrue(text.startsWith("!! DOWNGRADE enforce → testing: down.example\n"), text);
        assertTrue(text.contains("  down.example: enforce → testing  !! DOWNGRADE\n"), text);
        assertTrue(text.contains("  up.example: testing → enforce\n"), text);
        String markdown = DiffFormat.MARKDOWN.render(diff);
        assertTrue(
                markdown.contains(
                        "> [!WARNING]\n> **1 domain downgraded from `enforce` to `testing`:** `down.example`"),
                markdown);
    }

    @Test
    void mxChangesPerDomainIgnoringOrder() {
        PolicyList before =
                list(
                        T1,
                        Map.of(),
                        Map.of(
                                "a.example",
                                inline(Mode.TESTING, "mx2.a.example", "mx1.a.example"),
                                "b.example",
                                inline(Mode.TESTING, "mx1.b.example", "mx2.b.example")));
        PolicyList after =
                list(
                        T1,
                        Map.of(),
                        Map.of(
                                "a.example",
                                inline(Mode.TESTING, "mx1.a.example", "mx2.a.example"),
                                "b.example",
                                inline(Mode.TESTING, "mx2.b.example", ".b.example")));
        ListDiff diff = ListDiff.between(before, after);
        assertEquals(1, diff.changed().size(), "reordering alone is not a change");
        ListDiff.DomainChange change = diff.changed().get(0);
        assertEquals("b.example", change.domain());
        assertEquals(Set.of(".b.example"), change.mxsAdded());
        assertEquals(Set.of("mx1.b.example"), change.mxsRemoved());
        assertTrue(
                DiffFormat.TEXT
                        .render(diff)
                        .contains(
                                "MX changes (1):\n  b.example: added .b.example; removed mx1.b.example\n"));
        assertTrue(
                DiffFormat.MARKDOWN
                        .render(diff)
                        .contains("- `b.example`: added `.b.example`; removed `mx1.b.example`\n"));
    }

    @Test
    void anAliasChangeNamesTheDomainsItAffects() {
        PolicyList before =
                list(
                        T1,
                        Map.of(
                                "host",
                                inline(Mode.TESTING, "mx.host.example"),
                                "old",
                                inline(Mode.TESTING, "mx.old.example")),
                        Map.of(
                                "a.example",
                                new AliasReference("host"),
                                "b.example",
                                new AliasReference("host"),
                                "c.example",
                                inline(Mode.TESTING, "mx.c.example")));
        PolicyList after =
                list(
                        T1,
                        Map.of(
                                "host",
                                inline(Mode.ENFORCE, "mx.host.example", "mx2.host.example"),
                                "new",
                                inline(Mode.TESTING, "mx.new.example")),
                        Map.of(
                                "a.example",
                                new AliasReference("host"),
                                "b.example",
                                new AliasReference("host"),
                                "c.example",
                                new AliasReference("new")));
        ListDiff diff = ListDiff.between(before, after);
        assertEquals(
                List.of("host", "new", "old"),
                diff.aliases().stream().map(ListDiff.AliasChange::name).toList());
        assertEquals(Set.of("a.example", "b.example"), diff.aliases().get(0).domains());
        assertEquals(Set.of("c.example"), diff.aliases().get(1).domains());
        ListDiff.DomainChange a = diff.changed().get(0);
        assertEquals("a.example", a.domain());
        assertEquals(Optional.of("host"), a.viaAlias());
        assertTrue(a.isUpgrade());
        ListDiff.DomainChange c = diff.changed().get(2);
        assertTrue(c.entryChanged());
        String text = DiffFormat.TEXT.render(diff);
        assertTrue(
                text.contains(
                        "  host: changed, mode testing → enforce, MX added mx2.host.example; affects 2 domains: a.example, b.example\n"),
                text);
        assertTrue(
                text.contains(
                        "  new: added, testing mx.new.example; affects 1 domain: c.example\n"),
                text);
        assertTrue(text.contains("  old: removed (was testing)\n"), text);
        assertTrue(text.contains("  a.example: testing → enforce (via alias host)\n"), text);
        assertTrue(
                text.contains(
                        "  c.example: testing [mx.c.example] → alias new: testing [mx.new.example]\n"),
                text);
        assertEquals(
                "2 testing->enforce, MX changes for 3 domains, 3 aliases changed; same timestamp and expiry (2026-01-15T00:00:00Z)",
                diff.summary());
    }

    @Test
    void switchingToAnAliasWithTheSameEffectIsReported() {
        PolicyList before =
                list(
                        T1,
                        Map.of("x", inline(Mode.TESTING, "mx.example")),
                        Map.of("a.example", inline(Mode.TESTING, "mx.example")));
        PolicyList after =
                list(
                        T1,
                        Map.of("x", inline(Mode.TESTING, "mx.example")),
                        Map.of("a.example", new AliasReference("x")));
        ListDiff diff = ListDiff.between(before, after);
        assertEquals(1, diff.changed().size());
        assertEquals(
                "1 domain switched alias/inline; same timestamp and expiry (2026-01-15T00:00:00Z)",
                diff.summary());
    }

    @Test
    void jsonFormatCarriesEveryChange() {
        PolicyList before =
                list(T1, Map.of(), Map.of("down.example", inline(Mode.ENFORCE, "mx.down.example")));
        PolicyList after =
                list(
                        T2,
                        Map.of(),
                        Map.of(
                                "down.example",
                                inline(Mode.TESTING, "mx2.down.example"),
                                "new.example",
                                inline(Mode.TESTING, "mx.new.example")));
        JsonNode node =
                Json.readStrict(
                        DiffFormat.JSON
                                .render(ListDiff.between(before, after))
                                .getBytes(StandardCharsets.UTF_8));
        assertEquals("2026-01-01T00:00:00Z", node.get("before").get("timestamp").stringValue());
        assertEquals("2026-01-29T00:00:00Z", node.get("after").get("expires").stringValue());
        assertEquals("new.example", node.get("added").get(0).get("domain").stringValue());
        JsonNode change = node.get("changed").get(0);
        assertTrue(change.get("downgrade").booleanValue());
        assertEquals("mx2.down.example", change.get("mxs-added").get(0).stringValue());
        assertEquals("mx.down.example", change.get("mxs-removed").get(0).stringValue());
    }
}
