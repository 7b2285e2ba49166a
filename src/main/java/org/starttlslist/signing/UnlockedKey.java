package org.starttlslist.signing;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;

/**
 * A secret key ring with its signing-capable keys decrypted. Uses BouncyCastle's lightweight (Bc*)
 * operators only, so nothing is registered with the JCA.
 */
final class UnlockedKey implements SigningKey {
    private record Candidate(PGPPublicKey publicKey, PGPPrivateKey privateKey) {}

    private final String primaryFingerprint;
    private final PGPPublicKey primaryKey;
    private final List<Candidate> candidates;

    private UnlockedKey(
            String primaryFingerprint, PGPPublicKey primaryKey, List<Candidate> candidates) {
        this.primaryFingerprint = primaryFingerprint;
        this.primaryKey = primaryKey;
        this.candidates = candidates;
    }

    static UnlockedKey unlock(byte[] file, char[] passphrase, String name) {
        PGPSecretKeyRing ring = readSingleSecretRing(file, name);
        String primary = OpenPgpFiles.fingerprint(ring.getPublicKey());
        List<PGPSecretKey> signers = new ArrayList<>();
        for (PGPSecretKey secret : ring) {
            if (!secret.isPrivateKeyEmpty() && canSign(secret.getPublicKey())) {
                signers.add(secret);
            }
        }
        if (signers.isEmpty()) {
            throw new NoSigningKeyException(
                    name, "holds no secret key flagged for signing (key " + primary + ")");
        }
        List<Candidate> unlocked = new ArrayList<>();
        for (PGPSecretKey secret : signers) {
            try {
                PGPPrivateKey privateKey = secret.extractPrivateKey(decryptor(passphrase));
                unlocked.add(new Candidate(secret.getPublicKey(), privateKey));
            } catch (PGPException e) {
                throw new WrongPassphraseException(name, primary);
            }
        }
        return new UnlockedKey(primary, ring.getPublicKey(), List.copyOf(unlocked));
    }

    /**
     * Unlocking runs the passphrase through an iterated S2K, tens of millions of hash rounds:
     * {@link LargeBlockS2kDecryptor} does that with the JDK's SHA (its compiled intrinsic is
     * several times faster than BouncyCastle's pure-Java digest). What is left, decrypting a secret
     * key of a few dozen bytes, is BouncyCastle's: the JDK's cipher would first start its whole
     * provider framework (~200 classes, tens of milliseconds of every {@code sign}) for those few
     * bytes.
     */
    static PBESecretKeyDecryptor decryptor(char[] passphrase) throws PGPException {
        PGPDigestCalculatorProvider calculators = new BcPGPDigestCalculatorProvider();
        return new LargeBlockS2kDecryptor(
                passphrase,
                calculators,
                new BcPBESecretKeyDecryptorBuilder(calculators).build(passphrase));
    }

    static PGPSecretKeyRing readSingleSecretRing(byte[] file, String name) {
        List<PGPSecretKeyRing> rings = new ArrayList<>();
        boolean sawPublic = false;
        try {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(OpenPgpFiles.dearmor(file));
            Object object;
            while ((object = factory.nextObject()) != null) {
                if (object instanceof PGPSecretKeyRing ring) {
                    rings.add(ring);
                } else if (object instanceof org.bouncycastle.openpgp.PGPPublicKeyRing) {
                    sawPublic = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedKeyException(
                    name, "is not an OpenPGP secret key file (" + e.getMessage() + ")");
        }
        if (rings.isEmpty()) {
            throw new MalformedKeyException(
                    name,
                    sawPublic
                            ? "holds a public key, not a secret key; pass the secret key file"
                            : "holds no OpenPGP secret key");
        }
        if (rings.size() > 1) {
            throw new MalformedKeyException(
                    name,
                    "holds " + rings.size() + " secret keys; export only the one to sign with");
        }
        return rings.get(0);
    }

    /**
     * Whether any self-signature ever gave this key the sign-data flag. Whether it may sign at a
     * given instant (bound, not expired, not revoked) is decided later, at that instant.
     */
    private static boolean canSign(PGPPublicKey key) {
        boolean sawFlags = false;
        Iterator<PGPSignature> signatures = key.getSignatures();
        while (signatures.hasNext()) {
            PGPSignatureSubpacketVector hashed = signatures.next().getHashedSubPackets();
            if (hashed != null
                    && hashed.hasSubpacket(
                            org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)) {
                sawFlags = true;
                if ((hashed.getKeyFlags() & KeyFlags.SIGN_DATA) != 0) {
                    return true;
                }
            }
        }
        // Keys from before key flags existed: a primary key of a signing algorithm signs.
        return !sawFlags && key.isMasterKey() && signingAlgorithm(key.getAlgorithm());
    }

    private static boolean signingAlgorithm(int algorithm) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL,
                    3 /* RSA sign-only, deprecated but still seen */,
                    PublicKeyAlgorithmTags.DSA,
                    PublicKeyAlgorithmTags.ECDSA,
                    PublicKeyAlgorithmTags.EDDSA_LEGACY,
                    PublicKeyAlgorithmTags.Ed25519,
                    PublicKeyAlgorithmTags.Ed448 ->
                    true;
            default -> false;
        };
    }

    @Override
    public String primaryFingerprint() {
        return primaryFingerprint;
    }

    @Override
    public String signingFingerprint(Instant creationTime) {
        return OpenPgpFiles.fingerprint(choose(creationTime).publicKey());
    }

    /** The newest signing key valid at that instant; a subkey wins a tie, as in GnuPG. */
    private Candidate choose(Instant creationTime) {
        return candidates.stream()
                .filter(
                        c ->
                                validAt(c.publicKey(), creationTime)
                                        && validAt(primaryKey, creationTime))
                .max(
                        Comparator.comparing((Candidate c) -> c.publicKey().getCreationTime())
                                .thenComparing(c -> !c.publicKey().isMasterKey()))
                .orElseThrow(
                        () -> new SigningKeyNotValidException(primaryFingerprint, creationTime));
    }

    /**
     * Made by then, not revoked, not expired by its latest self-signature. This is our own key, so
     * the quick reading of the classic API is enough here (the full certificate evaluation costs a
     * second of class loading on every sign); what others accept is decided by the verifier.
     */
    private static boolean validAt(PGPPublicKey key, Instant at) {
        Instant created = key.getCreationTime().toInstant();
        if (created.isAfter(at) || key.hasRevocation()) {
            return false;
        }
        long validSeconds = key.getValidSeconds();
        return validSeconds <= 0 || at.isBefore(created.plusSeconds(validSeconds));
    }

    @Override
    public byte[] signDetached(byte[] data, Instant creationTime) {
        return sign(data, creationTime, null);
    }

    @Override
    public byte[] signDetached(byte[] data, Instant creationTime, DataDigest digest) {
        return sign(data, creationTime, digest != null && digest.isOf(data) ? digest : null);
    }

    /** Whether a signature made then would take the data's digest from a {@link DataDigest}. */
    boolean prehashes(Instant creationTime) {
        try {
            return ed25519(choose(Instant.ofEpochSecond(creationTime.getEpochSecond()))) != null;
        } catch (PGPException e) {
            return false;
        }
    }

    /** The signer's Ed25519 private key, or null for any other algorithm. */
    private static Ed25519PrivateKeyParameters ed25519(Candidate signer) throws PGPException {
        int algorithm = signer.publicKey().getAlgorithm();
        if (algorithm != PublicKeyAlgorithmTags.EDDSA_LEGACY
                && algorithm != PublicKeyAlgorithmTags.Ed25519) {
            return null;
        }
        return new BcPGPKeyConverter().getPrivateKey(signer.privateKey())
                        instanceof Ed25519PrivateKeyParameters key
                ? key
                : null;
    }

    private byte[] sign(byte[] data, Instant creationTime, DataDigest digest) {
        Instant seconds = Instant.ofEpochSecond(creationTime.getEpochSecond());
        Candidate signer = choose(seconds);
        try {
            PGPContentSignerBuilder contentSigner =
                    new BcPGPContentSignerBuilder(
                            signer.publicKey().getAlgorithm(), HashAlgorithmTags.SHA512);
            Ed25519PrivateKeyParameters ed25519 = digest == null ? null : ed25519(signer);
            boolean prehashed = ed25519 != null;
            if (prehashed) {
                contentSigner =
                        new PrehashedEd25519Signer(
                                signer.publicKey().getAlgorithm(), ed25519, digest.afterData());
            }
            PGPSignatureGenerator generator =
                    new PGPSignatureGenerator(contentSigner, signer.publicKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(seconds));
            hashed.setIssuerFingerprint(false, signer.publicKey());
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            // Where GnuPG puts it; readers that predate the fingerprint subpacket look for it.
            unhashed.setIssuerKeyID(false, signer.publicKey().getKeyID());
            generator.setHashedSubpackets(hashed.generate());
            generator.setUnhashedSubpackets(unhashed.generate());
            generator.init(PGPSignature.BINARY_DOCUMENT, signer.privateKey());
            if (!prehashed) {
                generator.update(data);
            }
            return OpenPgpFiles.armor(generator.generate().getEncoded());
        } catch (PGPException | IOException e) {
            throw new IllegalStateException(
                    "signing with key " + primaryFingerprint + " failed", e);
        }
    }
}
