package org.starttlslist.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/**
 * A maintainer key over its life: the revocation certificate made with it, and a later expiry. Both
 * are new self-signatures by the primary key, so both need the passphrase.
 */
public final class KeyMaintenance {
    private KeyMaintenance() {}

    /**
     * The public key with a revocation signature ("key compromised", dated {@code at}): kept
     * private until needed; then copied over {@code release/keys/FINGERPRINT.asc} (or imported into
     * gpg) it revokes the key, so no signature by it counts any more.
     */
    public static byte[] revocationCertificate(
            byte[] secretKeyFile, char[] passphrase, Instant at, String name) {
        PGPSecretKeyRing ring = UnlockedKey.readSingleSecretRing(secretKeyFile, name);
        PGPPublicKey primary = ring.getPublicKey();
        PGPPrivateKey privateKey = unlockPrimary(ring, passphrase, name);
        try {
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(at));
            hashed.setIssuerFingerprint(false, primary);
            hashed.setRevocationReason(
                    false,
                    RevocationReasonTags.KEY_COMPROMISED,
                    "revocation certificate made with the key; published because the key is lost or leaked");
            PGPSignatureGenerator generator =
                    new PGPSignatureGenerator(
                            new BcPGPContentSignerBuilder(
                                    primary.getAlgorithm(), HashAlgorithmTags.SHA512),
                            primary);
            generator.setHashedSubpackets(hashed.generate());
            generator.init(PGPSignature.KEY_REVOCATION, privateKey);
            PGPPublicKey revoked =
                    PGPPublicKey.addCertification(
                            primary, generator.generateCertification(primary));
            PGPPublicKeyRing publicRing =
                    PGPPublicKeyRing.insertPublicKey(ring.toCertificate(), revoked);
            String header =
                    "Comment: REVOCATION of key "
                            + OpenPgpFiles.fingerprint(primary)
                            + "\n"
                            + "Comment: publishing this file (release/keys/, gpg --import) revokes the key\n";
            return withComment(OpenPgpFiles.armor(publicRing.getEncoded()), header);
        } catch (PGPException | IOException e) {
            throw new IllegalStateException(
                    "making the revocation certificate of " + name + " failed", e);
        }
    }

    /**
     * The key with a new self-signature on each user id that makes it expire at {@code expires}
     * (dated {@code at}); the newest self-signature is the one readers use. Only keys whose primary
     * key signs (what keygen makes) are extended here; a key with subkeys is extended with gpg
     * --quick-set-expire.
     */
    public static GeneratedKey extend(
            byte[] secretKeyFile, char[] passphrase, Instant at, Instant expires, String name) {
        PGPSecretKeyRing ring = UnlockedKey.readSingleSecretRing(secretKeyFile, name);
        PGPPublicKey primary = ring.getPublicKey();
        if (ring.getPublicKeys().hasNext()) {
            Iterator<PGPPublicKey> keys = ring.getPublicKeys();
            keys.next();
            if (keys.hasNext()) {
                throw new MalformedKeyException(
                        name,
                        "has subkeys; extend it with gpg --quick-set-expire FINGERPRINT 2y '*'");
            }
        }
        Instant created = primary.getCreationTime().toInstant();
        if (!expires.isAfter(at)) {
            throw new IllegalArgumentException("the new expiry " + expires + " is not after " + at);
        }
        PGPPrivateKey privateKey = unlockPrimary(ring, passphrase, name);
        try {
            PGPPublicKey updated = primary;
            List<String> userIds = new ArrayList<>();
            primary.getUserIDs().forEachRemaining(userIds::add);
            for (String userId : userIds) {
                PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
                hashed.setSignatureCreationTime(false, Date.from(at));
                hashed.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
                hashed.setPreferredHashAlgorithms(
                        false,
                        new int[] {
                            HashAlgorithmTags.SHA512,
                            HashAlgorithmTags.SHA384,
                            HashAlgorithmTags.SHA256
                        });
                hashed.setPreferredSymmetricAlgorithms(
                        false,
                        new int[] {
                            SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128
                        });
                hashed.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
                hashed.setPrimaryUserID(false, true);
                hashed.setIssuerFingerprint(false, primary);
                hashed.setKeyExpirationTime(
                        false, expires.getEpochSecond() - created.getEpochSecond());
                PGPSignatureGenerator generator =
                        new PGPSignatureGenerator(
                                new BcPGPContentSignerBuilder(
                                        primary.getAlgorithm(), HashAlgorithmTags.SHA512),
                                primary);
                generator.setHashedSubpackets(hashed.generate());
                generator.init(PGPSignature.POSITIVE_CERTIFICATION, privateKey);
                updated =
                        PGPPublicKey.addCertification(
                                updated, userId, generator.generateCertification(userId, primary));
            }
            PGPSecretKey secret = PGPSecretKey.replacePublicKey(ring.getSecretKey(), updated);
            PGPSecretKeyRing secretRing = PGPSecretKeyRing.insertSecretKey(ring, secret);
            PGPPublicKeyRing publicRing =
                    PGPPublicKeyRing.insertPublicKey(ring.toCertificate(), updated);
            return new GeneratedKey(
                    OpenPgpFiles.fingerprint(primary),
                    OpenPgpFiles.armor(secretRing.getEncoded()),
                    OpenPgpFiles.armor(publicRing.getEncoded()));
        } catch (PGPException | IOException e) {
            throw new IllegalStateException("extending " + name + " failed", e);
        }
    }

    private static PGPPrivateKey unlockPrimary(
            PGPSecretKeyRing ring, char[] passphrase, String name) {
        PGPSecretKey secret = ring.getSecretKey();
        try {
            return secret.extractPrivateKey(UnlockedKey.decryptor(passphrase));
        } catch (PGPException e) {
            throw new WrongPassphraseException(name, OpenPgpFiles.fingerprint(ring.getPublicKey()));
        }
    }

    /** Adds armour header lines after the BEGIN line (a "Comment:" is ignored by readers). */
    private static byte[] withComment(byte[] armored, String header) {
        String text = new String(armored, StandardCharsets.US_ASCII);
        int firstNewline = text.indexOf('\n');
        return (text.substring(0, firstNewline + 1) + header + text.substring(firstNewline + 1))
                .getBytes(StandardCharsets.US_ASCII);
    }
}
