import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a deterministic synthetic list repository for benchmarks: N domain sources under the
 * reserved .example TLD (RFC 2606), about 20% of them referring to one of N/200 aliases, the rest
 * inline with 1-8 MX patterns (about a quarter of them suffixes), plus release/config.json.
 *
 * <p>Usage (single-file source launch, no dependencies): {@code java bench/GenerateRepo.java N DIR [SEED]}.
 * The same N and SEED always give the same bytes. DIR must not exist or be empty.
 */
public final class GenerateRepo {
    private static final String[] WORDS = {
        "acme", "mail", "post", "relay", "bright", "north", "river", "stone", "cloud", "delta",
        "ember", "field", "grove", "harbor", "iris", "juniper", "kite", "lumen", "maple", "nova",
    };

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java bench/GenerateRepo.java N DIR [SEED]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261128L;
        generate(n, dir, seed);
        System.out.println("wrote " + n + " domains to " + dir);
    }

    static void generate(int n, Path dir, long seed) throws IOException {
        Random random = new Random(seed);
        Path policies = dir.resolve("policies");
        Path aliases = policies.resolve("aliases");
        Files.createDirectories(aliases);
        Files.createDirectories(dir.resolve("release"));
        write(dir.resolve("release/config.json"), """
                {
                  "author": "benchmark",
                  "version": "0.1",
                  "validity-days": 14,
                  "minimum-validity-days": 7,
                  "release-branch": "main",
                  "committer": {
                    "name": "bench",
                    "email": "bench@example.org"
                  },
                  "maintainers": []
                }
                """);
        int aliasCount = Math.max(1, n / 200);
        for (int a = 0; a < aliasCount; a++) {
            String host = "hosting-" + a + ".example";
            write(aliases.resolve("provider-" + a + ".json"),
                    "{\n  \"mode\": \"" + mode(random) + "\",\n  \"mxs\": " + array(mxs(random, host)) + "\n}\n");
        }
        for (int i = 0; i < n; i++) {
            String domain = domain(random, i);
            StringBuilder json = new StringBuilder();
            json.append("{\n  \"contact\": \"postmaster@").append(domain).append("\",\n");
            json.append("  \"testing-since\": \"2026-").append(two(1 + random.nextInt(10)))
                    .append('-').append(two(1 + random.nextInt(28))).append("\",\n");
            if (random.nextInt(100) < 20) {
                json.append("  \"policy-alias\": \"provider-").append(random.nextInt(aliasCount)).append("\"\n}\n");
            } else {
                json.append("  \"mode\": \"").append(mode(random)).append("\",\n");
                json.append("  \"mxs\": ").append(array(mxs(random, domain))).append("\n}\n");
            }
            write(policies.resolve(domain + ".json"), json.toString());
        }
    }

    /** Unique by the index; about one in eight is a subdomain (mail.x.example). */
    private static String domain(Random random, int i) {
        String base = WORDS[random.nextInt(WORDS.length)] + "-" + i + ".example";
        return random.nextInt(8) == 0 ? "mail." + base : base;
    }

    private static String mode(Random random) {
        return random.nextInt(4) == 0 ? "enforce" : "testing";
    }

    private static List<String> mxs(Random random, String domain) {
        int count = 1 + random.nextInt(8);
        List<String> result = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            result.add(random.nextInt(4) == 0 ? ".mx" + m + "." + domain : "mx" + m + "." + domain);
        }
        return result;
    }

    private static String array(List<String> values) {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < values.size(); i++) {
            out.append("    \"").append(values.get(i)).append('"').append(i + 1 < values.size() ? ",\n" : "\n");
        }
        return out.append("  ]").toString();
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
