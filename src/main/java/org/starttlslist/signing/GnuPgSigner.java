package org.starttlslist.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * Signing handed to the installed {@code gpg}, for keys that live in gpg-agent or on a hardware
 * token and cannot be exported. It asks gpg for the same kind of signature we make ourselves:
 * detached, armoured, SHA-512, binary document. gpg may ask for the passphrase through its own
 * pinentry; we never see it.
 */
public final class GnuPgSigner {
    private final String localUser;
    private final Optional<Path> homeDirectory;

    /**
     * @param localUser the fingerprint of the key to sign with (gpg chooses its signing subkey)
     * @param homeDirectory a GnuPG home other than the default ({@code $GNUPGHOME} or ~/.gnupg)
     */
    public GnuPgSigner(String localUser, Optional<Path> homeDirectory) {
        this.localUser = localUser;
        this.homeDirectory = homeDirectory;
    }

    /**
     * The armoured detached signature gpg makes of {@code file}.
     *
     * @param creationTime when present, gpg runs with this as its (frozen) clock, so the signature
     *     carries it
     * @throws CouldNotCompleteException when gpg is missing or fails (its last message included)
     */
    public byte[] signDetached(Path file, Optional<Instant> creationTime) {
        List<String> command = new ArrayList<>(List.of("gpg"));
        homeDirectory.ifPresent(home -> command.addAll(List.of("--homedir", home.toString())));
        creationTime.ifPresent(
                t -> command.addAll(List.of("--faked-system-time", t.getEpochSecond() + "!")));
        command.addAll(
                List.of(
                        "--detach-sign",
                        "--armor",
                        "--digest-algo",
                        "SHA512",
                        "--local-user",
                        localUser,
                        "--output",
                        "-",
                        "--",
                        file.toString()));
        Process process;
        try {
            process =
                    new ProcessBuilder(command)
                            .redirectInput(ProcessBuilder.Redirect.INHERIT)
                            .start();
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot run gpg (is GnuPG installed?): " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> stdout =
                CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr =
                CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new CouldNotCompleteException("interrupted while gpg was signing", e);
        }
        byte[] signature = stdout.join();
        String messages = new String(stderr.join(), StandardCharsets.UTF_8).strip();
        if (exit != 0 || signature.length == 0) {
            String last =
                    messages.isEmpty()
                            ? "no message"
                            : messages.lines().reduce((a, b) -> b).orElse("");
            throw new CouldNotCompleteException(
                    "gpg could not sign with --local-user "
                            + localUser
                            + " (exit "
                            + exit
                            + "): "
                            + last);
        }
        return signature;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
