package org.starttlslist.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.starttlslist.build.Sources.inline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

class CanonicalListWriterTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    private static PolicyList list(
            Optional<String> author,
            Map<String, InlinePolicy> aliases,
            Map<String, Policy> policies) {
        return new PolicyList(
                T,
                T.plusSeconds(86400),
                "0.1",
                author,
                new TreeMap<>(aliases),
                new TreeMap<>(policies));
    }

    @Test
    void anEmptyListIsWrittenWithEmptyObjects() {
        String text =
                new String(
                        CanonicalListWriter.write(list(Optional.empty(), Map.of(), Map.of())),
                        StandardCharsets.US_ASCII);
        assertEquals(
                """
                {
                  "timestamp": "2026-01-02T03:04:05Z",
                  "expires": "2026-01-03T03:04:05Z",
                  "version": "0.1",
                  "policy-aliases": {},
                  "policies": {}
                }
                """,
                text);
        SchemaChecks.assertValidAgainstOurSchema(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void anyListIsWrittenCanonicallyEvenWithUnsortedMxs() {
        PolicyList list =
                list(
                        Optional.of("a"),
                        Map.of(),
                        Map.of(
                                "b.example",
                                inline(
                                        Mode.ENFORCE,
                                        "mx2.b.example",
                                        "mx1.b.example",
                                        "mx2.b.example"),
                                "a.example",
                                new AliasReference("x")));
        assertEquals(
                """
                {
                  "timestamp": "2026-01-02T03:04:05Z",
                  "expires": "2026-01-03T03:04:05Z",
                  "version": "0.1",
                  "author": "a",
                  "policy-aliases": {},
                  "policies": {
                    "a.example": {
                      "policy-alias": "x"
                    },
                    "b.example": {
                      "mode": "enforce",
                      "mxs": [
                        "mx1.b.example",
                        "mx2.b.example"
                      ]
                    }
                  }
                }
                """,
                new String(CanonicalListWriter.write(list), StandardCharsets.US_ASCII));
    }

    @Test
    void nonAsciiAndControlCharactersAreEscapedAsPythonDoes() {
        String author = "Zoë \u0000\u001f\u007f\u2028 \uD83D\uDCE7 \"/\\";
        byte[] bytes = CanonicalListWriter.write(list(Optional.of(author), Map.of(), Map.of()));
        String text = new String(bytes, StandardCharsets.US_ASCII);
        assertEquals(
                "  \"author\": \"Zo\\u00eb \\u0000\\u001f\\u007f\\u2028 \\ud83d\\udce7 \\\"/\\\\\",",
                text.lines().filter(l -> l.contains("author")).findFirst().orElseThrow());
        for (byte b : bytes) {
            assertFalse(b < 0, "only ASCII bytes");
        }
        assertEquals(author, Json.readStrict(bytes).get("author").stringValue());
        assertArrayEquals(bytes, CanonicalListWriter.write(PolicyListParser.parse(bytes)));
    }

    @Test
    void writingTheDomainsOnTwoThreadsGivesTheSameBytesAsOnOne() {
        for (int size : new int[] {0, 1, 2, 3, 4, 5, 17, 1000}) {
            Map<String, Policy> policies = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                policies.put(
                        "d" + i + ".example",
                        i % 3 == 0
                                ? new AliasReference("shared")
                                : new InlinePolicy(
                                        i % 2 == 0 ? Mode.TESTING : Mode.ENFORCE,
                                        List.of(
                                                new MxPattern("mx2.d" + i + ".example"),
                                                new MxPattern(".d" + i + ".example"))));
            }
            PolicyList list =
                    list(
                            Optional.of("a\u00e9"),
                            Map.of(
                                    "shared",
                                    new InlinePolicy(
                                            Mode.ENFORCE,
                                            List.of(new MxPattern("mx.shared.example")))),
                            policies);
            byte[] one = CanonicalListWriter.write(list, Integer.MAX_VALUE);
            for (int from : new int[] {2, 3, size}) {
                assertEquals(
                        new String(one, StandardCharsets.US_ASCII),
                        new String(
                                CanonicalListWriter.write(list, from), StandardCharsets.US_ASCII),
                        size + " domains, two threads from " + from);
            }
        }
    }

    @Test
    void namesThatNeedEscapingAreWrittenAlikeOnEitherPath() {
        // The two-thread path writes domains as bytes of its own and escapes only what is not
        // plain ASCII: keys, alias references and MX values that need it must match too.
        Map<String, Policy> policies = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            String key = i % 4 == 0 ? "d" + i + "\u00e9\"q\\\t" : "d" + i + ".example";
            policies.put(
                    key,
                    i % 5 == 0
                            ? new AliasReference("sh\u00e4red" + i)
                            : new InlinePolicy(
                                    Mode.ENFORCE,
                                    List.of(
                                            new MxPattern("mx2.d" + i + ".example"),
                                            new MxPattern("mx1.d" + i + ".example"),
                                            new MxPattern("mx1.d" + i + ".example"))));
        }
        PolicyList list = list(Optional.empty(), Map.of(), policies);
        byte[] one = CanonicalListWriter.write(list, Integer.MAX_VALUE);
        assertEquals(true, new String(one, StandardCharsets.US_ASCII).contains("\\u00e9\\\""));
        for (int from : new int[] {2, 7, 40}) {
            assertArrayEquals(
                    one, CanonicalListWriter.write(list, from), "two threads from " + from);
        }
    }

    @Test
    void membersWrittenInOrderGiveTheSameBytesAsTheArray() throws Exception {
        // Around the write buffer (256 KiB, some 2,600 of these domains): none, one, a few, and
        // lists that fill it once and several times.
        for (int size : new int[] {0, 1, 2, 3, 17, 200, 2600, 2700, 9000}) {
            PolicyList list = numbered(size);
            assertEquals(
                    new String(CanonicalListWriter.write(list), StandardCharsets.US_ASCII),
                    new String(streamed(list, members(list)), StandardCharsets.US_ASCII),
                    size + " domains");
        }
    }

    @Test
    void aDuplicateMemberIsRefused() {
        PolicyList list = numbered(30);
        List<byte[]> members = new ArrayList<>(members(list));
        members.add(12, members.get(12));
        DuplicateSourceException e =
                assertThrows(DuplicateSourceException.class, () -> streamed(list, members));
        assertEquals(true, e.getMessage().contains(ListMembers.name(members.get(12))));
    }

    @Test
    void membersOutOfOrderAreRefused() {
        PolicyList list = numbered(30);
        List<byte[]> members = new ArrayList<>(members(list));
        Collections.swap(members, 3, 20);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> streamed(list, members));
        assertEquals(true, e.getMessage().contains("not sorted by name"), e.getMessage());
    }

    @Test
    void namesCompareAsStringsDo() {
        List<String> names =
                List.of("a.example", "a-b.example", "a.example.org", "ab.example", "a0.example");
        for (String x : names) {
            for (String y : names) {
                byte[] a = DomainBytes.member(x, new AliasReference("s"));
                byte[] b = DomainBytes.member(y, new AliasReference("s"));
                assertEquals(
                        Integer.signum(x.compareTo(y)),
                        Integer.signum(ListMembers.compareNames(a, b)),
                        x + " vs " + y);
            }
            assertEquals(x, ListMembers.name(DomainBytes.member(x, new AliasReference("s"))));
        }
    }

    @Test
    void aFailingChannelStopsTheWrite() {
        PolicyList list = numbered(9000);
        IOException full = new IOException("No space left on device");
        WritableByteChannel failing =
                new WritableByteChannel() {
                    private int writes;

                    @Override
                    public int write(ByteBuffer source) throws IOException {
                        if (++writes > 1) {
                            throw full;
                        }
                        int length = source.remaining();
                        source.position(source.limit());
                        return length;
                    }

                    @Override
                    public boolean isOpen() {
                        return true;
                    }

                    @Override
                    public void close() {}
                };
        assertSame(
                full,
                assertThrows(
                        IOException.class,
                        () -> CanonicalListWriter.write(list, members(list), failing)));
    }

    /** The members of {@code list}, as the build keeps them. */
    private static List<byte[]> members(PolicyList list) {
        List<byte[]> members = new ArrayList<>();
        list.policies()
                .forEach(
                        (name, policy) ->
                                members.add(
                                        DomainBytes.member(
                                                name,
                                                policy instanceof InlinePolicy inline
                                                        ? CanonicalPolicies.inline(inline)
                                                        : policy)));
        return members;
    }

    /** {@code size} domains, every third an alias reference, MX patterns out of order. */
    private static PolicyList numbered(int size) {
        Map<String, Policy> policies = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            policies.put(
                    "d" + i + ".example",
                    i % 3 == 0
                            ? new AliasReference("shared")
                            : new InlinePolicy(
                                    i % 2 == 0 ? Mode.TESTING : Mode.ENFORCE,
                                    List.of(
                                            new MxPattern("mx2.d" + i + ".example"),
                                            new MxPattern(".d" + i + ".example"))));
        }
        return list(
                Optional.of("a\u00e9"),
                Map.of(
                        "shared",
                        new InlinePolicy(
                                Mode.ENFORCE, List.of(new MxPattern("mx.shared.example")))),
                policies);
    }

    private static byte[] streamed(PolicyList list, List<byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CanonicalListWriter.write(list, members, Channels.newChannel(bytes));
        return bytes.toByteArray();
    }

    @Test
    void fractionsOfASecondAreNotWritten() {
        PolicyList list =
                new PolicyList(
                        Instant.parse("2026-01-02T03:04:05.999Z"),
                        Instant.parse("2026-01-03T03:04:05.5Z"),
                        "0.1",
                        Optional.empty(),
                        new TreeMap<>(),
                        new TreeMap<>());
        String text = new String(CanonicalListWriter.write(list), StandardCharsets.US_ASCII);
        assertEquals(true, text.contains("\"timestamp\": \"2026-01-02T03:04:05Z\""));
        assertEquals(true, text.contains("\"expires\": \"2026-01-03T03:04:05Z\""));
    }

    @Test
    void thePredecessorsSchemaCheckCanFail() {
        // Proves the draft-07 check used by the golden tests is live, not vacuous.
        byte[] bad =
                "{\"timestamp\": \"x\", \"expires\": 1, \"version\": \"0.2\", \"policy-aliases\": {}, \"policies\": {}}"
                        .getBytes(StandardCharsets.US_ASCII);
        assertFalse(SchemaChecks.predecessorSchema().validate(Json.readStrict(bad)).isEmpty());
    }
}
