package org.starttlslist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run for the launchers' class-data-sharing archive: the hot commands (import,
 * validate, build, keygen, sign, verify, mirror, export postfix) run once, in-process, on a small
 * list in a scratch directory, so that {@code -XX:DumpLoadedClassList} names every class they load
 * and the archive holds them all, BouncyCastle's for sign and verify included.
 *
 * <p>Why a run of its own: the archive once held only what {@code --version} and {@code validate}
 * load, so sign and verify still parsed and verified ~1,000 classes on every start. Nothing here
 * leaves the scratch directory: no network, no GnuPG, no git, no file of the user's.
 */
public final class CdsTraining {
    /** Domains in the training list: enough for the batched and parallel paths to run. */
    static final int DOMAINS = 600;

    private static final String NOW = "2026-01-02T00:00:00Z";

    private CdsTraining() {}

    /** {@code java -cp starttls-list.jar org.starttlslist.cli.CdsTraining SCRATCH-DIR} */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: CdsTraining SCRATCH-DIR (an empty or missing directory)");
            System.exit(ExitCodes.USAGE);
        }
        List<String> failed = run(Path.of(args[0]));
        for (String step : failed) {
            System.err.println("cds training: " + step + " did not succeed");
        }
        System.exit(failed.isEmpty() ? ExitCodes.OK : ExitCodes.COULD_NOT_COMPLETE);
    }

    /** Runs every step in {@code scratch}; answers the steps that did not exit 0. */
    static List<String> run(Path scratch) {
        Path repo = scratch.resolve("repo");
        Path list = scratch.resolve("policy.json");
        Path keys = scratch.resolve("keys");
        Path passphrase = scratch.resolve("passphrase");
        Path installed = scratch.resolve("installed");
        try {
            Files.createDirectories(repo.resolve("release"));
            Files.writeString(scratch.resolve("seed.json"), seedList(DOMAINS));
            Files.writeString(repo.resolve("release/config.json"), CONFIG);
            Files.writeString(passphrase, "training passphrase\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dir = repo.toString();
        String[][] steps = {
            {"-C", dir, "import", "../seed.json", "--contact", "postmaster@example.org"},
            {"-C", dir, "validate", "--now", NOW},
            {"-C", dir, "build", "--now", NOW, "--out", list.toString()},
            {
                "keygen",
                "--uid",
                "Training <training@example.org>",
                "--out",
                keys.toString(),
                "--passphrase-file",
                passphrase.toString(),
                "--now",
                NOW
            },
            {
                "sign",
                list.toString(),
                "--key",
                keys.resolve("secret-key.asc").toString(),
                "--passphrase-file",
                passphrase.toString(),
                "--now",
                NOW
            },
            {
                "verify",
                list.toString(),
                "--keys",
                keys.resolve("public-key.asc").toString(),
                "--now",
                NOW
            },
            {
                "mirror",
                "--from",
                scratch.toString(),
                "--keys",
                keys.resolve("public-key.asc").toString(),
                "--into",
                installed.toString(),
                "--now",
                NOW
            },
            {
                "export",
                "postfix",
                "--list",
                installed.toString(),
                "--keys",
                keys.resolve("public-key.asc").toString(),
                "--out",
                scratch.resolve("tls_policy").toString(),
                "--now",
                NOW
            },
        };
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        List<String> failed = new ArrayList<>();
        for (String[] step : steps) {
            if (Main.run(nowhere, nowhere, step) != ExitCodes.OK) {
                failed.add(String.join(" ", step));
            }
        }
        return failed;
    }

    /** A published list in the predecessor's form, for import: every kind of entry there is. */
    static String seedList(int domains) {
        StringBuilder json = new StringBuilder(64 * domains);
        json.append("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"expires\":\"2026-01-15T00:00:00Z\",")
                .append("\"version\":\"0.1\",\"author\":\"training\",\"pinsets\":{},")
                .append("\"policy-aliases\":{\"shared\":{\"mode\":\"testing\",")
                .append("\"mxs\":[\".mail.example.net\"]}},\"policies\":{")
                .append("\"example.net\":{\"policy-alias\":\"shared\"}");
        for (int i = 0; i < domains; i++) {
            json.append(",\"d")
                    .append(i)
                    .append(".example.org\":{\"mode\":\"")
                    .append(i % 4 == 0 ? "enforce" : "testing")
                    .append("\",\"mxs\":[\"mx")
                    .append(i)
                    .append(".example.org\",\".d")
                    .append(i)
                    .append(".example.org\"]}");
        }
        return json.append("}}\n").toString();
    }

    private static final String CONFIG =
            "{\"author\":\"training\",\"version\":\"0.1\",\"validity-days\":14,"
                    + "\"minimum-validity-days\":7,\"release-branch\":\"main\","
                    + "\"committer\":{\"name\":\"training\","
                    + "\"email\":\"training@example.org\"},\"maintainers\":[]}\n";
}
