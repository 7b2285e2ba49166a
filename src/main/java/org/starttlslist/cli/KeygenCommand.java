package org.starttlslist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.signing.GeneratedKey;
import org.starttlslist.signing.KeyGenerator;
import org.starttlslist.signing.KeyMaintenance;
import org.starttlslist.signing.KeySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Make a maintainer key pair: a v4 OpenPGP key (Ed25519 unless --rsa 4096) that GnuPG reads.",
            "Writes DIR/secret-key.asc (passphrase-protected, mode 0600), DIR/public-key.asc and",
            "DIR/revocation-certificate.asc (mode 0600; publishing it revokes the key), and prints the fingerprint.",
            "The key expires after --valid-days (default 730, two years); 'key extend' pushes that out."
        })
final class KeygenCommand implements Callable<Integer> {
    static final String SECRET_FILE = "secret-key.asc";
    static final String PUBLIC_FILE = "public-key.asc";
    static final String REVOCATION_FILE = "revocation-certificate.asc";
    static final int DEFAULT_VALID_DAYS = 730;

    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Mixin PassphraseOptions passphrase;

    @Option(
            names = "--uid",
            required = true,
            paramLabel = "\"NAME <EMAIL>\"",
            description = "The key's user id.")
    String userId;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Directory to write the two key files to.")
    Path out;

    @Option(
            names = "--rsa",
            paramLabel = "BITS",
            description = "Make an RSA key instead of Ed25519; only 4096 is offered.")
    Integer rsaBits;

    @Option(
            names = "--valid-days",
            paramLabel = "DAYS",
            defaultValue = "" + DEFAULT_VALID_DAYS,
            description =
                    "Days until the key expires (default ${DEFAULT-VALUE}: two years); 'key extend' renews it.")
    int validDays;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (rsaBits != null && rsaBits != 4096) {
            throw new UsageException(
                    "--rsa "
                            + rsaBits
                            + ": only --rsa 4096 is offered (or leave it out for Ed25519)");
        }
        if (!userId.matches(".*\\S.*<[^<>@\\s]+@[^<>@\\s]+>\\s*")) {
            throw new UsageException(
                    "--uid '" + userId + "' must look like \"Name <email@example.org>\"");
        }
        Path directory = root.directory == null ? out : root.directory.resolve(out);
        Path secretFile = directory.resolve(SECRET_FILE);
        Path publicFile = directory.resolve(PUBLIC_FILE);
        Path revocationFile = directory.resolve(REVOCATION_FILE);
        if (validDays < 1 || validDays > 3650) {
            throw new UsageException(
                    "--valid-days "
                            + validDays
                            + ": give 1 to 3650 days (a key that never expires is not offered)");
        }
        for (Path file : new Path[] {secretFile, publicFile, revocationFile}) {
            if (Files.exists(file)) {
                throw new OutputExistsException(file);
            }
        }
        char[] secret = passphrase.read("Passphrase for the new key", true);
        try {
            if (secret.length == 0) {
                throw new UsageException(
                        "the passphrase is empty; an unprotected secret key is not offered");
            }
            KeySpec keySpec =
                    KeySpec.ed25519(userId.strip(), now.instant())
                            .withValidity(java.time.Duration.ofDays(validDays));
            if (rsaBits != null) {
                keySpec = keySpec.withAlgorithm(KeySpec.KeyAlgorithm.RSA_4096);
            }
            GeneratedKey key = KeyGenerator.generate(keySpec, secret);
            AtomicFiles.write(
                    secretFile,
                    key.armoredSecretKey(),
                    PosixFilePermissions.fromString("rw-------"));
            AtomicFiles.write(
                    publicFile,
                    key.armoredPublicKey(),
                    PosixFilePermissions.fromString("rw-r--r--"));
            byte[] revocation =
                    KeyMaintenance.revocationCertificate(
                            key.armoredSecretKey(), secret, now.instant(), secretFile.toString());
            AtomicFiles.write(
                    revocationFile, revocation, PosixFilePermissions.fromString("rw-------"));
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println("fingerprint: " + key.fingerprint());
            stdout.println(
                    "secret key:  " + secretFile + " (mode 0600; keep it private and backed up)");
            stdout.println(
                    "public key:  "
                            + publicFile
                            + " (copy it to release/keys/ and the fingerprint to release/config.json)");
            stdout.println(
                    "expires:     "
                            + org.starttlslist.model.ListTimes.format(
                                    now.instant().plus(java.time.Duration.ofDays(validDays)))
                            + " (renew before then with 'starttls-list key extend')");
            stdout.println(
                    "revocation:  "
                            + revocationFile
                            + " (mode 0600; store it apart from the secret key; SECURITY.md says when to publish it)");
            stdout.flush();
            return ExitCodes.OK;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
