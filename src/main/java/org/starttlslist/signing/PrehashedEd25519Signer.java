package org.starttlslist.signing;

import java.io.OutputStream;
import java.security.MessageDigest;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;

/**
 * An OpenPGP EdDSA (Ed25519) content signer whose SHA-512 already holds the data ({@link
 * DataDigest}): the signature generator then writes only its trailer into it. It computes what
 * BouncyCastle's {@code BcPGPContentSignerBuilder} computes for these keys (Ed25519 over the
 * SHA-512 of data and trailer), with the data hashed once instead of twice. Ed25519 is
 * deterministic, so {@code PrehashedSigningTest} can require byte-identical signatures from both.
 */
final class PrehashedEd25519Signer implements PGPContentSignerBuilder {
    private final int keyAlgorithm;
    private final Ed25519PrivateKeyParameters key;
    private final MessageDigest digest;

    PrehashedEd25519Signer(
            int keyAlgorithm, Ed25519PrivateKeyParameters key, MessageDigest digest) {
        this.keyAlgorithm = keyAlgorithm;
        this.key = key;
        this.digest = digest;
    }

    @Override
    public PGPContentSigner build(int signatureType, PGPPrivateKey privateKey) {
        return new PGPContentSigner() {
            private byte[] hash;

            private byte[] hash() {
                if (hash == null) {
                    hash = digest.digest();
                }
                return hash;
            }

            @Override
            public OutputStream getOutputStream() {
                return new OutputStream() {
                    @Override
                    public void write(int b) {
                        digest.update((byte) b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        digest.update(bytes, offset, length);
                    }
                };
            }

            @Override
            public byte[] getSignature() {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, key);
                byte[] digestBytes = hash();
                signer.update(digestBytes, 0, digestBytes.length);
                return signer.generateSignature();
            }

            @Override
            public byte[] getDigest() {
                return hash().clone();
            }

            @Override
            public int getType() {
                return signatureType;
            }

            @Override
            public int getHashAlgorithm() {
                return HashAlgorithmTags.SHA512;
            }

            @Override
            public int getKeyAlgorithm() {
                return keyAlgorithm;
            }

            @Override
            public long getKeyID() {
                return privateKey.getKeyID();
            }
        };
    }
}
