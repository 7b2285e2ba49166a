package org.starttlslist.signing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * The SHA-512 of the data to sign, computed on a thread of its own from the moment the data is
 * read.
 *
 * <p>Why: {@code sign} spends most of its time on two things that do not depend on each other:
 * unlocking the key (the passphrase's iterated S2K) and hashing a 20 MB list. Started before the
 * key is unlocked, the hash runs on the second core meanwhile, and the signature then hashes only
 * its own trailer. Only the data is hashed here; nothing secret crosses the thread.
 */
public final class DataDigest {
    private final byte[] data;
    private final CompletableFuture<SHA512Digest> digest;

    private DataDigest(byte[] data, CompletableFuture<SHA512Digest> digest) {
        this.data = data;
        this.digest = digest;
    }

    /** Starts hashing {@code data} (which must not change afterwards) on a daemon thread. */
    public static DataDigest start(byte[] data) {
        CompletableFuture<SHA512Digest> future = new CompletableFuture<>();
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                SHA512Digest sha512 = new SHA512Digest();
                                sha512.update(data, 0, data.length);
                                future.complete(sha512);
                            } catch (RuntimeException | Error e) {
                                future.completeExceptionally(e);
                            }
                        },
                        "data-digest");
        thread.setDaemon(true);
        thread.start();
        return new DataDigest(data, future);
    }

    /** Whether this is the digest of exactly this array (the one {@link #start} was given). */
    boolean isOf(byte[] candidate) {
        return candidate == data;
    }

    /** A copy of the digest state after the data, waiting for the hash to finish. */
    SHA512Digest afterData() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return new SHA512Digest(digest.get());
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing the data failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
