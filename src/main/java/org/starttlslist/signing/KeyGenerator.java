package org.starttlslist.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Makes v4 OpenPGP keys that GnuPG 2.2 reads (it cannot read v6): Ed25519 ("legacy" EdDSA) or
 * RSA-4096, self-signed with SHA-512, the secret part protected with AES-256 under an iterated and
 * salted SHA-256 S2K, GnuPG's own choice.
 */
public final class KeyGenerator {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** S2K count byte 0xEF: ~31 million bytes hashed, GnuPG's calibrated order of magnitude. */
    private static final int S2K_COUNT = 0xEF;

    private KeyGenerator() {}

    /** A new key; an empty passphrase leaves the secret key unprotected (tests only). */
    public static GeneratedKey generate(KeySpec spec, char[] passphrase) {
        return generate(spec, passphrase, S2K_COUNT);
    }

    /**
     * As {@link #generate(KeySpec, char[])} with a chosen S2K iteration count byte (tests use a low
     * one).
     */
    public static GeneratedKey generate(KeySpec spec, char[] passphrase, int s2kCount) {
        Date created = Date.from(spec.created());
        try {
            PGPKeyPair primary = keyPair(spec.algorithm(), created);
            PGPDigestCalculator sha1 =
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
            PBESecretKeyEncryptor encryptor =
                    passphrase.length == 0
                            ? null
                            : new BcPBESecretKeyEncryptorBuilder(
                                            SymmetricKeyAlgorithmTags.AES_256,
                                            new BcPGPDigestCalculatorProvider()
                                                    .get(HashAlgorithmTags.SHA256),
                                            s2kCount)
                                    .setSecureRandom(RANDOM)
                                    .build(passphrase);

            PGPSignatureSubpacketGenerator primaryPackets = new PGPSignatureSubpacketGenerator();
            primaryPackets.setSignatureCreationTime(false, created);
            primaryPackets.setKeyFlags(
                    true,
                    spec.signingSubkey()
                            ? KeyFlags.CERTIFY_OTHER
                            : KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            primaryPackets.setPreferredHashAlgorithms(
                    false,
                    new int[] {
                        HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256
                    });
            primaryPackets.setPreferredSymmetricAlgorithms(
                    false,
                    new int[] {
                        SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128
                    });
            primaryPackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
            primaryPackets.setPrimaryUserID(false, true);
            primaryPackets.setIssuerFingerprint(false, primary.getPublicKey());
            spec.validity()
                    .ifPresent(v -> primaryPackets.setKeyExpirationTime(false, v.toSeconds()));

            PGPKeyRingGenerator rings =
                    new PGPKeyRingGenerator(
                            PGPSignature.POSITIVE_CERTIFICATION,
                            primary,
                            spec.userId(),
                            sha1,
                            primaryPackets.generate(),
                            null,
                            new BcPGPContentSignerBuilder(
                                    primary.getPublicKey().getAlgorithm(),
                                    HashAlgorithmTags.SHA512),
                            encryptor);
            if (spec.signingSubkey()) {
                addSigningSubkey(rings, primary, spec, created);
            }
            byte[] secret = OpenPgpFiles.armor(rings.generateSecretKeyRing().getEncoded());
            byte[] pub = OpenPgpFiles.armor(rings.generatePublicKeyRing().getEncoded());
            return new GeneratedKey(OpenPgpFiles.fingerprint(primary.getPublicKey()), secret, pub);
        } catch (PGPException | IOException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    /**
     * A signing subkey needs a "primary key binding" signature made by the subkey itself, embedded
     * in its binding signature; without it GnuPG ignores the subkey.
     */
    private static void addSigningSubkey(
            PGPKeyRingGenerator rings, PGPKeyPair primary, KeySpec spec, Date created)
            throws PGPException, IOException {
        PGPKeyPair subkey = keyPair(spec.algorithm(), created);
        PGPSignatureSubpacketGenerator backPackets = new PGPSignatureSubpacketGenerator();
        backPackets.setSignatureCreationTime(false, created);
        backPackets.setIssuerFingerprint(false, subkey.getPublicKey());
        PGPSignatureGenerator back =
                new PGPSignatureGenerator(
                        new BcPGPContentSignerBuilder(
                                subkey.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
                        subkey.getPublicKey());
        back.setHashedSubpackets(backPackets.generate());
        back.init(PGPSignature.PRIMARYKEY_BINDING, subkey.getPrivateKey());
        PGPSignature backSignature =
                back.generateCertification(primary.getPublicKey(), subkey.getPublicKey());

        PGPSignatureSubpacketGenerator bindingPackets = new PGPSignatureSubpacketGenerator();
        bindingPackets.setSignatureCreationTime(false, created);
        bindingPackets.setKeyFlags(true, KeyFlags.SIGN_DATA);
        bindingPackets.setIssuerFingerprint(false, primary.getPublicKey());
        spec.validity().ifPresent(v -> bindingPackets.setKeyExpirationTime(false, v.toSeconds()));
        bindingPackets.addEmbeddedSignature(false, backSignature);
        rings.addSubKey(subkey, bindingPackets.generate(), null);
    }

    private static PGPKeyPair keyPair(KeySpec.KeyAlgorithm algorithm, Date created)
            throws PGPException {
        return switch (algorithm) {
            case ED25519 -> {
                Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
                generator.init(new Ed25519KeyGenerationParameters(RANDOM));
                AsymmetricCipherKeyPair pair = generator.generateKeyPair();
                yield new BcPGPKeyPair(
                        PublicKeyPacket.VERSION_4,
                        PublicKeyAlgorithmTags.EDDSA_LEGACY,
                        pair,
                        created);
            }
            case RSA_4096 -> {
                RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
                generator.init(
                        new RSAKeyGenerationParameters(
                                BigInteger.valueOf(0x10001), RANDOM, 4096, 100));
                yield new BcPGPKeyPair(
                        PublicKeyPacket.VERSION_4,
                        PublicKeyAlgorithmTags.RSA_GENERAL,
                        generator.generateKeyPair(),
                        created);
            }
        };
    }
}
