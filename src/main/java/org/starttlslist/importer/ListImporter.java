package org.starttlslist.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.starttlslist.build.CanonicalSourceWriter;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.files.FileTrees;
import org.starttlslist.json.Json;
import org.starttlslist.json.NotJsonException;
import org.starttlslist.listfile.MalformedListException;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports a published list into a repository's {@code policies/}.
 *
 * <p>All or nothing: the new {@code policies/} is assembled in a staging directory beside it (a
 * copy of the current one plus the imported files), then swapped in with two renames. A failure
 * before the swap removes the staging directory and leaves the repository as it was.
 */
public final class ListImporter {
    /** Writes one staged file; tests replace it to inject a failure midway. */
    @FunctionalInterface
    interface StagedWriter {
        void write(Path file, byte[] bytes) throws IOException;
    }

    /**
     * What an import did.
     *
     * @param list the list as read (names normalised)
     * @param changes every normalisation, in list order
     * @param written the source files written, relative to the repository, sorted
     * @param danglingAliases domains that refer to an alias the list does not define
     */
    public record Report(
            PolicyList list,
            List<Normalisation> changes,
            List<String> written,
            SortedMap<String, String> danglingAliases) {}

    private final StagedWriter writer;

    public ListImporter() {
        this(AtomicFiles::write);
    }

    ListImporter(StagedWriter writer) {
        this.writer = writer;
    }

    /**
     * Imports {@code listBytes} into {@code repository}.
     *
     * @param contact written into every domain file; empty leaves {@code "contact": ""} for
     *     validate to report
     * @param force overwrite source files that already exist
     * @throws MalformedListException when the bytes are not a policy list
     * @throws ImportRefusedException when a name cannot be a source file, or files exist without
     *     {@code force}
     */
    public Report run(
            byte[] listBytes, ListRepository repository, Optional<String> contact, boolean force) {
        JsonNode raw;
        try {
            raw = Json.readStrict(listBytes);
        } catch (NotJsonException e) {
            throw new MalformedListException(
                    "",
                    "line " + e.line() + ", column " + e.column() + ": the list " + e.getMessage());
        }
        if (!(raw instanceof ObjectNode object)) {
            throw new MalformedListException("", "the list must be a JSON object");
        }
        ListNormaliser normaliser = new ListNormaliser();
        PolicyList list = PolicyListParser.parse(normaliser.normalise(object));
        List<Normalisation> changes = new ArrayList<>();
        changes.add(dateNote(object, "timestamp", list.timestamp()));
        changes.add(dateNote(object, "expires", list.expires()));
        changes.addAll(normaliser.changes());

        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, InlinePolicy> alias : list.aliases().entrySet()) {
            files.put(
                    "policies/aliases/" + alias.getKey() + ".json",
                    CanonicalSourceWriter.alias(alias.getValue()));
        }
        SortedMap<String, String> dangling = new TreeMap<>();
        for (Map.Entry<String, Policy> domain : list.policies().entrySet()) {
            if (domain.getValue() instanceof AliasReference reference
                    && !list.aliases().containsKey(reference.alias())) {
                dangling.put(domain.getKey(), reference.alias());
            }
            files.put(
                    "policies/" + domain.getKey() + ".json",
                    CanonicalSourceWriter.domain(
                            contact.orElse(""), Optional.empty(), domain.getValue()));
        }
        if (!force) {
            List<String> existing =
                    files.keySet().stream()
                            .filter(relative -> Files.exists(repository.root().resolve(relative)))
                            .toList();
            if (!existing.isEmpty()) {
                throw new ImportRefusedException(
                        existing.size()
                                + " source "
                                + (existing.size() == 1 ? "file" : "files")
                                + " already exist ("
                                + String.join(
                                        ", ", existing.subList(0, Math.min(5, existing.size())))
                                + (existing.size() > 5 ? ", …" : "")
                                + "); nothing was written. Use --force to overwrite them",
                        existing);
            }
        }
        install(repository, files);
        return new Report(list, List.copyOf(changes), List.copyOf(files.keySet()), dangling);
    }

    /**
     * Dates are not imported (a build sets its own), but the user sees how each was read, since the
     * predecessor wrote several forms.
     */
    private static Normalisation dateNote(ObjectNode raw, String field, Instant instant) {
        JsonNode node = raw.get(field);
        String written = node.isString() ? "'" + node.stringValue() + "'" : node.toString();
        return new Normalisation(
                "/" + field,
                field
                        + " "
                        + written
                        + " read as "
                        + instant
                        + " (not imported: build sets its own)");
    }

    private void install(ListRepository repository, SortedMap<String, byte[]> files) {
        Path root = repository.root();
        Path policies = repository.policiesDir();
        requireOnlyFilesAndDirectories(repository);
        Path staging;
        try {
            Files.createDirectories(root);
            staging = Files.createTempDirectory(root, ".import-");
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot create a staging directory in " + root + ": " + e.getMessage(), e);
        }
        try {
            Path stagedPolicies = staging.resolve("policies");
            if (Files.isDirectory(policies)) {
                copyTree(policies, stagedPolicies);
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                writer.write(staging.resolve(file.getKey()), file.getValue());
            }
            swap(policies, stagedPolicies, staging.resolve("previous-policies"));
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "import failed, nothing was changed: " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * The existing {@code policies/} is copied into the new one, so anything in it that is not a
     * plain file or directory is refused before a staging directory exists: a symbolic link would
     * be replaced by a copy of its target (possibly from outside the repository), and a FIFO would
     * block the copy forever.
     */
    private static void requireOnlyFilesAndDirectories(ListRepository repository) {
        Path policies = repository.policiesDir();
        if (!Files.exists(policies, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> odd = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(policies)) {
            for (Path path : walk.toList()) {
                BasicFileAttributes attributes =
                        Files.readAttributes(
                                path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) {
                    odd.add(repository.display(path) + " (a symbolic link)");
                } else if (!attributes.isDirectory() && !attributes.isRegularFile()) {
                    odd.add(repository.display(path) + " (not a regular file)");
                }
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot list " + repository.display(policies) + ": " + e.getMessage(), e);
        }
        if (!odd.isEmpty()) {
            throw new ImportRefusedException(
                    String.join(", ", odd.subList(0, Math.min(5, odd.size())))
                            + (odd.size() > 5 ? ", …" : "")
                            + ": import never follows links or opens FIFOs in policies/;"
                            + " replace each with the file itself or remove it. Nothing was written",
                    odd);
        }
    }

    /**
     * Replaces {@code current} by {@code replacement} with two renames, undoing the first if the
     * second fails.
     */
    private static void swap(Path current, Path replacement, Path previous) throws IOException {
        boolean hadCurrent = Files.exists(current);
        if (hadCurrent) {
            Files.move(current, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(replacement, current, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (hadCurrent) {
                Files.move(previous, current, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        AtomicFiles.syncDirectory(current.getParent());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot remove the staging directory "
                            + root
                            + ": "
                            + e.getMessage()
                            + "; delete it by hand",
                    e);
        }
    }
}
