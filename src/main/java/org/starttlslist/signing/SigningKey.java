package org.starttlslist.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An unlocked OpenPGP signing key: makes detached, ASCII-armoured, SHA-512, binary-document (0x00)
 * signatures over exact bytes, with issuer fingerprint and issuer key id, as {@code gpg
 * --detach-sign --armor --digest-algo SHA512} does.
 *
 * <p>It signs with the primary key or with a signing subkey, whichever valid signing key is newest
 * at the signature's creation time (GnuPG's choice too): the predecessor's key signs with a subkey.
 */
public interface SigningKey {
    /** Full v4 fingerprint of the primary key, 40 upper-case hex digits. */
    String primaryFingerprint();

    /**
     * Full fingerprint of the key (primary or subkey) that would sign at {@code creationTime}.
     *
     * @throws SigningKeyNotValidException when no signing key is valid then
     */
    String signingFingerprint(Instant creationTime);

    /**
     * An armoured detached signature of {@code data}, created at {@code creationTime} (truncated to
     * seconds, as OpenPGP stores it).
     *
     * @throws SigningKeyNotValidException when no signing key is valid at that instant (expired,
     *     revoked, or created later)
     */
    byte[] signDetached(byte[] data, Instant creationTime);

    /**
     * As {@link #signDetached(byte[], Instant)}, taking the data's SHA-512 from {@code digest}
     * (started with {@link DataDigest#read} of the file whose bytes these are, before the key was
     * unlocked) where the key's algorithm allows it; the signature is the same either way.
     */
    default byte[] signDetached(byte[] data, Instant creationTime, DataDigest digest) {
        return signDetached(data, creationTime);
    }

    /**
     * Reads an armoured (or binary) secret key file and unlocks it.
     *
     * @throws KeyFileUnreadableException when the file cannot be read (exit 3)
     * @throws MalformedKeyException when it holds no single OpenPGP secret key
     * @throws NoSigningKeyException when no secret key in it may sign
     * @throws WrongPassphraseException when the passphrase does not unlock it
     */
    static SigningKey load(Path secretKeyFile, char[] passphrase) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(secretKeyFile);
        } catch (IOException e) {
            throw new KeyFileUnreadableException(secretKeyFile.toString(), e);
        }
        return fromBytes(bytes, passphrase, secretKeyFile.toString());
    }

    /** As {@link #load}, from the bytes of a key file; {@code name} is used in messages. */
    static SigningKey fromBytes(byte[] secretKeyFile, char[] passphrase, String name) {
        return UnlockedKey.unlock(secretKeyFile, passphrase, name);
    }
}
