package org.starttlslist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.model.ListTimes;
import org.starttlslist.signing.GeneratedKey;
import org.starttlslist.signing.KeyMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "extend",
        mixinStandardHelpOptions = true,
        description = {
            "Push out a key's expiry: a new self-signature that makes it valid until now + --valid-days.",
            "Rewrites the secret key file in place (mode 0600) and writes the public key to --public-key;",
            "copy that to release/keys/FINGERPRINT.asc and commit it, so mirrors see the new expiry."
        })
final class KeyExtendCommand implements Callable<Integer> {
    @ParentCommand KeyCommand parent;

    @Mixin NowOption now;

    @Mixin PassphraseOptions passphrase;

    @Option(
            names = "--key",
            required = true,
            paramLabel = "SECRET.asc",
            description = "The secret key file (from keygen).")
    Path key;

    @Option(
            names = "--public-key",
            paramLabel = "FILE",
            description =
                    "Where to write the extended public key (default: public-key.asc beside the secret key).")
    Path publicKey;

    @Option(
            names = "--valid-days",
            paramLabel = "DAYS",
            defaultValue = "" + KeygenCommand.DEFAULT_VALID_DAYS,
            description = "Days from now until the key expires (default ${DEFAULT-VALUE}).")
    int validDays;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (validDays < 1 || validDays > 3650) {
            throw new UsageException("--valid-days " + validDays + ": give 1 to 3650 days");
        }
        RootCommand root = (RootCommand) spec.parent().parent().userObject();
        Path keyFile = root.directory == null ? key : root.directory.resolve(key);
        Path publicFile =
                publicKey == null
                        ? keyFile.resolveSibling(KeygenCommand.PUBLIC_FILE)
                        : root.directory == null ? publicKey : root.directory.resolve(publicKey);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read key file " + keyFile + ": " + e.getMessage(), e);
        }
        Instant at = now.instant();
        Instant expires = at.plus(Duration.ofDays(validDays));
        char[] secret = passphrase.read("Passphrase for " + keyFile, false);
        try {
            GeneratedKey extended =
                    KeyMaintenance.extend(bytes, secret, at, expires, keyFile.toString());
            AtomicFiles.write(
                    keyFile,
                    extended.armoredSecretKey(),
                    PosixFilePermissions.fromString("rw-------"));
            AtomicFiles.write(
                    publicFile,
                    extended.armoredPublicKey(),
                    PosixFilePermissions.fromString("rw-r--r--"));
            PrintWriter out = spec.commandLine().getOut();
            out.println(
                    "key " + extended.fingerprint() + " now expires " + ListTimes.format(expires));
            out.println("secret key: " + keyFile + " (rewritten, mode 0600)");
            out.println(
                    "public key: "
                            + publicFile
                            + " (copy it to release/keys/"
                            + extended.fingerprint()
                            + ".asc and commit)");
            out.flush();
            return ExitCodes.OK;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
