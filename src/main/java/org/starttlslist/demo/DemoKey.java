package org.starttlslist.demo;

import java.nio.file.Path;

/**
 * The throwaway maintainer key the demo releases with.
 *
 * @param secretKeyFile armoured secret key, not protected by a passphrase (it is thrown away)
 * @param publicKeyFile armoured public key, the file pinned in the scratch {@code release/keys/}
 * @param fingerprint the primary key's full fingerprint, 40 upper-case hex digits
 */
public record DemoKey(Path secretKeyFile, Path publicKeyFile, String fingerprint) {
    /** Makes a key in a directory; the signing feature's key generation, in production. */
    @FunctionalInterface
    public interface Maker {
        DemoKey make(Path directory, java.time.Instant now);
    }
}
