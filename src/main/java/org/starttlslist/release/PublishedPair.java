package org.starttlslist.release;

/**
 * The published {@code release/policy.json} and its detached signature, as the bytes a commit holds
 * ({@link CommittedTree#publishedPair()}); never read from the working tree, whose copy line-ending
 * conversion, filters or index flags can make differ from what was signed.
 */
public record PublishedPair(byte[] list, byte[] signature) {
    static final String LIST_PATH = "release/policy.json";
    static final String SIGNATURE_PATH = "release/policy.json.asc";
}
