package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.validate.ValidateCorpusTest.CONFIG;
import static org.starttlslist.validate.ValidateCorpusTest.NOW;
import static org.starttlslist.validate.ValidateCorpusTest.utf8;
import static org.starttlslist.validate.ValidateCorpusTest.write;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

/**
 * Every finding code that {@code validate/} can emit still fires: the codes are read from the
 * sources (so a new check is held to this at once), and each must appear in some validate corpus
 * case's {@code expected.txt} or in the output of one of the bad repositories made here (inputs
 * that cannot be committed: a byte-order mark, invalid UTF-8, links, a FIFO, keys). A check that a
 * faster path stopped running would leave its code unfired and fail this test.
 */
class EveryFindingCodeFiresTest {
    private static final Pattern CODE_CALL =
            Pattern.compile("(?:error|warning|errorAt)\\(\\s*\"([a-z0-9-]+\\.[a-z0-9.-]*)\"");
    private static final Pattern CODE_PAIR =
            Pattern.compile("new String\\[\\]\\s*\\{\\s*\"([a-z0-9-]+\\.[a-z0-9.-]*)\"");
    private static final Pattern FIRED = Pattern.compile(": (?:error|warning) ([a-z0-9.-]+):");

    @TempDir Path repo;

    @Test
    void everyCodeInTheSourcesFiresInTheCorpusOrHere() throws IOException, URISyntaxException {
        Set<String> codes = codesInSources();
        assertTrue(codes.size() > 30, "read only " + codes + " from the sources");

        Set<String> fired = new TreeSet<>();
        Path corpus = Path.of(getClass().getResource("/validate").toURI());
        try (Stream<Path> cases = Files.list(corpus)) {
            for (Path expected :
                    cases.map(c -> c.resolve("expected.txt")).filter(Files::exists).toList()) {
                fired.addAll(fired(Files.readString(expected)));
            }
        }
        fired.addAll(fired(badFilesRun().out()));
        fired.addAll(
                fired(
                        CliRun.of("-C", repo.toString(), "validate", "--now", NOW, "outside.json")
                                .out()));
        fired.addAll(fired(hugeNumberRun().out()));

        List<String> silent = new ArrayList<>();
        for (String code : codes) {
            // "schema." is the prefix of the keywords the semantic checks leave to the schema.
            boolean fires =
                    code.endsWith(".")
                            ? fired.stream().anyMatch(f -> f.startsWith(code))
                            : fired.contains(code);
            if (!fires) {
                silent.add(code);
            }
        }
        assertEquals(
                List.of(),
                silent,
                "codes that no corpus case and no generated input makes validate report; fired: "
                        + fired);
    }

    /** One repository holding every bad input that is made rather than committed. */
    private CliRun badFilesRun() throws IOException {
        TestKey alice = TestKeys.ed25519("alice");
        write(repo.resolve("release/config.json"), utf8(CONFIG));
        alice.writePublic(repo.resolve("release/keys")); // key.unlisted: config lists no maintainer
        write(repo.resolve("release/keys/notes.asc"), utf8("not a key\n")); // key.malformed
        write(
                repo.resolve("release/keys/leaked.asc"),
                utf8(TestKeys.text(alice.secretKey()))); // key.secret
        write(repo.resolve("policies/example.org.json"), utf8(GeneratedInputsTest.DOMAIN));
        byte[] domain = utf8(GeneratedInputsTest.DOMAIN);
        byte[] bom = new byte[domain.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(domain, 0, bom, 3, domain.length);
        write(repo.resolve("policies/bom.example.json"), bom);
        write(
                repo.resolve("policies/latin1.example.json"),
                new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        write(repo.resolve("policies/deep.example.json"), utf8("[".repeat(200) + "]".repeat(200)));
        write(repo.resolve("policies/large.example.json"), new byte[Validator.MAX_FILE_BYTES + 1]);
        Files.createSymbolicLink(
                repo.resolve("policies/link.example.json"),
                repo.resolve("policies/example.org.json"));
        Process fifo =
                new ProcessBuilder("mkfifo", repo.resolve("policies/fifo.example.json").toString())
                        .inheritIO()
                        .start();
        try {
            assertEquals(0, fifo.waitFor(), "mkfifo");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Files.writeString(repo.resolve("outside.json"), "{}");
        return CliRun.of("-C", repo.toString(), "validate", "--now", NOW);
    }

    /**
     * number.out-of-range: a number no double holds, in a repository of its own (it stops the
     * config check).
     */
    private CliRun hugeNumberRun() throws IOException {
        Path huge =
                org.starttlslist.testing.Trees.copyResource("/build/starter", repo.resolve("huge"));
        Path config = huge.resolve("release/config.json");
        Files.writeString(
                config,
                Files.readString(config)
                        .replaceAll("\"validity-days\": [^,]*", "\"validity-days\": 1e400"));
        return CliRun.of("-C", huge.toString(), "validate", "--now", NOW);
    }

    private static Set<String> codesInSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/starttlslist/validate"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                for (Pattern pattern : List.of(CODE_CALL, CODE_PAIR)) {
                    Matcher matcher = pattern.matcher(text);
                    while (matcher.find()) {
                        codes.add(matcher.group(1));
                    }
                }
            }
        }
        return codes;
    }

    private static Set<String> fired(String output) {
        Set<String> codes = new TreeSet<>();
        Matcher matcher = FIRED.matcher(output);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }
}
