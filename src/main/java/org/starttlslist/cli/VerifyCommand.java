package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.files.BoundedFiles;
import org.starttlslist.model.ListTimes;
import org.starttlslist.verify.InputCaps;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;
import org.starttlslist.verify.SignatureMissingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description =
                "Verify a signed list against pinned keys: signature, threshold, signature policy, schema,"
                        + " expiry and (with --previous) rollback. Prints who signed it, when, and how long it stays valid.")
final class VerifyCommand implements Callable<Integer>, JsonOutput.Formatted {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Parameters(index = "0", paramLabel = "FILE", description = "The list (e.g. policy.json).")
    Path file;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "SIG",
            description = "Its detached signature (default: FILE.asc).")
    Path signatureFile;

    @Option(
            names = "--keys",
            required = true,
            split = ",",
            paramLabel = "PINNED.asc",
            description =
                    "The pinned public key files (comma-separated); only these keys are trusted.")
    List<Path> keys;

    @Option(
            names = "--previous",
            paramLabel = "OLD",
            description = "The last list you accepted: refuse anything older.")
    Path previous;

    @Option(
            names = "--threshold",
            paramLabel = "K",
            defaultValue = "1",
            description =
                    "Signatures required from distinct pinned keys (default: ${DEFAULT-VALUE}).")
    int threshold;

    @Option(
            names = "--skew",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description =
                    "Allowed clock difference for signature and list times (default: ${DEFAULT-VALUE}).")
    long skewSeconds;

    @Mixin InputCapOptions caps;

    @Mixin OutputFormatOption format;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public boolean json() {
        return format.json();
    }

    @Override
    public Optional<Path> subject() {
        return Optional.ofNullable(file).map(this::resolve);
    }

    @Override
    public Integer call() {
        return JsonOutput.run(spec, this, this::verify);
    }

    private int verify() {
        if (threshold < 1) {
            throw new UsageException(
                    "--threshold " + threshold + ": at least one signature is always required");
        }
        if (skewSeconds < 0 || skewSeconds > ListVerifier.MAX_SKEW.toSeconds()) {
            throw new UsageException(
                    "--skew "
                            + skewSeconds
                            + ": give the allowed clock difference in seconds, from 0 to "
                            + ListVerifier.MAX_SKEW.toSeconds());
        }
        InputCaps limits = caps.caps();
        Path list = resolve(file);
        // The list is read on the second core while this one loads the pinned keys (a third of a
        // second of BouncyCastle on a cold JVM, the first core's alone): reading is not parsing,
        // and a failure to read is still reported after the keys' own.
        CompletableFuture<byte[]> listRead =
                CompletableFuture.supplyAsync(
                        () ->
                                BoundedFiles.read(
                                        list, limits.listBytes(), "the list", "--max-list-bytes"));
        PinnedKeys pinned = caps.loadKeys(keys.stream().map(this::resolve).toList());
        Path signature =
                signatureFile == null
                        ? list.resolveSibling(list.getFileName() + ".asc")
                        : resolve(signatureFile);
        byte[] listBytes = join(listRead);
        if (!Files.exists(signature)) {
            throw new SignatureMissingException(list, signature);
        }
        byte[] signatureBytes =
                BoundedFiles.read(
                        signature,
                        limits.signatureBytes(),
                        "the signature",
                        "--max-signature-bytes");
        Instant reference = now.instant(); // already whole seconds (NowOption)
        ListVerifier.Options options =
                caps.verification(pinned, reference)
                        .withThreshold(threshold)
                        .withSkew(Duration.ofSeconds(skewSeconds));
        if (previous != null) {
            options =
                    options.withPrevious(
                            BoundedFiles.read(
                                    resolve(previous),
                                    limits.listBytes(),
                                    "the previous list",
                                    "--max-list-bytes"));
        }
        // Only the counts are shown: the list is checked in full but no model of it is built.
        ListVerifier.VerifiedSummary verified;
        try {
            verified = ListVerifier.verifySummary(listBytes, signatureBytes, options);
        } catch (RejectedException e) {
            // Name the file: the verifier works on bytes and does not know it.
            throw new RejectedException(list + ": " + e.getMessage(), e);
        }
        if (format.json()) {
            JsonOutput.print(
                    spec.commandLine().getOut(),
                    json(list, signature, verified, reference, pinned));
        } else {
            print(list, verified, reference, pinned);
        }
        return ExitCodes.OK;
    }

    /** The read's own failure, as if it had run on this thread. */
    private static byte[] join(CompletableFuture<byte[]> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** During a key rotation this shows when a pinned key stopped signing, so it can be dropped. */
    private static List<String> unsigned(ListVerifier.VerifiedSummary verified, PinnedKeys pinned) {
        return pinned.primaryFingerprints().stream()
                .filter(fingerprint -> !verified.signerFingerprints().contains(fingerprint))
                .distinct()
                .toList();
    }

    private static ObjectNode json(
            Path list,
            Path signature,
            ListVerifier.VerifiedSummary verified,
            Instant reference,
            PinnedKeys pinned) {
        ObjectNode root = JsonOutput.document("verify", ExitCodes.OK);
        root.put("now", JsonOutput.instant(reference));
        root.put("file", list.toString());
        root.put("signature-file", signature.toString());
        root.put("unchanged-from-previous", verified.unchangedFromPrevious());
        JsonOutput.strings(root, "signed-by", verified.signerFingerprints());
        JsonOutput.strings(root, "not-signed", unsigned(verified, pinned));
        root.put("signed-at", JsonOutput.instant(verified.signatureTime()));
        root.put("timestamp", JsonOutput.instant(verified.summary().timestamp()));
        root.put("expires", JsonOutput.instant(verified.summary().expires()));
        root.put(
                "seconds-left",
                Duration.between(reference, verified.summary().expires()).toSeconds());
        ObjectNode domains = root.putObject("domains");
        domains.put("total", verified.summary().domains());
        domains.put("enforce", verified.summary().enforce());
        domains.put("testing", verified.summary().testing());
        return root;
    }

    private void print(
            Path list,
            ListVerifier.VerifiedSummary verified,
            Instant reference,
            PinnedKeys pinned) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                "good list:  "
                        + list
                        + (verified.unchangedFromPrevious()
                                ? " (unchanged from the previous list)"
                                : ""));
        out.println("signed by:  " + String.join(", ", verified.signerFingerprints()));
        List<String> unsigned = unsigned(verified, pinned);
        out.println(
                "not signed: "
                        + (unsigned.isEmpty()
                                ? "(every pinned key signed)"
                                : String.join(", ", unsigned)));
        out.println("signed at:  " + ListTimes.format(verified.signatureTime()));
        out.println("timestamp:  " + ListTimes.format(verified.summary().timestamp()));
        out.println(
                "expires:    "
                        + ListTimes.format(verified.summary().expires())
                        + " ("
                        + describe(Duration.between(reference, verified.summary().expires()))
                        + " left)");
        out.println("domains:    " + verified.summary().domains());
        out.flush();
    }

    static String describe(Duration left) {
        long days = left.toDays();
        long hours = left.toHoursPart();
        long minutes = left.toMinutesPart();
        if (days > 0) {
            return days
                    + (days == 1 ? " day " : " days ")
                    + hours
                    + (hours == 1 ? " hour" : " hours");
        }
        if (hours > 0) {
            return hours
                    + (hours == 1 ? " hour " : " hours ")
                    + minutes
                    + (minutes == 1 ? " minute" : " minutes");
        }
        return Math.max(minutes, 0) + (minutes == 1 ? " minute" : " minutes");
    }

    private Path resolve(Path path) {
        return root.directory == null ? path : root.directory.resolve(path);
    }
}
