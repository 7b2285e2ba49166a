package org.starttlslist.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.starttlslist.signing.GeneratedKey;
import org.starttlslist.signing.KeyGenerator;
import org.starttlslist.signing.KeySpec;
import org.starttlslist.signing.OpenPgpFiles;
import org.starttlslist.signing.SigningKey;

/**
 * Keys for tests, made once per JVM and name (Ed25519 takes milliseconds). All are created at
 * {@link #CREATED}, protected with {@link #PASSPHRASE} under a cheap S2K so that unlocking is fast.
 */
public final class TestKeys {
    public static final String PASSPHRASE = "correct horse battery staple";
    public static final Instant CREATED = Instant.parse("2020-01-01T00:00:00Z");

    /** A cheap S2K count byte (65536 bytes hashed): tests unlock keys hundreds of times. */
    private static final int CHEAP_S2K = 0x60;

    private static final Map<String, TestKey> CACHE = new ConcurrentHashMap<>();

    /** A generated key with its files' bytes and the unlocked signer. */
    public record TestKey(
            String fingerprint, byte[] secretKey, byte[] publicKey, SigningKey signer) {
        public Path writeSecret(Path directory) {
            return write(directory.resolve(fingerprint + "-secret.asc"), secretKey, "rw-------");
        }

        public Path writePublic(Path directory) {
            return write(directory.resolve(fingerprint + ".asc"), publicKey, "rw-r--r--");
        }

        public byte[] sign(byte[] data, Instant at) {
            return signer.signDetached(data, at);
        }
    }

    private TestKeys() {}

    /** An Ed25519 key whose primary key signs; the same name gives the same key in one JVM. */
    public static TestKey ed25519(String name) {
        return CACHE.computeIfAbsent(
                "ed25519:" + name, k -> make(KeySpec.ed25519(userId(name), CREATED)));
    }

    /**
     * An Ed25519 key that certifies with its primary key and signs with a subkey, like the
     * predecessor's.
     */
    public static TestKey withSigningSubkey(String name) {
        return CACHE.computeIfAbsent(
                "subkey:" + name,
                k -> make(KeySpec.ed25519(userId(name), CREATED).withSigningSubkey()));
    }

    /** An Ed25519 key that expires {@code validity} after {@link #CREATED}. */
    public static TestKey expiring(String name, Duration validity) {
        return CACHE.computeIfAbsent(
                "expiring:" + name + ":" + validity,
                k -> make(KeySpec.ed25519(userId(name), CREATED).withValidity(validity)));
    }

    /** An Ed25519 key with a revocation ("key retired") made at {@code revokedAt}. */
    public static TestKey revoked(String name, Instant revokedAt) {
        // The key to revoke is made first: a computeIfAbsent nested in another on the same map
        // fails with "Recursive update" when the map happens to resize.
        TestKey key = ed25519("to-revoke-" + name + "-" + revokedAt);
        return CACHE.computeIfAbsent(
                "revoked:" + name + ":" + revokedAt, k -> revoke(key, revokedAt));
    }

    public static String userId(String name) {
        return "Test " + name + " <" + name.replaceAll("[^A-Za-z0-9]", "") + "@example.org>";
    }

    private static TestKey make(KeySpec spec) {
        GeneratedKey key = KeyGenerator.generate(spec, PASSPHRASE.toCharArray(), CHEAP_S2K);
        SigningKey signer =
                SigningKey.fromBytes(key.armoredSecretKey(), PASSPHRASE.toCharArray(), "test key");
        return new TestKey(
                key.fingerprint(), key.armoredSecretKey(), key.armoredPublicKey(), signer);
    }

    private static TestKey revoke(TestKey key, Instant revokedAt) {
        try {
            PGPSecretKeyRing secret =
                    (PGPSecretKeyRing)
                            new BcPGPObjectFactory(OpenPgpFiles.dearmor(key.secretKey()))
                                    .nextObject();
            PGPPublicKey primary = secret.getPublicKey();
            PGPPrivateKey privateKey =
                    secret.getSecretKey()
                            .extractPrivateKey(
                                    new BcPBESecretKeyDecryptorBuilder(
                                                    new BcPGPDigestCalculatorProvider())
                                            .build(PASSPHRASE.toCharArray()));
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(revokedAt));
            hashed.setIssuerFingerprint(false, primary);
            hashed.setRevocationReason(
                    false, RevocationReasonTags.KEY_RETIRED, "retired in a test");
            PGPSignatureGenerator generator =
                    new PGPSignatureGenerator(
                            new BcPGPContentSignerBuilder(
                                    primary.getAlgorithm(), HashAlgorithmTags.SHA512),
                            primary);
            generator.setHashedSubpackets(hashed.generate());
            generator.init(PGPSignature.KEY_REVOCATION, privateKey);
            PGPSignature revocation = generator.generateCertification(primary);
            PGPPublicKey revokedPrimary = PGPPublicKey.addCertification(primary, revocation);
            PGPPublicKeyRing publicRing =
                    PGPPublicKeyRing.insertPublicKey(secret.toCertificate(), revokedPrimary);
            PGPSecretKeyRing secretRing = PGPSecretKeyRing.replacePublicKeys(secret, publicRing);
            byte[] secretArmor = OpenPgpFiles.armor(secretRing.getEncoded());
            SigningKey signer =
                    SigningKey.fromBytes(secretArmor, PASSPHRASE.toCharArray(), "revoked test key");
            return new TestKey(
                    key.fingerprint(),
                    secretArmor,
                    OpenPgpFiles.armor(publicRing.getEncoded()),
                    signer);
        } catch (IOException | PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A signature made by {@code key}'s primary key with every field chosen by the test, bypassing
     * every check {@link SigningKey} makes: to forge issuers, use weak hashes, or sign after
     * expiry.
     *
     * @param fingerprintSubpacket whether to include the issuer fingerprint subpacket
     * @param issuerKeyId the issuer key id to claim (the real one: {@link #keyId(TestKey)})
     */
    public static byte[] rawSignature(
            TestKey key,
            byte[] data,
            Instant created,
            int hashAlgorithm,
            boolean fingerprintSubpacket,
            long issuerKeyId) {
        return rawSignature(
                key, data, created, hashAlgorithm, fingerprintSubpacket, issuerKeyId, hashed -> {});
    }

    /** As above, letting the test add hashed subpackets of its own. */
    public static byte[] rawSignature(
            TestKey key,
            byte[] data,
            Instant created,
            int hashAlgorithm,
            boolean fingerprintSubpacket,
            long issuerKeyId,
            java.util.function.Consumer<PGPSignatureSubpacketGenerator> extraHashed) {
        try {
            PGPSecretKeyRing secret =
                    (PGPSecretKeyRing)
                            new BcPGPObjectFactory(OpenPgpFiles.dearmor(key.secretKey()))
                                    .nextObject();
            PGPPublicKey primary = secret.getPublicKey();
            PGPPrivateKey privateKey =
                    secret.getSecretKey()
                            .extractPrivateKey(
                                    new BcPBESecretKeyDecryptorBuilder(
                                                    new BcPGPDigestCalculatorProvider())
                                            .build(PASSPHRASE.toCharArray()));
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(created));
            if (fingerprintSubpacket) {
                hashed.setIssuerFingerprint(false, primary);
            }
            extraHashed.accept(hashed);
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, issuerKeyId);
            PGPSignatureGenerator generator =
                    new PGPSignatureGenerator(
                            new BcPGPContentSignerBuilder(primary.getAlgorithm(), hashAlgorithm),
                            primary);
            generator.setHashedSubpackets(hashed.generate());
            generator.setUnhashedSubpackets(unhashed.generate());
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            generator.update(data);
            return OpenPgpFiles.armor(generator.generate().getEncoded());
        } catch (IOException | PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 64-bit key id of the primary key: the low 64 bits of its v4 fingerprint. */
    public static long keyId(TestKey key) {
        return Long.parseUnsignedLong(key.fingerprint().substring(24), 16);
    }

    /**
     * Several armoured signatures as one signature file (binary packets concatenated, armoured
     * once).
     */
    public static byte[] concatenate(byte[]... armoredSignatures) {
        try {
            java.io.ByteArrayOutputStream packets = new java.io.ByteArrayOutputStream();
            for (byte[] signature : armoredSignatures) {
                packets.write(OpenPgpFiles.dearmor(signature));
            }
            return OpenPgpFiles.armor(packets.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, byte[] bytes, String permissions) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
