package org.starttlslist.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.starttlslist.model.ListTimes;

/** Small valid published lists for tests. */
public final class TestLists {
    private TestLists() {}

    /** A valid list with {@code domains} domains (one alias, the rest inline). */
    public static byte[] list(Instant timestamp, Instant expires, int domains) {
        return list(
                ListTimes.format(timestamp),
                ListTimes.format(expires),
                domains,
                new Random(domains));
    }

    /** A valid list with random names and modes, from this generator. */
    public static byte[] random(Instant timestamp, Instant expires, Random random) {
        return list(
                ListTimes.format(timestamp),
                ListTimes.format(expires),
                1 + random.nextInt(20),
                random);
    }

    private static byte[] list(String timestamp, String expires, int domains, Random random) {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"timestamp\": \"").append(timestamp).append("\",\n");
        json.append("  \"expires\": \"").append(expires).append("\",\n");
        json.append("  \"version\": \"0.1\",\n  \"author\": \"Test\",\n");
        json.append(
                "  \"policy-aliases\": {\n    \"hosting\": {\"mode\": \"enforce\", \"mxs\": [\".mx.hosting.example\"]}\n  },\n");
        json.append("  \"policies\": {\n");
        for (int i = 0; i < domains; i++) {
            String domain =
                    "d" + i + "-" + Integer.toString(random.nextInt(1 << 20), 36) + ".example";
            json.append("    \"").append(domain).append("\": ");
            if (i % 3 == 0) {
                json.append("{\"policy-alias\": \"hosting\"}");
            } else {
                json.append("{\"mode\": \"")
                        .append(random.nextBoolean() ? "enforce" : "testing")
                        .append("\", \"mxs\": [\"mx.")
                        .append(domain)
                        .append("\"]}");
            }
            json.append(i + 1 < domains ? ",\n" : "\n");
        }
        json.append("  }\n}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
