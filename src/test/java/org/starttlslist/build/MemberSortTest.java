package org.starttlslist.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;

/** {@link MemberSort} puts members in the order {@link ListMembers#BY_NAME} gives them. */
class MemberSortTest {
    private static byte[] member(String name, int i) {
        return DomainBytes.member(
                name,
                i % 3 == 0
                        ? new AliasReference("a" + i)
                        : new InlinePolicy(Mode.TESTING, List.of(new MxPattern("mx.example.org"))));
    }

    private static List<String> sortedNames(byte[][] members) {
        List<String> names = new ArrayList<>();
        for (byte[] member : members) {
            names.add(ListMembers.name(member));
        }
        return names;
    }

    private static void assertSortsLikeTheComparator(List<String> names, String what) {
        byte[][] members = new byte[names.size()][];
        for (int i = 0; i < members.length; i++) {
            members[i] = member(names.get(i), i);
        }
        byte[][] expected = members.clone();
        Arrays.sort(expected, ListMembers.BY_NAME);
        MemberSort.sort(members);
        assertEquals(sortedNames(expected), sortedNames(members), what);
    }

    @Test
    void randomNamesWithSharedPrefixesRepeatsAndPrefixesOfEachOther() {
        // A small alphabet makes names that share long prefixes, are prefixes of one another and
        // repeat (the sort must keep every member, equal names side by side).
        Random random = new Random(16);
        for (int round = 0; round < 200; round++) {
            int size = random.nextInt(round < 100 ? 60 : 3000);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                StringBuilder name = new StringBuilder("x");
                int length = random.nextInt(12);
                for (int j = 0; j < length; j++) {
                    name.append("ab-.9".charAt(random.nextInt(5)));
                }
                names.add(name.toString());
            }
            assertSortsLikeTheComparator(names, "round " + round + ", " + size + " names");
        }
    }

    @Test
    void namesThatAllShareALongPrefix() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            names.add("acme-" + ((i * 7919) % 5000) + ".example");
        }
        names.add("acme-1.example");
        names.add("acme-");
        assertSortsLikeTheComparator(names, "shared prefix");
    }

    /**
     * Enough members for the first split's buckets to be shared with a second thread, in lists
     * where the split falls early, late, or not at all (every name in one first bucket).
     */
    @Test
    void largeListsSortedOnTwoThreads() {
        Random random = new Random(1616);
        for (String alphabet : List.of("abcdefghijklmnopqrstuvwxyz0123456789-.", "ab", "a")) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 30_000; i++) {
                StringBuilder name = new StringBuilder();
                int length = 1 + random.nextInt(14);
                for (int j = 0; j < length; j++) {
                    name.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                names.add(name.toString());
            }
            assertSortsLikeTheComparator(names, "30,000 names of " + alphabet);
        }
        List<String> skewed = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            skewed.add((i % 10 == 0 ? "z" : "a") + random.nextInt(1_000_000) + ".example");
        }
        assertSortsLikeTheComparator(skewed, "most names in the first bucket");
    }

    @Test
    void noneOrOneMember() {
        assertSortsLikeTheComparator(List.of(), "none");
        assertSortsLikeTheComparator(List.of("a.example"), "one");
    }
}
