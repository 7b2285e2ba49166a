package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.signing.OpenPgpFiles;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;

/**
 * Random mutations of a valid pair fed to {@code verify} and {@code mirror}: bit flips,
 * truncations, duplicated or reordered signature packets and JSON members. Seeded (set {@code
 * -Dfuzz.seed=N} to replay a failure) and bounded in time ({@code -Dfuzz.seconds=S}, default 5 per
 * command) and in cases.
 *
 * <p>Each case must end in exit 1 or 3 with one line on stderr, never a stack trace or an internal
 * error, and a mirror's installed state never changes. Exit 0 is allowed only when the list bytes
 * are unchanged and the mutation left the signature valid (a duplicated packet, or a byte of the
 * unhashed area, which OpenPGP does not sign): the list, the only thing used, is still the signed
 * one.
 */
class MutationFuzzTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant SIGNED = NOW.minus(Duration.ofHours(1));
    static final TestKey KEY = TestKeys.ed25519("fuzz");
    static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 5L));
    static final int MAX_CASES = 2000;

    record Pair(byte[] list, byte[] signature, String mutation) {}

    @TempDir Path dir;

    static Pair valid() {
        byte[] list = TestLists.list(SIGNED, NOW.plus(Duration.ofDays(13)), 6);
        return new Pair(list, KEY.sign(list, SIGNED), "none");
    }

    static Pair mutate(Pair pair, Random random) {
        byte[] list = pair.list().clone();
        byte[] packets = packets(pair.signature());
        switch (random.nextInt(7)) {
            case 0 -> {
                int at = random.nextInt(list.length);
                list[at] ^= (byte) (1 << random.nextInt(8));
                return new Pair(list, pair.signature(), "list bit flip at " + at);
            }
            case 1 -> {
                int length = random.nextInt(list.length);
                return new Pair(
                        Arrays.copyOf(list, length),
                        pair.signature(),
                        "list truncated to " + length);
            }
            case 2 -> {
                int at = random.nextInt(packets.length);
                packets[at] ^= (byte) (1 << random.nextInt(8));
                return new Pair(list, OpenPgpFiles.armor(packets), "signature bit flip at " + at);
            }
            case 3 -> {
                int length = random.nextInt(packets.length);
                return new Pair(
                        list,
                        OpenPgpFiles.armor(Arrays.copyOf(packets, length)),
                        "signature truncated to " + length);
            }
            case 4 -> {
                byte[] doubled = new byte[packets.length * 2];
                System.arraycopy(packets, 0, doubled, 0, packets.length);
                System.arraycopy(packets, 0, doubled, packets.length, packets.length);
                int at = random.nextInt(doubled.length);
                if (random.nextBoolean()) {
                    doubled[at] ^= (byte) (1 << random.nextInt(8));
                }
                return new Pair(
                        list,
                        OpenPgpFiles.armor(doubled),
                        "signature packet duplicated, then maybe flipped at " + at);
            }
            case 5 -> {
                List<String> lines =
                        new ArrayList<>(
                                List.of(new String(list, StandardCharsets.UTF_8).split("\n", -1)));
                int a = 1 + random.nextInt(lines.size() - 2);
                int b = 1 + random.nextInt(lines.size() - 2);
                String line = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, line);
                byte[] swapped = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                return Arrays.equals(swapped, list)
                        ? mutate(pair, random)
                        : new Pair(
                                swapped,
                                pair.signature(),
                                "JSON lines " + a + " and " + b + " swapped");
            }
            default -> {
                List<String> lines =
                        new ArrayList<>(
                                List.of(new String(list, StandardCharsets.UTF_8).split("\n", -1)));
                int a = 1 + random.nextInt(lines.size() - 2);
                lines.add(a, lines.get(a));
                return new Pair(
                        String.join("\n", lines).getBytes(StandardCharsets.UTF_8),
                        pair.signature(),
                        "JSON line " + a + " duplicated");
            }
        }
    }

    static byte[] packets(byte[] armored) {
        try {
            return OpenPgpFiles.dearmor(armored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertAnswered(CliRun run, Pair pair, Pair original, String context) {
        String where = context + " [" + pair.mutation() + ", seed " + SEED + "]: " + run;
        assertFalse(run.err().contains("internal error"), where);
        assertFalse(run.err().contains("\tat "), where);
        if (run.exitCode() == 0) {
            assertTrue(
                    Arrays.equals(pair.list(), original.list()),
                    "a changed list was accepted " + where);
            return;
        }
        assertTrue(run.exitCode() == 1 || run.exitCode() == 3, where);
        assertEquals(1, run.err().strip().lines().count(), where);
    }

    @Test
    void verifyAnswersEveryMutationWithARejection() throws IOException {
        Pair original = valid();
        Path key = KEY.writePublic(dir.resolve("keys"));
        Path list = dir.resolve("policy.json");
        Path signature = dir.resolve("policy.json.asc");
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int cases = 0;
        while (cases < MAX_CASES && System.nanoTime() < deadline) {
            Pair pair = mutate(original, random);
            Files.write(list, pair.list());
            Files.write(signature, pair.signature());
            assertAnswered(
                    CliRun.of(
                            "verify",
                            list.toString(),
                            "--keys",
                            key.toString(),
                            "--now",
                            NOW.toString()),
                    pair,
                    original,
                    "verify case " + cases);
            cases++;
        }
        assertTrue(cases > 10, "only " + cases + " cases ran");
    }

    @Test
    void mirrorAnswersEveryMutationAndKeepsWhatIsInstalled() throws IOException {
        Pair original = valid();
        Path key = KEY.writePublic(dir.resolve("keys"));
        Path source = Files.createDirectories(dir.resolve("source"));
        Path mirror = dir.resolve("mirror");
        Files.write(source.resolve("policy.json"), original.list());
        Files.write(source.resolve("policy.json.asc"), original.signature());
        String[] args = {
            "mirror",
            "--from",
            source.toString(),
            "--keys",
            key.toString(),
            "--into",
            mirror.toString(),
            "--now",
            NOW.toString()
        };
        assertEquals(0, CliRun.of(args).exitCode());
        Map<String, String> installed = snapshot(mirror);
        Random random = new Random(SEED + 1);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int cases = 0;
        while (cases < MAX_CASES && System.nanoTime() < deadline) {
            Pair pair = mutate(original, random);
            Files.write(source.resolve("policy.json"), pair.list());
            Files.write(source.resolve("policy.json.asc"), pair.signature());
            CliRun run = CliRun.of(args);
            assertAnswered(run, pair, original, "mirror case " + cases);
            assertEquals(
                    installed,
                    snapshot(mirror),
                    "the installed state changed [" + pair.mutation() + ", seed " + SEED + "]");
            cases++;
        }
        assertTrue(cases > 10, "only " + cases + " cases ran");
    }

    /** Every file and link under the mirror directory, except the lock. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> state = new TreeMap<>();
        Files.walkFileTree(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                            throws IOException {
                        String name = root.relativize(file).toString();
                        if (!name.equals(".lock")) {
                            state.put(
                                    name,
                                    Files.isSymbolicLink(file)
                                            ? "-> " + Files.readSymbolicLink(file)
                                            : new String(
                                                    Files.readAllBytes(file),
                                                    StandardCharsets.ISO_8859_1));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return state;
    }
}
