package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.starttlslist.signing.GeneratedKey;
import org.starttlslist.signing.KeyGenerator;
import org.starttlslist.signing.KeySpec;
import org.starttlslist.signing.SigningKey;

/**
 * A throwaway maintainer key made and used in-process with BouncyCastle, signing at a chosen time,
 * so the mirror's own behaviour is tested without GnuPG. That what GnuPG makes verifies is the
 * interoperability tests' job ({@code GnuPgVerifyInteropTest}, {@code GnuPgSigningInteropTest}).
 */
final class MaintainerKey {
    private static final char[] PASSPHRASE = "mirror test".toCharArray();

    /** A cheap S2K: tests unlock keys often. */
    private static final int CHEAP_S2K = 0x60;

    private final Path publicKey;
    private final String fingerprint;
    private final SigningKey signer;

    private MaintainerKey(Path publicKey, String fingerprint, SigningKey signer) {
        this.publicKey = publicKey;
        this.fingerprint = fingerprint;
        this.signer = signer;
    }

    /**
     * A new Ed25519 key created at {@code created}, its public key written to {@code dir/name.asc}.
     */
    static MaintainerKey create(Path dir, String name, Instant created) throws IOException {
        GeneratedKey key =
                KeyGenerator.generate(
                        KeySpec.ed25519(name + " <" + name + "@mirror-test.invalid>", created),
                        PASSPHRASE,
                        CHEAP_S2K);
        Path publicKey = dir.resolve(name + ".asc");
        Files.write(publicKey, key.armoredPublicKey());
        return new MaintainerKey(
                publicKey,
                key.fingerprint(),
                SigningKey.fromBytes(key.armoredSecretKey(), PASSPHRASE, name + " test key"));
    }

    Path publicKey() {
        return publicKey;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** An armoured, detached signature over {@code data}, made at {@code at}. */
    byte[] sign(byte[] data, Instant at) {
        return signer.signDetached(data, at);
    }
}
