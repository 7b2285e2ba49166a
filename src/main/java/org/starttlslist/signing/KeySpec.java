package org.starttlslist.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What key to make.
 *
 * @param userId "Name &lt;email&gt;"
 * @param algorithm Ed25519 (default) or RSA-4096
 * @param created the key's creation time (keys carry it inside their fingerprint)
 * @param validity how long the key is valid after {@code created}; empty for no expiry
 * @param signingSubkey sign with a separate subkey and keep the primary for certification only, as
 *     the predecessor's key did; by default the primary key signs
 */
public record KeySpec(
        String userId,
        KeyAlgorithm algorithm,
        Instant created,
        Optional<Duration> validity,
        boolean signingSubkey) {

    public enum KeyAlgorithm {
        /** Ed25519 as GnuPG 2.2 reads it ("legacy" EdDSA, algorithm 22). Fast and small. */
        ED25519,
        RSA_4096
    }

    public KeySpec {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(validity, "validity");
    }

    /** An Ed25519 key that signs with its primary key and does not expire. */
    public static KeySpec ed25519(String userId, Instant created) {
        return new KeySpec(userId, KeyAlgorithm.ED25519, created, Optional.empty(), false);
    }

    public KeySpec withAlgorithm(KeyAlgorithm newAlgorithm) {
        return new KeySpec(userId, newAlgorithm, created, validity, signingSubkey);
    }

    public KeySpec withValidity(Duration newValidity) {
        return new KeySpec(userId, algorithm, created, Optional.of(newValidity), signingSubkey);
    }

    public KeySpec withSigningSubkey() {
        return new KeySpec(userId, algorithm, created, validity, true);
    }
}
