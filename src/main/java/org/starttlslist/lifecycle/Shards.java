package org.starttlslist.lifecycle;

import java.nio.charset.StandardCharsets;

/**
 * Which shard a domain belongs to: the first eight bytes of the SHA-256 of its name, as an unsigned
 * number, modulo the number of shards, counted from 1. The same domain always lands in the same
 * shard of an N-way split, on any machine, whatever else is on the list.
 */
public final class Shards {
    private Shards() {}

    public static int shardOf(String domain, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a list is split into at least 1 shard");
        }
        byte[] digest = LifecycleLayout.sha256(domain.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(value, count) + 1;
    }

    /** Parses {@code I/N}, e.g. {@code 2/8}. */
    public static Shard parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length == 2) {
            try {
                int index = Integer.parseInt(parts[0]);
                int count = Integer.parseInt(parts[1]);
                if (count >= 1 && count <= 256 && index >= 1 && index <= count) {
                    return new Shard(index, count);
                }
            } catch (NumberFormatException e) {
                // fall through to the usage message
            }
        }
        throw new IllegalArgumentException(
                "--shard '" + text + "' is not I/N with 1 <= I <= N <= 256; write e.g. 2/8");
    }

    /** Shard {@code index} of {@code count}, from 1. */
    public record Shard(int index, int count) {
        public static final Shard WHOLE = new Shard(1, 1);

        public boolean contains(String domain) {
            return shardOf(domain, count) == index;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }
}
