package org.starttlslist.validate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.SourceFileCheck.Checked;
import org.starttlslist.validate.SourceSchemas.Kind;

/**
 * Checks a list repository's sources and loads them: every file under {@code policies/} and
 * {@code release/config.json} ({@link #validateAll}), the files named on the command line
 * ({@link #validate}), or those a change touched ({@link #validateChanged}).
 *
 * <p>Files are checked in parallel; each one is read at most {@link #MAX_FILE_BYTES} bytes far,
 * never through a symbolic link, so a hostile pull request costs a finding, not the machine.
 */
public final class Validator {
    /** A source file holds one small object; 64 KiB is hundreds of MX names. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private final ListRepository repository;
    private final LocalDate today;

    public Validator(ListRepository repository, Instant now) {
        this.repository = repository;
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** One file to check and which schema applies. */
    private record Item(Kind kind, Path file) {}

    /** Everything under {@code policies/} plus {@code release/config.json}. */
    public ValidationReport validateAll() {
        Path policies = repository.policiesDir();
        if (!Files.exists(policies, LinkOption.NOFOLLOW_LINKS) && !Files.exists(repository.configFile(), LinkOption.NOFOLLOW_LINKS)) {
            throw new CouldNotCompleteException(repository.root() + " is not a list repository: it has neither policies/ nor "
                    + "release/config.json; run in the repository or name it with -C DIR");
        }
        List<Finding> findings = new ArrayList<>();
        Map<Path, Item> items = new LinkedHashMap<>();
        items.put(repository.configFile(), new Item(Kind.CONFIG, repository.configFile()));
        if (refuseLink(policies, findings)) {
            scanDirectory(policies, Kind.DOMAIN, items, findings);
        }
        return check(items, findings);
    }

    /**
     * The named files and directories (relative to the repository root, or absolute inside it),
     * plus {@code release/config.json}.
     */
    public ValidationReport validate(List<Path> paths) {
        List<Finding> findings = new ArrayList<>();
        Map<Path, Item> items = new LinkedHashMap<>();
        items.put(repository.configFile(), new Item(Kind.CONFIG, repository.configFile()));
        for (Path given : paths) {
            Path path = repository.root().resolve(given).normalize();
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new CouldNotCompleteException("cannot read " + given + ": no such file");
            }
            addPath(path, items, findings);
        }
        return checkWithReferences(items, findings);
    }

    /**
     * The files a change touched (repository-relative paths, '/'-separated), plus the aliases the
     * changed domains refer to and {@code release/config.json}. Files that no longer exist are
     * fine, except a removed alias: the domains that used it can only be found by reading them
     * all, so that falls back to {@link #validateAll}.
     */
    public ValidationReport validateChanged(Collection<String> changedPaths) {
        List<Finding> findings = new ArrayList<>();
        Map<Path, Item> items = new LinkedHashMap<>();
        items.put(repository.configFile(), new Item(Kind.CONFIG, repository.configFile()));
        for (String relative : new TreeSet<>(changedPaths)) {
            Path path = repository.root().resolve(relative).normalize();
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                if (relative.startsWith("policies/aliases/")) {
                    return validateAll();
                }
                continue;
            }
            addPath(path, items, findings);
        }
        return checkWithReferences(items, findings);
    }

    // --- finding the files ---------------------------------------------------------------------

    private void addPath(Path path, Map<Path, Item> items, List<Finding> findings) {
        if (!path.startsWith(repository.root())) {
            findings.add(Finding.error("file.not-a-source", path.toString(), 1, 1, "",
                    "the file is outside the repository " + repository.root() + "; validate checks policies/ and release/config.json"));
            return;
        }
        Path relative = repository.root().relativize(path);
        Path prefix = repository.root();
        for (Path part : relative) {
            if (part.toString().isEmpty()) {
                continue;
            }
            prefix = prefix.resolve(part);
            if (!refuseLink(prefix, findings)) {
                return;
            }
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Kind kind = path.equals(repository.aliasesDir()) ? Kind.ALIAS : Kind.DOMAIN;
            if (path.equals(repository.policiesDir()) || path.equals(repository.aliasesDir())) {
                scanDirectory(path, kind, items, findings);
            } else if (path.equals(repository.root())) {
                if (refuseLink(repository.policiesDir(), findings) && Files.isDirectory(repository.policiesDir(), LinkOption.NOFOLLOW_LINKS)) {
                    scanDirectory(repository.policiesDir(), Kind.DOMAIN, items, findings);
                }
            } else if (path.startsWith(repository.policiesDir())) {
                stray(path, findings);
            } else {
                notASource(path, findings);
            }
            return;
        }
        classify(path, items, findings);
    }

    private void classify(Path path, Map<Path, Item> items, List<Finding> findings) {
        Path parent = path.getParent();
        if (path.equals(repository.configFile())) {
            items.put(path, new Item(Kind.CONFIG, path));
        } else if (parent.equals(repository.policiesDir())) {
            addFile(path, Kind.DOMAIN, items, findings);
        } else if (parent.equals(repository.aliasesDir())) {
            addFile(path, Kind.ALIAS, items, findings);
        } else if (path.startsWith(repository.policiesDir())) {
            stray(path, findings);
        } else {
            notASource(path, findings);
        }
    }

    /** Lists a directory without following links: domain (or alias) files, aliases/, and strays. */
    private void scanDirectory(Path directory, Kind kind, Map<Path, Item> items, List<Finding> findings) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) {
                    findings.add(symlink(entry));
                } else if (attributes.isDirectory()) {
                    if (kind == Kind.DOMAIN && entry.equals(repository.aliasesDir())) {
                        scanDirectory(entry, Kind.ALIAS, items, findings);
                    } else {
                        stray(entry, findings);
                    }
                } else {
                    addFile(entry, kind, items, findings);
                }
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot list " + repository.display(directory) + ": " + e.getMessage(), e);
        }
    }

    private void addFile(Path file, Kind kind, Map<Path, Item> items, List<Finding> findings) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
            items.put(file, new Item(kind, file));
        } else if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            findings.add(Finding.error("file.extension", repository.display(file), 1, 1, "",
                    "the file name must end in lower-case .json; rename it to "
                            + name.substring(0, name.length() - 5).toLowerCase(Locale.ROOT) + ".json"));
        } else {
            stray(file, findings);
        }
    }

    /** False (and a finding) when {@code path} is a symbolic link, which validate never follows. */
    private boolean refuseLink(Path path, List<Finding> findings) {
        if (Files.isSymbolicLink(path)) {
            findings.add(symlink(path));
            return false;
        }
        return true;
    }

    private Finding symlink(Path path) {
        return Finding.error("file.symlink", repository.display(path), 1, 1, "",
                "symbolic links are not allowed under policies/ (they can point outside the repository); replace it with a regular file");
    }

    private void stray(Path path, List<Finding> findings) {
        findings.add(Finding.warning("file.stray", repository.display(path), 1, 1, "",
                "policies/ holds only <domain>.json files and aliases/<name>.json; move or remove this "
                        + (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "directory" : "file")));
    }

    private void notASource(Path path, List<Finding> findings) {
        findings.add(Finding.error("file.not-a-source", repository.display(path), 1, 1, "",
                "not a list source; validate checks policies/<domain>.json, policies/aliases/<name>.json and release/config.json"));
    }

    // --- checking them ------------------------------------------------------------------------

    /** Checks the items, then the aliases the checked domains refer to that were not among them. */
    private ValidationReport checkWithReferences(Map<Path, Item> items, List<Finding> findings) {
        Set<String> aliasNames = aliasNames();
        List<Checked> results = checkAll(items.values(), aliasNames);
        Map<Path, Item> referenced = new LinkedHashMap<>();
        for (Checked checked : results) {
            checked.referencedAlias().filter(aliasNames::contains).ifPresent(name -> {
                Path file = repository.aliasesDir().resolve(name + ".json");
                if (!items.containsKey(file)) {
                    referenced.put(file, new Item(Kind.ALIAS, file));
                }
            });
        }
        List<Checked> all = new ArrayList<>(results);
        all.addAll(checkAll(referenced.values(), aliasNames));
        return report(all, findings);
    }

    private ValidationReport check(Map<Path, Item> items, List<Finding> findings) {
        return report(checkAll(items.values(), aliasNames()), findings);
    }

    private List<Checked> checkAll(Collection<Item> items, Set<String> aliasNames) {
        SourceFileCheck check = new SourceFileCheck(today, aliasNames);
        return items.parallelStream().map(item -> checkOne(check, item)).toList();
    }

    private Checked checkOne(SourceFileCheck check, Item item) {
        String display = repository.display(item.file());
        Optional<byte[]> bytes = read(item, display);
        if (bytes.isEmpty()) {
            return new Checked(List.of(item.kind() == Kind.CONFIG
                    ? Finding.error("config.missing", display, 1, 1, "", "release/config.json is missing; add it (see schema/README.md)")
                    : tooLarge(item, display)), Optional.empty(), Optional.empty());
        }
        if (bytes.get().length > MAX_FILE_BYTES) {
            return new Checked(List.of(tooLarge(item, display)), Optional.empty(), Optional.empty());
        }
        return check.check(item.kind(), item.file(), display, bytes.get());
    }

    private static Finding tooLarge(Item item, String display) {
        return Finding.error("file.too-large", display, 1, 1, "",
                "the file is larger than " + MAX_FILE_BYTES + " bytes (64 KiB), far more than one domain's policy needs; shorten it");
    }

    /**
     * At most {@code MAX_FILE_BYTES + 1} bytes, never through a link: the size is checked before
     * reading and the read is bounded too (the file may grow in between). Empty for a missing
     * config or a file whose size alone is too large.
     */
    private Optional<byte[]> read(Item item, String display) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(item.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink() || !attributes.isRegularFile() || attributes.size() > MAX_FILE_BYTES) {
                if (attributes.isSymbolicLink()) {
                    throw new CouldNotCompleteException(display + " became a symbolic link while validating; run again");
                }
                return Optional.empty();
            }
            // Exactly as large as the file said it was, plus one byte to notice that it grew.
            ByteBuffer buffer = ByteBuffer.allocate((int) attributes.size() + 1);
            try (SeekableByteChannel channel = Files.newByteChannel(item.file(), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // keep reading until the buffer is full or the file ends
                }
            }
            if (!buffer.hasRemaining()) {
                return Optional.of(new byte[MAX_FILE_BYTES + 1]);
            }
            return Optional.of(Arrays.copyOf(buffer.array(), buffer.position()));
        } catch (NoSuchFileException e) {
            if (item.kind() == Kind.CONFIG) {
                return Optional.empty();
            }
            throw new CouldNotCompleteException("cannot read " + display + ": the file disappeared while validating", e);
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + display + ": " + e.getMessage(), e);
        }
    }

    /** The aliases that exist: regular {@code *.json} files in {@code policies/aliases/}. */
    private Set<String> aliasNames() {
        Set<String> names = new HashSet<>();
        Path directory = repository.aliasesDir();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.json")) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(SourceFileCheck.stem(entry.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot list " + repository.display(directory) + ": " + e.getMessage(), e);
        }
        return names;
    }

    private static ValidationReport report(List<Checked> results, List<Finding> findings) {
        List<Finding> all = new ArrayList<>(findings);
        List<DomainSource> domains = new ArrayList<>();
        List<AliasSource> aliases = new ArrayList<>();
        ListSettings settings = null;
        for (Checked checked : results) {
            all.addAll(checked.findings());
            Object loaded = checked.loaded().orElse(null);
            if (loaded instanceof DomainSource domain) {
                domains.add(domain);
            } else if (loaded instanceof AliasSource alias) {
                aliases.add(alias);
            } else if (loaded instanceof ListSettings loadedSettings) {
                settings = loadedSettings;
            }
        }
        domains.sort(java.util.Comparator.comparing(DomainSource::domain));
        aliases.sort(java.util.Comparator.comparing(AliasSource::name));
        return new ValidationReport(all, Optional.ofNullable(settings).map(s -> new SourceSet(s, domains, aliases)));
    }
}
