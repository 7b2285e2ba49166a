package org.starttlslist.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.starttlslist.signing.SigningKey;

/**
 * A throwaway v4 Ed25519 maintainer key made per test run, for the git mechanics tests.
 *
 * <p>Stand-in until the signing feature's own test keys are on main: it implements the
 * {@link SigningKey} contract with BouncyCastle's high-level API, nothing more.
 */
final class TestKeys {
    private TestKeys() {}

    record TestKey(SigningKey signing, String publicKeyArmored) {
        String fingerprint() {
            return signing.primaryFingerprint();
        }
    }

    static TestKey generate(String userId) {
        try {
            OpenPGPApi api = new BcOpenPGPApi();
            OpenPGPKey key = api.generateKey(PublicKeyPacket.VERSION_4, new Date(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()))
                    // Legacy EdDSA (algorithm 22): GnuPG 2.2 cannot verify RFC 9580's Ed25519 (27).
                    .withPrimaryKey(generator -> generator.generateLegacyEd25519KeyPair())
                    .addSigningSubkey(generator -> generator.generateLegacyEd25519KeyPair())
                    .addUserId(userId)
                    .build();
            String fingerprint = HexFormat.of().formatHex(key.getPrimaryKey().getPGPPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
            SigningKey signing = new SigningKey() {
                @Override
                public String primaryFingerprint() {
                    return fingerprint;
                }

                @Override
                public byte[] signDetached(byte[] data, Instant creationTime) {
                    try {
                        var signatures = api.createDetachedSignature()
                                .addSigningKey(key, new org.bouncycastle.openpgp.api.SignatureParameters.Callback() {
                                    @Override
                                    public org.bouncycastle.openpgp.api.SignatureParameters apply(
                                            org.bouncycastle.openpgp.api.SignatureParameters parameters) {
                                        return parameters.setSignatureCreationTime(Date.from(creationTime))
                                                .setSignatureHashAlgorithm(org.bouncycastle.bcpg.HashAlgorithmTags.SHA512);
                                    }
                                })
                                .sign(new ByteArrayInputStream(data));
                        return signatures.get(0).toAsciiArmoredString().getBytes(StandardCharsets.US_ASCII);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (PGPException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            return new TestKey(signing, key.toCertificate().toAsciiArmoredString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }
}
