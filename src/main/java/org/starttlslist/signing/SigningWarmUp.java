package org.starttlslist.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Gets the code a {@code sign} run spends its time in compiled before the run needs it, on the
 * second core while the first is still parsing the command line.
 *
 * <p>Why: a run signing a 20 MB list hashes ~50 MB (the list's SHA-512, the passphrase's S2K in
 * SHA-256). The JDK's SHA-2 is fast only once the C2 compiler has compiled it onto its intrinsic
 * (SHA-NI, AVX2); until then the interpreter hashes at ~30 ms per MB, and the first megabytes of
 * the list and the S2K used to be hashed that way. Meanwhile picocli builds its model for ~0.1 s on
 * one core with the other mostly idle. Hashing a scratch buffer there, with the launcher's low
 * compile thresholds for {@code sun.security.provider} (see {@code starttls-list}), has the
 * intrinsics ready by the time the list is read; BouncyCastle's Ed25519 tables, built on the first
 * signature, are built here too. The signature and everything the run checks are unchanged: this
 * touches no file, key or passphrase (README, benchmarks: sign 0.51 -> 0.43 s).
 */
public final class SigningWarmUp {
    /**
     * Enough blocks for the launcher's thresholds (1/20 of the defaults) to compile the digests:
     * ~2,000 calls of each compression function. Much more only takes the core from picocli.
     */
    private static final int BUFFER_BYTES = 4096;

    private static final int ROUNDS = 64;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private SigningWarmUp() {}

    /** Starts the warm-up on a daemon thread, once per process; returns at once. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(SigningWarmUp::run, "signing-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        byte[] scratch = new byte[BUFFER_BYTES];
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < ROUNDS; i++) {
                sha512.update(scratch);
                sha256.update(scratch);
            }
        } catch (NoSuchAlgorithmException e) {
            // Signing itself will say so; a warm-up has nothing to report.
            return;
        }
        Ed25519.precompute();
    }
}
