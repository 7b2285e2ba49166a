package org.starttlslist.demo;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The throwaway maintainer key the demo releases with.
 *
 * @param secretKeyFile armoured, passphrase-protected secret key
 * @param passphraseFile its passphrase, as {@code release --passphrase-file} reads it
 * @param publicKeyFile armoured public key, the file pinned in the scratch {@code release/keys/}
 * @param fingerprint the primary key's full fingerprint, 40 upper-case hex digits
 */
public record DemoKey(
        Path secretKeyFile, Path passphraseFile, Path publicKeyFile, String fingerprint) {
    /**
     * Makes a key in a directory; {@link DemoKeys#generate} in the command, something quicker in
     * tests.
     */
    @FunctionalInterface
    public interface Maker {
        DemoKey make(Path directory, Instant now);
    }
}
