package org.starttlslist.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.util.Strings;

/**
 * BouncyCastle's decryptor with the iterated and salted S2K (RFC 4880 3.7.1.3) done in large
 * blocks. BouncyCastle feeds the digest the salt and the passphrase one at a time, about a million
 * updates of 20 bytes for our keys' count of 31 MB, each through its digest stream; here the
 * salt+passphrase is repeated into a 64 KiB buffer and the JDK's digest (SHA-NI through the C2
 * intrinsic) eats it whole. The result is the same key, byte for byte (LargeBlockS2kDecryptorTest
 * checks it against BouncyCastle's). Anything else, another S2K type, a hash the JDK lacks or a
 * cipher whose key length is not listed here, goes to BouncyCastle's own code.
 */
final class LargeBlockS2kDecryptor extends PBESecretKeyDecryptor {
    private static final int BLOCK = 64 * 1024;

    private final PBESecretKeyDecryptor delegate;
    private final char[] passphrase;

    LargeBlockS2kDecryptor(
            char[] passphrase,
            PGPDigestCalculatorProvider calculators,
            PBESecretKeyDecryptor delegate) {
        super(passphrase, calculators);
        this.passphrase = passphrase;
        this.delegate = delegate;
    }

    @Override
    public byte[] makeKeyFromPassPhrase(int cipher, S2K s2k) throws PGPException {
        int keyLength = keyLength(cipher);
        String hash = s2k == null ? null : jdkName(s2k.getHashAlgorithm());
        if (s2k == null
                || s2k.getType() != S2K.SALTED_AND_ITERATED
                || keyLength == 0
                || hash == null
                || s2k.getIV() == null) {
            return delegate.makeKeyFromPassPhrase(cipher, s2k);
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(hash);
        } catch (NoSuchAlgorithmException e) {
            return delegate.makeKeyFromPassPhrase(cipher, s2k);
        }
        byte[] salt = s2k.getIV();
        byte[] password = Strings.toUTF8ByteArray(passphrase);
        int unit = salt.length + password.length;
        // Whole copies of salt+passphrase, so every block starts where the sequence starts.
        byte[] block = new byte[Math.max(1, BLOCK / unit) * unit];
        for (int at = 0; at < block.length; at += unit) {
            System.arraycopy(salt, 0, block, at, salt.length);
            System.arraycopy(password, 0, block, at + salt.length, password.length);
        }
        // The count never cuts salt+passphrase short (RFC 4880: the whole is hashed at least once).
        long count = Math.max(s2k.getIterationCount(), unit);
        byte[] key = new byte[keyLength];
        try {
            // Each further digest is preloaded with one more zero byte (RFC 4880 3.7.1.1).
            for (int round = 0, filled = 0; filled < keyLength; round++) {
                digest.reset();
                for (int zero = 0; zero < round; zero++) {
                    digest.update((byte) 0);
                }
                long left = count;
                while (left > 0) {
                    int now = (int) Math.min(left, block.length);
                    digest.update(block, 0, now);
                    left -= now;
                }
                byte[] out = digest.digest();
                int take = Math.min(out.length, keyLength - filled);
                System.arraycopy(out, 0, key, filled, take);
                Arrays.fill(out, (byte) 0);
                filled += take;
            }
            return key;
        } finally {
            Arrays.fill(block, (byte) 0);
            Arrays.fill(password, (byte) 0);
        }
    }

    @Override
    public PGPDigestCalculator getChecksumCalculator(int hashAlgorithm) throws PGPException {
        return delegate.getChecksumCalculator(hashAlgorithm);
    }

    @Override
    public byte[] recoverKeyData(
            int encAlgorithm, byte[] key, byte[] iv, byte[] keyData, int keyOff, int keyLen)
            throws PGPException {
        return delegate.recoverKeyData(encAlgorithm, key, iv, keyData, keyOff, keyLen);
    }

    @Override
    public byte[] recoverKeyData(
            int encAlgorithm,
            int aeadAlgorithm,
            byte[] s2kKey,
            byte[] iv,
            int packetTag,
            int keyVersion,
            byte[] keyData,
            byte[] pubkeyData)
            throws PGPException {
        return delegate.recoverKeyData(
                encAlgorithm,
                aeadAlgorithm,
                s2kKey,
                iv,
                packetTag,
                keyVersion,
                keyData,
                pubkeyData);
    }

    /** Key length in bytes of the ciphers handled here; 0 for the others. */
    private static int keyLength(int cipher) {
        return switch (cipher) {
            case SymmetricKeyAlgorithmTags.AES_128 -> 16;
            case SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.TRIPLE_DES -> 24;
            case SymmetricKeyAlgorithmTags.AES_256 -> 32;
            default -> 0;
        };
    }

    private static String jdkName(int hashAlgorithm) {
        return switch (hashAlgorithm) {
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.SHA224 -> "SHA-224";
            case HashAlgorithmTags.SHA256 -> "SHA-256";
            case HashAlgorithmTags.SHA384 -> "SHA-384";
            case HashAlgorithmTags.SHA512 -> "SHA-512";
            default -> null;
        };
    }
}
