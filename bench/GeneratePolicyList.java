import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * Writes a deterministic synthetic published list (policy.json) for the sign/verify benchmark: N
 * domains under the reserved .example TLD, about 20% referring to one of N/200 aliases, the rest
 * inline with 1-4 MX patterns. timestamp = NOW, expires = NOW + 14 days.
 *
 * <p>Usage (single-file source launch): {@code java bench/GeneratePolicyList.java N OUT NOW [SEED]}.
 */
public final class GeneratePolicyList {
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java bench/GeneratePolicyList.java N OUT NOW [SEED]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        Instant now = Instant.parse(args[2]);
        Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : 20261128L);
        int aliases = Math.max(1, n / 200);
        StringBuilder json = new StringBuilder(n * 120);
        json.append("{\n  \"timestamp\": \"").append(now.truncatedTo(ChronoUnit.SECONDS)).append("\",\n");
        json.append("  \"expires\": \"").append(now.plus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)).append("\",\n");
        json.append("  \"version\": \"0.1\",\n  \"author\": \"Benchmark\",\n  \"policy-aliases\": {\n");
        for (int a = 0; a < aliases; a++) {
            json.append("    \"hosting-").append(a).append("\": {\"mode\": \"enforce\", \"mxs\": [\".mx.hosting")
                    .append(a).append(".example\"]}").append(a + 1 < aliases ? ",\n" : "\n");
        }
        json.append("  },\n  \"policies\": {\n");
        for (int i = 0; i < n; i++) {
            String domain = String.format("d%07d-%s.example", i, Integer.toString(random.nextInt(1 << 24), 36));
            json.append("    \"").append(domain).append("\": ");
            if (random.nextInt(5) == 0) {
                json.append("{\"policy-alias\": \"hosting-").append(random.nextInt(aliases)).append("\"}");
            } else {
                json.append("{\"mode\": \"").append(random.nextBoolean() ? "enforce" : "testing").append("\", \"mxs\": [");
                int mxs = 1 + random.nextInt(4);
                for (int m = 0; m < mxs; m++) {
                    json.append(m > 0 ? ", " : "").append("\"").append(m % 2 == 1 ? ".s" + m + "." : "mx" + m + ".").append(domain).append("\"");
                }
                json.append("]}");
            }
            json.append(i + 1 < n ? ",\n" : "\n");
        }
        json.append("  }\n}\n");
        Files.writeString(Path.of(args[1]), json, StandardCharsets.UTF_8);
    }
}
