package org.starttlslist.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.listfile.MalformedListException;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.HostNames;
import org.starttlslist.model.Mode;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;
import org.starttlslist.verify.ListVerifier;

/**
 * Reads an installed list, checks it, and writes one MTA's configuration atomically.
 *
 * <ol>
 *   <li>Read the exact bytes of the list (and, with pinned keys, of its {@code .asc}).
 *   <li>Parse; a list that cannot be read is refused and nothing is written.
 *   <li>With pinned keys, run the one verification checklist ({@link ListVerifier}).
 *   <li>Expiry is checked always: an expired list gives the MTA's fallback file (opportunistic
 *       TLS) and {@link Outcome.Expired}, so the caller can alert the operator.
 *   <li>Every domain is a canonical name and every alias reference resolves.
 *   <li>Generate and write atomically.
 * </ol>
 */
public final class ListExporter {
    /** How far a consumer's clock may lag the maintainer's (signature time and list timestamp). */
    public static final Duration SKEW = ListVerifier.DEFAULT_SKEW;
    /** Within this time of expiry the outcome carries a warning: the mirror should have refreshed. */
    public static final Duration EXPIRY_WARNING = Duration.ofHours(48);

    /** What to export and how. {@code pinnedKeys} empty means: no signature check. */
    public record Request(Path listFile, Path signatureFile, List<Path> pinnedKeys, Instant now, Path out) {
        public Request {
            pinnedKeys = List.copyOf(pinnedKeys);
        }
    }

    public sealed interface Outcome permits Outcome.Written, Outcome.Expired {
        Path out();

        /** A real table was written from a list valid at {@code now}. */
        record Written(Path out, PolicyList list, boolean signatureChecked, long enforce, long testing,
                Optional<Duration> expiresSoon) implements Outcome {}

        /** The list had expired: the fallback file was written instead. */
        record Expired(Path out, Path listFile, Instant expiredAt) implements Outcome {}
    }

    private final MtaConfigGenerator generator;

    public ListExporter(MtaConfigGenerator generator) {
        this.generator = generator;
    }

    public Outcome export(Request request) {
        // 1. The exact bytes.
        byte[] listBytes = read(request.listFile(), "the policy list");
        byte[] signature = request.pinnedKeys().isEmpty() ? null
                : read(request.signatureFile(), "the list's signature (pass the file beside the list, or omit --keys)");
        // 2. Parse, to learn the expiry even when the signature is checked next.
        PolicyList list;
        try {
            list = PolicyListParser.parse(listBytes);
        } catch (MalformedListException e) {
            throw new UnusableListException(request.listFile(), e.pointer().isEmpty() ? "/" : e.pointer(),
                    "not a policy list: " + e.getMessage());
        }
        boolean expired = !list.expires().isAfter(request.now());
        // 3. Signature. An expired list is checked as of just before it expired: "was this an
        //    authentic list?" — so a forged, expired file cannot switch enforcement off either.
        if (signature != null) {
            Instant reference = expired ? list.expires().minusSeconds(1) : request.now();
            ListVerifier.Verified verified = ListVerifier.verify(listBytes, signature, new ListVerifier.Options(
                    request.pinnedKeys(), reference, 1, SKEW, Optional.empty()));
            list = verified.list();
        }
        // 4. Expiry, always.
        if (expired) {
            write(request.out(), generator.expiredFallback());
            return new Outcome.Expired(request.out(), request.listFile(), list.expires());
        }
        // 5. What the generators rely on.
        requireUsable(list, request.listFile());
        // 6. Write.
        write(request.out(), generator.generate(list));
        Duration left = Duration.between(request.now(), list.expires());
        return new Outcome.Written(request.out(), list, signature != null, list.count(Mode.ENFORCE), list.count(Mode.TESTING),
                left.compareTo(EXPIRY_WARNING) < 0 ? Optional.of(left) : Optional.empty());
    }

    private static void requireUsable(PolicyList list, Path file) {
        for (Map.Entry<String, Policy> entry : list.policies().entrySet()) {
            String pointer = "/policies/" + entry.getKey();
            Optional<String> problem = HostNames.problem(entry.getKey());
            if (problem.isPresent()) {
                throw new UnusableListException(file, pointer, "the domain '" + entry.getKey() + "' " + problem.get()
                        + " (a leading dot would make Postfix apply the policy to every subdomain)");
            }
            if (entry.getValue() instanceof AliasReference reference && !list.aliases().containsKey(reference.alias())) {
                throw new UnusableListException(file, pointer + "/policy-alias",
                        "refers to the alias '" + reference.alias() + "', which /policy-aliases does not define");
            }
        }
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CouldNotCompleteException("cannot read " + what + ": " + file + " does not exist");
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path out, byte[] bytes) {
        try {
            // Readable by all, like the list it comes from; postmap and Postfix run as other users.
            AtomicFiles.write(out, bytes, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
