package org.starttlslist.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The large-block S2K makes exactly BouncyCastle's key, and leaves what it does not do to it. */
class LargeBlockS2kDecryptorTest {
    private static final byte[] SALT = {1, 2, 3, 4, 5, 6, 7, (byte) 0xF8};

    static Stream<Arguments> iterated() {
        List<Arguments> cases = new ArrayList<>();
        int[] hashes = {
            HashAlgorithmTags.SHA1,
            HashAlgorithmTags.SHA224,
            HashAlgorithmTags.SHA256,
            HashAlgorithmTags.SHA384,
            HashAlgorithmTags.SHA512,
        };
        int[] ciphers = {
            SymmetricKeyAlgorithmTags.AES_128,
            SymmetricKeyAlgorithmTags.AES_192,
            SymmetricKeyAlgorithmTags.AES_256,
            SymmetricKeyAlgorithmTags.TRIPLE_DES,
        };
        // 0x00: 1024 bytes; 0x60: 65536, one block exactly near; 0x9B: not a multiple of any unit.
        int[] counts = {0x00, 0x60, 0x9B};
        String[] passphrases = {"bench passphrase", "pässwörd ✓ 𝄞", "x".repeat(1100), ""};
        for (int hash : hashes) {
            for (int cipher : ciphers) {
                for (int count : counts) {
                    for (String passphrase : passphrases) {
                        cases.add(Arguments.of(hash, cipher, count, passphrase));
                    }
                }
            }
        }
        // The count our keygen uses, once: ~31 MB, several 64 KiB blocks and a remainder.
        cases.add(
                Arguments.of(
                        HashAlgorithmTags.SHA256,
                        SymmetricKeyAlgorithmTags.AES_256,
                        0xEF,
                        "bench passphrase"));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("iterated")
    void iteratedAndSaltedGivesBouncyCastlesKey(int hash, int cipher, int count, String passphrase)
            throws Exception {
        S2K s2k = S2K.saltedAndIteratedS2K(hash, SALT, count);
        char[] chars = passphrase.toCharArray();
        assertArrayEquals(
                bouncyCastle(chars).makeKeyFromPassPhrase(cipher, s2k),
                largeBlock(chars).makeKeyFromPassPhrase(cipher, s2k));
    }

    static Stream<Arguments> leftToBouncyCastle() {
        return Stream.of(
                Arguments.of(
                        S2K.simpleS2K(HashAlgorithmTags.SHA256), SymmetricKeyAlgorithmTags.AES_128),
                Arguments.of(
                        S2K.saltedS2K(HashAlgorithmTags.SHA1, SALT),
                        SymmetricKeyAlgorithmTags.AES_256),
                Arguments.of(
                        S2K.saltedAndIteratedS2K(HashAlgorithmTags.MD5, SALT, 0x60),
                        SymmetricKeyAlgorithmTags.AES_128),
                Arguments.of(
                        S2K.saltedAndIteratedS2K(HashAlgorithmTags.RIPEMD160, SALT, 0x60),
                        SymmetricKeyAlgorithmTags.AES_256),
                Arguments.of(
                        S2K.saltedAndIteratedS2K(HashAlgorithmTags.SHA256, SALT, 0x60),
                        SymmetricKeyAlgorithmTags.CAST5),
                Arguments.of(
                        S2K.saltedAndIteratedS2K(HashAlgorithmTags.SHA256, SALT, 0x60),
                        SymmetricKeyAlgorithmTags.TWOFISH));
    }

    @ParameterizedTest
    @MethodSource("leftToBouncyCastle")
    void otherKindsGiveBouncyCastlesKey(S2K s2k, int cipher) throws Exception {
        char[] chars = "bench passphrase".toCharArray();
        assertArrayEquals(
                bouncyCastle(chars).makeKeyFromPassPhrase(cipher, s2k),
                largeBlock(chars).makeKeyFromPassPhrase(cipher, s2k));
    }

    private static PBESecretKeyDecryptor bouncyCastle(char[] passphrase) throws Exception {
        return new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                .build(passphrase);
    }

    private static PBESecretKeyDecryptor largeBlock(char[] passphrase) throws Exception {
        BcPGPDigestCalculatorProvider calculators = new BcPGPDigestCalculatorProvider();
        return new LargeBlockS2kDecryptor(
                passphrase,
                calculators,
                new BcPBESecretKeyDecryptorBuilder(calculators).build(passphrase));
    }
}
