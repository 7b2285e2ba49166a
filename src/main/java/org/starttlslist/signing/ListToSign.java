package org.starttlslist.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.starttlslist.listfile.ListValidity;

/**
 * A file being made ready for a detached signature while its signer unlocks the key: read, hashed
 * ({@link DataDigest}) and searched for a list's {@code timestamp}, all on the second core, so that
 * signing afterwards costs only the signature.
 */
public final class ListToSign {
    private final DataDigest digest;
    private final CompletableFuture<Optional<Instant>> listTimestamp;

    private ListToSign(DataDigest digest) {
        this.digest = digest;
        // After the hash, on the reading thread: the key's unlock runs meanwhile on this one.
        this.listTimestamp = digest.whenRead(ListValidity::scanTimestamp);
    }

    /**
     * Opens {@code file} and starts the work.
     *
     * @throws IOException when it cannot be opened
     */
    public static ListToSign start(Path file) throws IOException {
        return new ListToSign(DataDigest.read(file));
    }

    /**
     * The signature of exactly the bytes read, made at {@code created}; refused, before anything is
     * made, when the bytes are a list whose timestamp is after {@code created}.
     *
     * @throws java.io.UncheckedIOException when the file could not be read to its end
     * @throws SignatureBeforeListException when the signature would predate the list
     */
    public byte[] signWith(SigningKey key, Instant created) {
        byte[] bytes = digest.data();
        SignatureBeforeListException.requireNotBefore(bytes, listTimestamp.join(), created);
        return key.signDetached(bytes, created, digest);
    }
}
