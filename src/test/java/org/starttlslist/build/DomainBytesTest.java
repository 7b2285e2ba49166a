package org.starttlslist.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;

/**
 * {@link DomainBytes#inlineMember}, build's member bytes from text, gives the bytes of {@link
 * DomainBytes#member} of the model's canonical policy, and {@link CanonicalPolicies#sortedUnique}
 * the order of {@link CanonicalPolicies#inline}.
 */
class DomainBytesTest {
    private static String hostName(Random random) {
        StringBuilder name = new StringBuilder();
        int labels = 1 + random.nextInt(3);
        for (int i = 0; i < labels; i++) {
            int length = 1 + random.nextInt(6);
            int hyphen = length > 2 ? 1 + random.nextInt(length - 2) : -1;
            for (int j = 0; j < length; j++) {
                name.append(
                        j == hyphen && random.nextBoolean()
                                ? '-'
                                : "abz09".charAt(random.nextInt(5)));
            }
            name.append('.');
        }
        return name.append("example").toString();
    }

    @Test
    void inlineMembersFromTextAreTheModelsBytes() {
        Random random = new Random(2026);
        for (int round = 0; round < 2000; round++) {
            String name = hostName(random);
            List<String> mxs = new ArrayList<>();
            int count = 1 + random.nextInt(round % 10 == 0 ? 40 : 5);
            for (int i = 0; i < count; i++) {
                String mx = (random.nextInt(4) == 0 ? "." : "") + hostName(random);
                if (!mxs.contains(mx)) {
                    mxs.add(mx);
                }
            }
            Mode mode = random.nextBoolean() ? Mode.ENFORCE : Mode.TESTING;
            InlinePolicy policy = new InlinePolicy(mode, mxs.stream().map(MxPattern::new).toList());
            InlinePolicy canonical = CanonicalPolicies.inline(policy);
            List<String> sorted = CanonicalPolicies.sortedUnique(mxs);
            assertEquals(
                    canonical.mxs().stream().map(MxPattern::value).toList(),
                    sorted,
                    "round " + round);
            assertArrayEquals(
                    DomainBytes.member(name, canonical),
                    DomainBytes.inlineMember(name, mode, sorted),
                    "round " + round + ": " + name + " " + mxs);
        }
    }

    @Test
    void repeatedPatternsAreDroppedOnce() {
        assertEquals(
                List.of("a.example", "b.example"),
                CanonicalPolicies.sortedUnique(List.of("b.example", "a.example", "b.example")));
        List<String> canonical = List.of("a.example", "b.example");
        assertEquals(canonical, CanonicalPolicies.sortedUnique(canonical));
    }
}
