package org.starttlslist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.model.Fingerprint;
import org.starttlslist.model.ListTimes;
import org.starttlslist.signing.DetachedSignatures;
import org.starttlslist.signing.GnuPgSigner;
import org.starttlslist.signing.ListToSign;
import org.starttlslist.signing.SignatureBeforeListException;
import org.starttlslist.signing.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = {
            "Write FILE.asc: a detached, ASCII-armoured, SHA-512 OpenPGP signature of FILE's exact bytes.",
            "Signs in-process with --key, or hands the signing to the installed gpg with --with-gpg --local-user.",
            "An existing FILE.asc is kept: --append adds this signature to it (k of n maintainers), --force replaces it."
        })
final class SignCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Mixin PassphraseOptions passphrase;

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "The file to sign (e.g. policy.json).")
    Path file;

    @Option(
            names = "--key",
            paramLabel = "SECRET.asc",
            description =
                    "Armoured secret key file (from keygen or gpg --export-secret-keys --armor).")
    Path key;

    @Option(
            names = "--with-gpg",
            description = "Sign with the installed gpg (key in gpg-agent or on a token).")
    boolean withGpg;

    @Option(
            names = "--local-user",
            paramLabel = "FINGERPRINT",
            description = "With --with-gpg: the fingerprint of the key to sign with.")
    String localUser;

    @Option(
            names = "--gpg-homedir",
            paramLabel = "DIR",
            description =
                    "With --with-gpg: GnuPG home directory (default: $GNUPGHOME or ~/.gnupg).")
    Path gpgHome;

    @Option(
            names = "--append",
            description = "Add this signature to an existing FILE.asc (each key signs once).")
    boolean append;

    @Option(
            names = "--force",
            description = "Replace an existing FILE.asc (its signatures are lost).")
    boolean force;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return sign(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * The command, once its fields are set: by picocli ({@link #call}) or by {@link PlainSignLine},
     * which reads a plain sign command line without building picocli's model.
     */
    int sign(PrintWriter out, PrintWriter err) throws IOException {
        Path data = resolve(file);
        Path signatureFile = data.resolveSibling(data.getFileName() + ".asc");
        byte[] signature;
        String signer;
        Instant created;
        if (append && force) {
            throw new UsageException("give either --append or --force, not both");
        }
        Optional<byte[]> existing = readExisting(signatureFile);
        if (existing.isPresent() && !append && !force) {
            throw new SignatureExistsException(signatureFile);
        }
        if (existing.isEmpty() && append) {
            throw new CouldNotCompleteException(
                    "cannot append to "
                            + signatureFile
                            + ": no such file; sign without --append first");
        }
        if (withGpg) {
            if (key != null) {
                throw new UsageException("give either --key or --with-gpg, not both");
            }
            if (localUser == null) {
                throw new UsageException(
                        "--with-gpg needs --local-user FINGERPRINT (the full 40-digit fingerprint)");
            }
            Fingerprint fingerprint = FingerprintArgument.parse("--local-user", localUser);
            byte[] bytes = readData(data);
            Optional<Instant> at = now.given() ? Optional.of(now.instant()) : Optional.empty();
            SignatureBeforeListException.requireNotBefore(bytes, now.instant());
            signature =
                    new GnuPgSigner(
                                    fingerprint.hex(),
                                    Optional.ofNullable(gpgHome).map(this::resolve))
                            .signDetached(data, at);
            signer = fingerprint + " (via gpg)";
            created = at.orElse(null);
        } else {
            if (key == null) {
                throw new UsageException(
                        "pass --key SECRET.asc, or --with-gpg --local-user FINGERPRINT");
            }
            if (localUser != null || gpgHome != null) {
                throw new UsageException("--local-user and --gpg-homedir go with --with-gpg");
            }
            Path keyFile = resolve(key);
            warnIfOthersCanRead(keyFile, err);
            created = now.instant();
            // Read, hashed and checked on the second core while the key is unlocked below.
            ListToSign list = startReading(data);
            char[] secret = passphrase.read("Passphrase for " + keyFile, false);
            try {
                SigningKey signingKey = SigningKey.load(keyFile, secret);
                signer =
                        signingKey.signingFingerprint(created)
                                + (signingKey
                                                .signingFingerprint(created)
                                                .equals(signingKey.primaryFingerprint())
                                        ? ""
                                        : " (subkey of " + signingKey.primaryFingerprint() + ")");
                signature = signWith(list, signingKey, created, data);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        if (append) {
            // Refuses a key that already signed, before anything is written.
            signature = DetachedSignatures.append(existing.get(), signature);
        }
        AtomicFiles.write(signatureFile, signature);
        out.println(
                "signed "
                        + data
                        + " with key "
                        + signer
                        + (created == null ? "" : " at " + ListTimes.format(created)));
        out.println(
                (append ? "appended to " : "wrote ")
                        + signatureFile
                        + (append
                                ? " (now "
                                        + DetachedSignatures.issuers(signature).size()
                                        + " signatures)"
                                : ""));
        out.flush();
        return ExitCodes.OK;
    }

    private static Optional<byte[]> readExisting(Path signatureFile) {
        try {
            return Optional.of(Files.readAllBytes(signatureFile));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + signatureFile + ": " + e);
        }
    }

    private Path resolve(Path path) {
        return root.directory == null ? path : root.directory.resolve(path);
    }

    private static ListToSign startReading(Path data) {
        try {
            return ListToSign.start(data);
        } catch (NoSuchFileException e) {
            throw new CouldNotCompleteException("cannot sign " + data + ": no such file");
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + data + ": " + e);
        }
    }

    private static byte[] signWith(ListToSign list, SigningKey key, Instant created, Path data) {
        try {
            return list.signWith(key, created);
        } catch (java.io.UncheckedIOException e) {
            throw new CouldNotCompleteException("cannot read " + data + ": " + e.getCause());
        }
    }

    private static byte[] readData(Path data) {
        try {
            return Files.readAllBytes(data);
        } catch (NoSuchFileException e) {
            throw new CouldNotCompleteException("cannot sign " + data + ": no such file");
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + data + ": " + e);
        }
    }

    /** As ssh does for private keys: a secret key others can read is no longer secret. */
    private static void warnIfOthersCanRead(Path keyFile, PrintWriter err) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                err.println(
                        "sign: warning: secret key "
                                + keyFile
                                + " is readable by "
                                + (permissions.contains(PosixFilePermission.OTHERS_READ)
                                        ? "others"
                                        : "its group")
                                + "; run chmod 600 "
                                + keyFile);
                err.flush();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Missing file: loading reports it. Not POSIX: nothing to check.
        }
    }
}
