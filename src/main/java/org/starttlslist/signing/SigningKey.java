package org.starttlslist.signing;

import java.nio.file.Path;
import java.time.Instant;

/**
 * An unlocked OpenPGP signing key: makes detached, ASCII-armoured, SHA-512 signatures over exact
 * bytes.
 *
 * <p>SKELETON: issue #4 implements it; the signatures of these methods are the contract that
 * release (#5) codes against.
 */
public interface SigningKey {
    /** Full fingerprint of the primary key, 40 upper-case hex digits. */
    String primaryFingerprint();

    /** An armoured detached signature of {@code data}, created at {@code creationTime}. */
    byte[] signDetached(byte[] data, Instant creationTime);

    /** Reads an armoured secret key file and unlocks it. */
    static SigningKey load(Path secretKeyFile, char[] passphrase) {
        throw new UnsupportedOperationException("signing is not implemented yet (issue #4)");
    }
}
