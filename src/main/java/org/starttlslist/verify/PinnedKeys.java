package org.starttlslist.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.starttlslist.files.BoundedFiles;
import org.starttlslist.files.InputTooLargeException;
import org.starttlslist.signing.OpenPgpFiles;

/**
 * The public keys a consumer trusts, read from files it was given out of band. A file may hold
 * several keys (several maintainers). Nothing else is ever trusted: keys inside a signature file, a
 * keyring or a key server play no part.
 */
public final class PinnedKeys {
    /** One key (primary or subkey) of a pinned certificate. */
    record Component(OpenPGPCertificate certificate, PGPPublicKey key) {
        String fingerprint() {
            return OpenPgpFiles.fingerprint(key);
        }

        String primaryFingerprint() {
            return OpenPgpFiles.fingerprint(certificate.getPGPPublicKeyRing().getPublicKey());
        }
    }

    /** No key at all: nothing verifies against it. */
    public static final PinnedKeys NONE = new PinnedKeys(List.of());

    private final List<OpenPGPCertificate> certificates;

    private PinnedKeys(List<OpenPGPCertificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /**
     * The largest key file read by default: a key with many certifications is a few hundred KiB.
     */
    public static final long DEFAULT_MAX_KEY_BYTES = 1024L * 1024;

    /** {@link #load(List, long)} with {@link #DEFAULT_MAX_KEY_BYTES}. */
    public static PinnedKeys load(List<Path> files) {
        return load(files, DEFAULT_MAX_KEY_BYTES);
    }

    /**
     * Reads every key in these armoured (or binary) public key files, once, at the edge of a
     * command, so a typo is reported before any lock is taken or anything is downloaded.
     * Certificates are de-duplicated by fingerprint.
     *
     * @throws PinnedKeysUnusableException when a file cannot be read or holds no public key
     * @throws InputTooLargeException when a file is larger than {@code maxKeyBytes}
     */
    public static PinnedKeys load(List<Path> files, long maxKeyBytes) {
        if (files.isEmpty()) {
            throw new PinnedKeysUnusableException(
                    "no pinned key file given; pass the maintainers' public keys with --keys",
                    null);
        }
        Map<String, OpenPGPCertificate> byFingerprint = new LinkedHashMap<>();
        for (Path file : files) {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes =
                        BoundedFiles.readCapped(
                                in, maxKeyBytes, "pinned key file " + file, "--max-key-bytes");
            } catch (NoSuchFileException e) {
                throw new PinnedKeysUnusableException(
                        file.toString(),
                        "pinned key file "
                                + file
                                + " does not exist; check the path given to --keys",
                        e);
            } catch (IOException e) {
                throw new PinnedKeysUnusableException(
                        file.toString(),
                        "cannot read pinned key file " + file + ": " + e.getMessage(),
                        e);
            }
            for (OpenPGPCertificate certificate : parse(bytes, file.toString())) {
                byFingerprint.putIfAbsent(
                        OpenPgpFiles.hex(certificate.getFingerprint()), certificate);
            }
        }
        return new PinnedKeys(new ArrayList<>(byFingerprint.values()));
    }

    /** The keys of one key file's bytes; {@code name} is used in messages. */
    public static PinnedKeys fromBytes(byte[] keyFile, String name) {
        return new PinnedKeys(parse(keyFile, name));
    }

    /** How many distinct pinned certificates there are. */
    public int size() {
        return certificates.size();
    }

    private static List<OpenPGPCertificate> parse(byte[] bytes, String name) {
        List<OpenPGPCertificate> found = new ArrayList<>();
        try {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(OpenPgpFiles.dearmor(bytes));
            Object object;
            while ((object = factory.nextObject()) != null) {
                if (object instanceof PGPPublicKeyRing ring) {
                    found.add(new OpenPGPCertificate(ring, new BcOpenPGPImplementation()));
                } else if (object instanceof PGPSecretKeyRing) {
                    throw new PinnedKeysUnusableException(
                            name,
                            "pinned key file "
                                    + name
                                    + " holds a SECRET key; pin only the public key (gpg --export --armor FINGERPRINT)",
                            null);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PinnedKeysUnusableException unusable) {
                throw unusable;
            }
            throw new PinnedKeysUnusableException(
                    name,
                    "pinned key file "
                            + name
                            + " is not an OpenPGP public key file: "
                            + e.getMessage(),
                    e);
        }
        if (found.isEmpty()) {
            throw new PinnedKeysUnusableException(
                    name, "pinned key file " + name + " holds no OpenPGP public key", null);
        }
        return found;
    }

    /** Full fingerprints of the pinned primary keys, upper-case hex. */
    public List<String> primaryFingerprints() {
        return certificates.stream().map(c -> OpenPgpFiles.hex(c.getFingerprint())).toList();
    }

    /** Whether this primary-key fingerprint (upper-case hex) is pinned. */
    public boolean pinsPrimary(String fingerprint) {
        return primaryFingerprints().contains(fingerprint);
    }

    /** The pinned certificates as key rings, for checks of other signed data (a git tag). */
    public List<PGPPublicKeyRing> publicKeyRings() {
        return certificates.stream().map(OpenPGPCertificate::getPGPPublicKeyRing).toList();
    }

    /** The pinned key (primary or subkey) with exactly this fingerprint. */
    List<Component> withFingerprint(byte[] fingerprint) {
        return matching(key -> Arrays.equals(key.getFingerprint(), fingerprint));
    }

    /** Pinned keys whose 64-bit key id is this; only candidates: the signature check decides. */
    List<Component> withKeyId(long keyId) {
        return matching(key -> key.getKeyID() == keyId);
    }

    private List<Component> matching(java.util.function.Predicate<PGPPublicKey> test) {
        List<Component> result = new ArrayList<>();
        for (OpenPGPCertificate certificate : certificates) {
            Iterator<PGPPublicKey> keys = certificate.getPGPPublicKeyRing().getPublicKeys();
            while (keys.hasNext()) {
                PGPPublicKey key = keys.next();
                if (test.test(key)) {
                    result.add(new Component(certificate, key));
                }
            }
        }
        return result;
    }
}
