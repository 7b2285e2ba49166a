package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A sign line read without picocli is read as picocli reads it: over generated lines, every line
 * {@link PlainSignLine} takes, picocli takes too, with the same values in every field; every line
 * picocli refuses, it leaves to picocli. And a plain line runs as the same line through picocli.
 */
class PlainSignLineTest {
    private static final int LINES = 1500;

    /** Values an option or FILE may have: ordinary, and the kinds picocli treats specially. */
    private static final List<String> VALUES =
            List.of(
                    "policy.json",
                    "dir/policy.json",
                    "/abs/secret-key.asc",
                    "with space",
                    "x=y",
                    "ünïcode",
                    "sign",
                    "2026-06-01T00:00:00Z",
                    "-",
                    "-x",
                    "--key",
                    "@args",
                    "",
                    "nul\u0000byte",
                    "STARTTLS_PASSPHRASE");

    private static final List<String> SIGN_OPTIONS =
            List.of(
                    "--key",
                    "--passphrase-file",
                    "--passphrase-env",
                    "--now",
                    "--local-user",
                    "--gpg-homedir");

    private static final List<String> SIGN_FLAGS = List.of("--with-gpg", "--append", "--force");

    /** What a line may hold that no plain line does. */
    private static final List<String> ODD =
            List.of(
                    "--help",
                    "-h",
                    "--version",
                    "-V",
                    "--",
                    "--nope",
                    "-q",
                    "--key=policy.json",
                    "--now=2026-06-01T00:00:00Z",
                    "--force=true",
                    "-Cdir",
                    "verify",
                    "second-file");

    @Test
    void everyLineItTakesPicocliTakesTheSameWay() {
        Random random = new Random(20261203);
        int taken = 0;
        int plainTaken = 0;
        for (int n = 0; n < LINES; n++) {
            boolean plain = random.nextInt(3) > 0;
            List<String> line = line(random, plain);
            String[] args = line.toArray(String[]::new);
            Optional<SignCommand> fast = PlainSignLine.parse(args);
            Optional<SignCommand> picocli = picocli(args);
            if (fast.isPresent()) {
                taken++;
                assertTrue(picocli.isPresent(), () -> "picocli refuses a line taken: " + line);
                assertEquals(fields(picocli.get()), fields(fast.get()), line::toString);
            }
            if (plain && plainValues(line)) {
                plainTaken++;
                assertTrue(fast.isPresent(), () -> "a plain line left to picocli: " + line);
            }
        }
        // Not vacuous: most generated lines are plain, and those are all taken.
        assertTrue(taken > LINES / 3, "lines taken: " + taken);
        assertTrue(plainTaken > LINES / 4, "plain lines: " + plainTaken);
    }

    @Test
    void linesPicocliWouldReadOtherwiseAreLeftToIt() {
        for (String[] args :
                List.of(
                        new String[] {"sign"},
                        new String[] {"sign", "a", "b"},
                        new String[] {"sign", "a", "--key"},
                        new String[] {"sign", "a", "--key", "k", "--key", "k"},
                        new String[] {"sign", "a", "--key=k"},
                        new String[] {"sign", "a", "--help"},
                        new String[] {"sign", "@args"},
                        new String[] {"sign", "a", "--now", "-1"},
                        new String[] {"sign", "a", "--now", ""},
                        new String[] {"sign", "-"},
                        new String[] {"--with-gpg", "sign", "a"},
                        new String[] {"-C", "d", "-C", "d", "sign", "a"},
                        new String[] {"-C", "d", "sign", "a", "-C", "d"},
                        new String[] {"verify", "a"},
                        new String[] {"sign", "a", "--", "b"},
                        new String[] {"sign", "a", "--key", "nul\u0000byte"})) {
            assertEquals(Optional.empty(), PlainSignLine.parse(args), Arrays.toString(args));
        }
    }

    @Test
    void inheritedOptionsAfterTheCommandSetTheRoot() {
        SignCommand sign =
                PlainSignLine.parse("sign", "a", "--stacktrace", "-C", "d", "--quiet")
                        .orElseThrow();
        assertTrue(sign.root.stacktrace);
        assertTrue(sign.root.quiet);
        assertEquals(Path.of("d"), sign.root.directory);
        assertEquals(
                fields(picocli("sign", "a", "--stacktrace", "-C", "d", "--quiet").orElseThrow()),
                fields(sign));
    }

    /**
     * The same sign, as a plain line and through picocli ({@code --key=FILE} is not plain): the
     * same exit code, output and signature file, for a good line and for each way it fails.
     */
    @Test
    void aPlainLineRunsAsThroughPicocli(@TempDir Path dir) throws IOException {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        Path list =
                Files.write(
                        dir.resolve("policy.json"),
                        TestLists.list(now.minusSeconds(3600), now.plus(Duration.ofDays(14)), 3));
        Path passphrase = Files.writeString(dir.resolve("pass"), TestKeys.PASSPHRASE + "\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "not it\n");
        TestKey key = TestKeys.ed25519("alice");
        Path secret = key.writeSecret(dir);
        Path asc = dir.resolve("policy.json.asc");
        String at = now.toString();
        List<List<String>> cases =
                List.of(
                        List.of("--passphrase-file", passphrase.toString(), "--now", at),
                        List.of("--passphrase-file", wrong.toString(), "--now", at),
                        List.of("--passphrase-file", passphrase.toString(), "--now", "yesterday"),
                        List.of(
                                "--passphrase-file",
                                passphrase.toString(),
                                "--now",
                                now.minus(Duration.ofDays(1)).toString()),
                        List.of("--passphrase-file", passphrase.toString(), "--append"),
                        List.of("--passphrase-file", passphrase.toString(), "--append", "--force"),
                        List.of("--passphrase-file", dir.resolve("missing").toString()),
                        List.of("--passphrase-file", passphrase.toString(), "--with-gpg"),
                        List.of("--passphrase-env", "STARTTLS_LIST_TEST_UNSET_VARIABLE"));
        for (List<String> options : cases) {
            for (boolean stacktrace : new boolean[] {false, true}) {
                List<String> plain = new ArrayList<>(List.of("sign", list.toString()));
                plain.addAll(List.of("--key", secret.toString()));
                plain.addAll(options);
                List<String> viaPicocli = new ArrayList<>(List.of("sign", list.toString()));
                viaPicocli.add("--key=" + secret);
                viaPicocli.addAll(options);
                if (stacktrace) {
                    plain.add("--stacktrace");
                    viaPicocli.add("--stacktrace");
                }
                assertTrue(PlainSignLine.parse(plain.toArray(String[]::new)).isPresent());
                assertFalse(PlainSignLine.parse(viaPicocli.toArray(String[]::new)).isPresent());

                Files.deleteIfExists(asc);
                CliRun fast = CliRun.of(plain.toArray(String[]::new));
                byte[] fastSignature = Files.exists(asc) ? Files.readAllBytes(asc) : null;
                Files.deleteIfExists(asc);
                CliRun slow = CliRun.of(viaPicocli.toArray(String[]::new));
                byte[] slowSignature = Files.exists(asc) ? Files.readAllBytes(asc) : null;

                String what = options + (stacktrace ? " --stacktrace" : "");
                assertEquals(slow.exitCode(), fast.exitCode(), () -> what + "\n" + fast + slow);
                assertEquals(slow.out(), fast.out(), what);
                assertEquals(firstLines(slow.err()), firstLines(fast.err()), what);
                assertEquals(slowSignature == null, fastSignature == null, what);
                if (options.contains(at)) {
                    // Same instant, same key, deterministic Ed25519: the same bytes.
                    assertArrayEquals(slowSignature, fastSignature, what);
                }
            }
        }
    }

    /** Stack traces differ below the command (picocli's frames); their first lines do not. */
    private static List<String> firstLines(String err) {
        return err.lines().filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t...")).toList();
    }

    private static List<String> line(Random random, boolean plain) {
        List<List<String>> root = new ArrayList<>();
        if (random.nextBoolean()) {
            String directory = value(random, plain);
            // Not plain: before the command picocli reads "sign" as the command, not -C's value.
            root.add(List.of("-C", plain && directory.equals("sign") ? "dir" : directory));
        }
        if (random.nextBoolean()) {
            root.add(List.of("--stacktrace"));
        }
        if (random.nextBoolean()) {
            root.add(List.of("--quiet"));
        }
        List<List<String>> sign = new ArrayList<>();
        sign.add(List.of(value(random, plain)));
        for (String option : SIGN_OPTIONS) {
            if (random.nextInt(3) == 0) {
                sign.add(List.of(option, value(random, plain)));
            }
        }
        for (String flag : SIGN_FLAGS) {
            if (random.nextInt(4) == 0) {
                sign.add(List.of(flag));
            }
        }
        // Root options after the command (picocli's inherited options), some of the time.
        if (!root.isEmpty() && random.nextInt(3) == 0) {
            sign.add(root.remove(random.nextInt(root.size())));
        }
        Collections.shuffle(root, random);
        Collections.shuffle(sign, random);
        List<String> line = new ArrayList<>();
        root.forEach(line::addAll);
        line.add("sign");
        sign.forEach(line::addAll);
        if (!plain) {
            mutate(random, line);
        }
        return line;
    }

    /** One or two changes that make a line no longer plain (most of the time). */
    private static void mutate(Random random, List<String> line) {
        for (int changes = 1 + random.nextInt(2); changes > 0; changes--) {
            switch (random.nextInt(4)) {
                case 0 -> line.add(random.nextInt(line.size() + 1), pick(random, ODD));
                case 1 -> line.remove(line.size() - 1); // an option may lose its value
                case 2 -> line.add(pick(random, SIGN_OPTIONS)); // an option without a value
                default -> {
                    int at = random.nextInt(line.size());
                    if (line.get(at).startsWith("-")) {
                        line.add(at, line.get(at)); // given twice
                    }
                }
            }
        }
    }

    private static String value(Random random, boolean plain) {
        return plain ? pick(random, VALUES.subList(0, 8)) : pick(random, VALUES);
    }

    /** Whether every value in a line built as plain is one a plain line may hold. */
    private static boolean plainValues(List<String> line) {
        return line.stream()
                .allMatch(
                        word ->
                                !word.isEmpty()
                                        && !word.startsWith("@")
                                        && word.indexOf('\u0000') < 0
                                        && (!word.startsWith("-")
                                                || SIGN_OPTIONS.contains(word)
                                                || SIGN_FLAGS.contains(word)
                                                || List.of("-C", "--stacktrace", "--quiet")
                                                        .contains(word)));
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** The command picocli makes of the line, or empty when it refuses it. */
    private static Optional<SignCommand> picocli(String... args) {
        StringWriter sink = new StringWriter();
        CommandLine commandLine =
                CommandLines.create(new PrintWriter(sink), new PrintWriter(sink), args);
        try {
            CommandLine.ParseResult parsed = commandLine.parseArgs(args);
            if (!parsed.hasSubcommand()
                    || parsed.subcommand().isUsageHelpRequested()
                    || parsed.subcommand().isVersionHelpRequested()
                    || parsed.isUsageHelpRequested()
                    || parsed.isVersionHelpRequested()) {
                return Optional.empty();
            }
            return parsed.subcommand().commandSpec().userObject() instanceof SignCommand sign
                    ? Optional.of(sign)
                    : Optional.empty();
        } catch (ParameterException e) {
            return Optional.empty();
        }
    }

    /** Every field a sign line sets, the root's included, as one comparable list. */
    private static List<Object> fields(SignCommand sign) {
        Function<Object, Object> nullable = v -> v == null ? "(none)" : v;
        return List.of(
                nullable.apply(sign.root.directory),
                sign.root.stacktrace,
                sign.root.quiet,
                nullable.apply(sign.file),
                nullable.apply(sign.key),
                sign.withGpg,
                nullable.apply(sign.localUser),
                nullable.apply(sign.gpgHome),
                sign.append,
                sign.force,
                nullable.apply(sign.now.now),
                nullable.apply(sign.passphrase.file),
                nullable.apply(sign.passphrase.variable));
    }
}
