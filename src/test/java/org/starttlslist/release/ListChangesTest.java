package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;

class ListChangesTest {
    private static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-08T00:00:00Z");

    private static InlinePolicy policy(Mode mode, String mx) {
        return new InlinePolicy(mode, List.of(new MxPattern(mx)));
    }

    private static PolicyList list(
            Instant at, Map<String, InlinePolicy> aliases, Map<String, Policy> policies) {
        return new PolicyList(
                at,
                at.plusSeconds(14 * 86400),
                "0.1",
                Optional.empty(),
                new TreeMap<>(aliases),
                new TreeMap<>(policies));
    }

    @Test
    void firstRelease() {
        var next = list(T1, Map.of(), Map.of("a.example", policy(Mode.TESTING, "mx.a.example")));
        var changes = ListChanges.between(Optional.empty(), next);
        assertEquals("first release: 1 domain", changes.summary());
        assertEquals(List.of("first release: 1 domain"), changes.lines());
    }

    @Test
    void addedRemovedAndChangedFollowAliases() {
        var before =
                list(
                        T1,
                        Map.of("hosting", policy(Mode.TESTING, "mx.host.example")),
                        Map.of(
                                "a.example", policy(Mode.TESTING, "mx.a.example"),
                                "b.example", new AliasReference("hosting"),
                                "gone.example", policy(Mode.ENFORCE, "mx.gone.example")));
        var after =
                list(
                        T2,
                        Map.of("hosting", policy(Mode.ENFORCE, "mx.host.example")),
                        Map.of(
                                "a.example", policy(Mode.TESTING, "mx.a.example"),
                                "b.example", new AliasReference("hosting"),
                                "new.example", policy(Mode.TESTING, "mx.new.example")));
        var changes = ListChanges.between(Optional.of(before), after);
        assertEquals(
                List.of(
                        "since 2026-11-01T00:00:00Z: +1 domain, -1 domain, 1 testing->enforce, 1 alias changed;"
                                + " expires 2026-11-15T00:00:00Z -> 2026-11-22T00:00:00Z",
                        "+ new.example",
                        "- gone.example",
                        "~ b.example (testing->enforce, via alias hosting)"),
                changes.lines());
    }
}
