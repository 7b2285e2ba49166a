package org.starttlslist.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.signing.GeneratedKey;
import org.starttlslist.signing.KeyGenerator;
import org.starttlslist.signing.KeySpec;

/**
 * The demo's throwaway key, made by the same generator as {@code keygen}: a v4 Ed25519 key,
 * protected with a random passphrase kept beside it (it is thrown away with the demo directory).
 */
public final class DemoKeys {
    static final String USER_ID =
            "starttls-list demo maintainer (throwaway) <demo@starttls-list.invalid>";

    private DemoKeys() {}

    public static DemoKey generate(Path directory, Instant now) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] passphrase =
                Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        try {
            GeneratedKey key = KeyGenerator.generate(KeySpec.ed25519(USER_ID, now), passphrase);
            Path secret = directory.resolve("secret-key.asc");
            Path passphraseFile = directory.resolve("passphrase");
            Path pub = directory.resolve("public-key.asc");
            var privateFile = PosixFilePermissions.fromString("rw-------");
            AtomicFiles.write(secret, key.armoredSecretKey(), privateFile);
            AtomicFiles.write(
                    passphraseFile,
                    (new String(passphrase) + "\n").getBytes(StandardCharsets.UTF_8),
                    privateFile);
            AtomicFiles.write(
                    pub, key.armoredPublicKey(), PosixFilePermissions.fromString("rw-r--r--"));
            return new DemoKey(secret, passphraseFile, pub, key.fingerprint());
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot write the demo key into " + directory + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }
}
