package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway maintainer key in a temporary GNUPGHOME (never the user's), signing with the real
 * {@code gpg} at a fixed clock ({@code --faked-system-time}) so signature times are reproducible.
 * Signing with gpg also shows that what GnuPG users make, our verifier accepts.
 */
final class GpgTestKey {
    private final Path home;
    private final Path publicKey;
    private final String fingerprint;

    private GpgTestKey(Path home, Path publicKey, String fingerprint) {
        this.home = home;
        this.publicKey = publicKey;
        this.fingerprint = fingerprint;
    }

    static Path gpg() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path candidate = Path.of(dir, "gpg");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "skipped: gpg is not installed (CI installs it)");
        return null;
    }

    /** A new Ed25519 key created at {@code created}, its public key exported to {@code dir/name.asc}. */
    static GpgTestKey create(Path dir, String name, Instant created) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve(name + "-gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        run(home, created, "--quick-gen-key", name + " <" + name + "@mirror-test.invalid>", "ed25519", "sign", "never");
        String colons = run(home, created, "--with-colons", "--list-keys");
        String fingerprint = colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        Path publicKey = dir.resolve(name + ".asc");
        Files.writeString(publicKey, run(home, created, "--armor", "--export", fingerprint));
        return new GpgTestKey(home, publicKey, fingerprint);
    }

    Path publicKey() {
        return publicKey;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** An armoured, detached, SHA-512 signature over {@code data}, made at {@code at}. */
    byte[] sign(byte[] data, Instant at) throws IOException, InterruptedException {
        Path input = Files.createTempFile(home, "data", ".json");
        Files.write(input, data);
        Path output = input.resolveSibling(input.getFileName() + ".asc");
        run(home, at, "--armor", "--detach-sign", "--digest-algo", "SHA512", "--local-user", fingerprint,
                "--output", output.toString(), input.toString());
        byte[] signature = Files.readAllBytes(output);
        Files.delete(input);
        Files.delete(output);
        return signature;
    }

    private static String run(Path home, Instant at, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(gpg().toString(), "--homedir", home.toString(), "--batch",
                "--no-tty", "--pinentry-mode", "loopback", "--passphrase", "",
                "--faked-system-time", at.getEpochSecond() + "!"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GNUPGHOME", home.toString());
        Path errors = Files.createTempFile("gpg", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        String err = Files.readString(errors);
        Files.delete(errors);
        if (code != 0) {
            throw new IOException("gpg " + String.join(" ", args) + " failed (" + code + "): " + err);
        }
        return out;
    }
}
