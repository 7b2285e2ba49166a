package org.starttlslist.validate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.signing.ArmoredKeyFingerprints;
import org.starttlslist.signing.MalformedKeyException;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.SourceFileCheck.Checked;
import org.starttlslist.validate.SourceSchemas.Kind;

/**
 * Checks a list repository's sources and loads them: every file under {@code policies/} and {@code
 * release/config.json} ({@link #validateAll}), the files named on the command line ({@link
 * #validate}), or those a change touched ({@link #validateChanged}).
 *
 * <p>Files are checked in parallel; each one is read at most {@link #MAX_FILE_BYTES} bytes far,
 * never through a symbolic link, so a hostile pull request costs a finding, not the machine.
 */
public final class Validator {
    /** A source file holds one small object; 64 KiB is hundreds of MX names. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private final ListRepository repository;
    private final LocalDate today;
    private final boolean schemaFastPath;

    public Validator(ListRepository repository, Instant now) {
        this(repository, now, true);
    }

    /**
     * @param schemaFastPath false sends every file through the schema engine, as before {@link
     *     SchemaFastPath} existed: for tests that prove the fast path changes no finding
     */
    Validator(ListRepository repository, Instant now, boolean schemaFastPath) {
        this.repository = repository;
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.schemaFastPath = schemaFastPath;
    }

    /** One file to check, which schema applies, and its repository-relative name for findings. */
    /**
     * One file to check, which schema applies, and what its repository-relative name for findings
     * starts with (its directory and '/'): the name is completed when the file is checked, so that
     * the entries of a large directory waiting for a thread do not each hold a display string.
     * {@code listedIn} is the open directory it was listed in, to read it through, or null (then it
     * is read by its whole path).
     */
    private record Item(
            Kind kind, Path file, String displayPrefix, SecureDirectoryStream<Path> listedIn) {}

    private Item item(Kind kind, Path file) {
        String directory = repository.display(file.getParent());
        return new Item(kind, file, directory.isEmpty() ? "" : directory + "/", null);
    }

    /**
     * The directories listed in this run that their files are read through (by name, relative to
     * the open directory: openat and fstatat instead of walking the whole path again for each of
     * 100,000 files), closed when the run ends.
     */
    private final List<DirectoryStream<Path>> listings = new ArrayList<>();

    private <T> T closingListings(Supplier<T> run) {
        try {
            return run.get();
        } finally {
            for (DirectoryStream<Path> listing : listings) {
                try {
                    listing.close();
                } catch (IOException e) {
                    // closing a directory we only read: nothing was lost
                }
            }
            listings.clear();
        }
    }

    /**
     * Starts compiling the schemas on another thread, so that work done before validating (such as
     * reading git for {@code --changed-since}) overlaps with it.
     */
    public static void prepareInBackground() {
        ForkJoinPool.commonPool().execute(SourceSchemas::compile);
    }

    /** Everything under {@code policies/} plus {@code release/config.json}. */
    public ValidationReport validateAll() {
        return withSources(validateAll(DomainKeeper.sources()));
    }

    /** {@link #validateAll()}, keeping of each domain what {@code keeper} keeps. */
    public <T> Validation<T> validateAll(DomainKeeper<T> keeper) {
        return closingListings(() -> checkEverything(keeper));
    }

    /** The report of a run that kept the sources, with them. */
    private static ValidationReport withSources(Validation<DomainSource> validation) {
        return new ValidationReport(
                validation.report().findings(),
                validation
                        .settings()
                        .map(s -> new SourceSet(s, validation.domains(), validation.aliases())));
    }

    private <T> Validation<T> checkEverything(DomainKeeper<T> keeper) {
        Path policies = repository.policiesDir();
        if (!Files.exists(policies, LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(repository.configFile(), LinkOption.NOFOLLOW_LINKS)) {
            throw new CouldNotCompleteException(
                    repository.root()
                            + " is not a list repository: it has neither policies/ nor "
                            + "release/config.json; run in the repository or name it with -C DIR");
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, String> keyFiles = readKeys(findings);
        // The entries of a directory are distinct, so they go straight to checking, batch by
        // batch, while the rest of the directory is still being listed.
        Pipeline pipeline =
                new Pipeline(
                        new SourceFileCheck(
                                today,
                                aliasNames(),
                                keyFiles,
                                schemaFastPath,
                                RemovedDomains.records(repository),
                                keeper));
        pipeline.accept(item(Kind.CONFIG, repository.configFile()));
        if (refuseLink(policies, findings)) {
            scanDirectory(policies, Kind.DOMAIN, pipeline, findings);
        }
        List<Checked> results = pipeline.finish();
        return report(results, findings, keyFiles, keeper);
    }

    /**
     * The named files and directories (relative to the repository root, or absolute inside it),
     * plus {@code release/config.json}.
     */
    public ValidationReport validate(List<Path> paths) {
        return withSources(validate(paths, DomainKeeper.sources()));
    }

    /** {@link #validate(List)}, keeping of each domain what {@code keeper} keeps. */
    public <T> Validation<T> validate(List<Path> paths, DomainKeeper<T> keeper) {
        return closingListings(() -> checkPaths(paths, keeper));
    }

    private <T> Validation<T> checkPaths(List<Path> paths, DomainKeeper<T> keeper) {
        List<Finding> findings = new ArrayList<>();
        Map<Path, Item> items = new LinkedHashMap<>();
        items.put(repository.configFile(), item(Kind.CONFIG, repository.configFile()));
        for (Path given : paths) {
            Path path = repository.root().resolve(given).normalize();
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new CouldNotCompleteException("cannot read " + given + ": no such file");
            }
            addPath(path, items, findings);
        }
        return checkWithReferences(items, findings, keeper);
    }

    /**
     * The files a change touched (repository-relative paths, '/'-separated), plus the aliases the
     * changed domains refer to and {@code release/config.json}. Files that no longer exist are
     * fine, except a removed alias: the domains that used it can only be found by reading them all,
     * so that falls back to {@link #validateAll}.
     */
    public ValidationReport validateChanged(Collection<String> changedPaths) {
        return withSources(validateChanged(changedPaths, DomainKeeper.sources()));
    }

    /** {@link #validateChanged(Collection)}, keeping of each domain what {@code keeper} keeps. */
    public <T> Validation<T> validateChanged(
            Collection<String> changedPaths, DomainKeeper<T> keeper) {
        return closingListings(() -> checkChanged(changedPaths, keeper));
    }

    private <T> Validation<T> checkChanged(
            Collection<String> changedPaths, DomainKeeper<T> keeper) {
        List<Finding> findings = new ArrayList<>();
        Map<Path, Item> items = new LinkedHashMap<>();
        items.put(repository.configFile(), item(Kind.CONFIG, repository.configFile()));
        for (String relative : new TreeSet<>(changedPaths)) {
            Path path = repository.root().resolve(relative).normalize();
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                if (relative.startsWith("policies/aliases/")) {
                    return checkEverything(keeper);
                }
                continue;
            }
            addPath(path, items, findings);
        }
        return checkWithReferences(items, findings, keeper);
    }

    // --- finding the files ---------------------------------------------------------------------

    private void addPath(Path path, Map<Path, Item> items, List<Finding> findings) {
        if (!path.startsWith(repository.root())) {
            findings.add(
                    Finding.error(
                            "file.not-a-source",
                            path.toString(),
                            1,
                            1,
                            "",
                            "the file is outside the repository "
                                    + repository.root()
                                    + "; validate checks policies/ and release/config.json"));
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
                scanDirectory(path, kind, i -> items.put(i.file(), i), findings);
            } else if (RemovedDomains.isRemovedDir(repository, path)) {
                RemovedDomains.checkAllRecords(repository, findings);
            } else if (path.equals(repository.root())) {
                if (refuseLink(repository.policiesDir(), findings)
                        && Files.isDirectory(repository.policiesDir(), LinkOption.NOFOLLOW_LINKS)) {
                    scanDirectory(
                            repository.policiesDir(),
                            Kind.DOMAIN,
                            i -> items.put(i.file(), i),
                            findings);
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
            items.put(path, item(Kind.CONFIG, path));
        } else if (parent.equals(repository.policiesDir())) {
            items.put(path, item(Kind.DOMAIN, path));
        } else if (parent.equals(repository.aliasesDir())) {
            items.put(path, item(Kind.ALIAS, path));
        } else if (RemovedDomains.isRemovedDir(repository, parent)) {
            RemovedDomains.checkRecord(repository, path, findings);
        } else if (path.startsWith(repository.policiesDir())) {
            stray(path, findings);
        } else {
            notASource(path, findings);
        }
    }

    /** Lists a directory without following links: domain (or alias) files, aliases/, and strays. */
    // The listing outlives this method: its files are read through it, and closingListings closes
    // it.
    @SuppressWarnings("StreamResourceLeak")
    private void scanDirectory(
            Path directory, Kind kind, Consumer<Item> items, List<Finding> findings) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String prefix = repository.display(directory) + "/";
        // Resolved once, not per entry: 100,000 entries made these a visible share of the scan.
        Path aliases = repository.aliasesDir();
        Path removed = RemovedDomains.removedDir(repository);
        DirectoryStream<Path> entries;
        try {
            entries = Files.newDirectoryStream(directory);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot list " + repository.display(directory) + ": " + e.getMessage(), e);
        }
        // Linux gives a SecureDirectoryStream: its files are then read relative to it, so it
        // stays open until the run ends.
        SecureDirectoryStream<Path> listedIn =
                entries instanceof SecureDirectoryStream<Path> secure ? secure : null;
        listings.add(entries);
        try {
            for (Path entry : entries) {
                // Only aliases/ needs a look here; every other entry is classified (link,
                // directory, stray, source) by its own lstat in the parallel phase.
                if (kind == Kind.DOMAIN
                        && entry.equals(aliases)
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    scanDirectory(entry, Kind.ALIAS, items, findings);
                } else if (kind == Kind.DOMAIN
                        && entry.equals(removed)
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    // policies/removed/: the removal records, checked by RemovedDomains.
                } else {
                    items.accept(new Item(kind, entry, prefix, listedIn));
                }
            }
        } catch (DirectoryIteratorException e) {
            throw new CouldNotCompleteException(
                    "cannot list "
                            + repository.display(directory)
                            + ": "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    /**
     * A finding for an entry that is not a source by its name, or empty for a {@code .json} file.
     */
    private Optional<Finding> misnamed(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
            return Optional.empty();
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return Optional.of(
                    Finding.error(
                            "file.extension",
                            repository.display(file),
                            1,
                            1,
                            "",
                            "the file name must end in lower-case .json; rename it to "
                                    + name.substring(0, name.length() - 5).toLowerCase(Locale.ROOT)
                                    + ".json"));
        }
        return Optional.of(strayFinding(file, false));
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
        return Finding.error(
                "file.symlink",
                repository.display(path),
                1,
                1,
                "",
                "symbolic links are not allowed under policies/ (they can point outside the repository); replace it with a regular file");
    }

    private void stray(Path path, List<Finding> findings) {
        findings.add(strayFinding(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)));
    }

    private Finding strayFinding(Path path, boolean directory) {
        return Finding.warning(
                "file.stray",
                repository.display(path),
                1,
                1,
                "",
                "policies/ holds only <domain>.json files and aliases/<name>.json; move or remove this "
                        + (directory ? "directory" : "file"));
    }

    private void notASource(Path path, List<Finding> findings) {
        findings.add(
                Finding.error(
                        "file.not-a-source",
                        repository.display(path),
                        1,
                        1,
                        "",
                        "not a list source; validate checks policies/<domain>.json, policies/aliases/<name>.json and release/config.json"));
    }

    // --- checking them ------------------------------------------------------------------------

    /** Checks the items, then the aliases the checked domains refer to that were not among them. */
    private <T> Validation<T> checkWithReferences(
            Map<Path, Item> items, List<Finding> findings, DomainKeeper<T> keeper) {
        Set<String> aliasNames = aliasNames();
        Map<String, String> keyFiles = readKeys(findings);
        SourceFileCheck check =
                new SourceFileCheck(
                        today,
                        aliasNames,
                        keyFiles,
                        schemaFastPath,
                        RemovedDomains.records(repository),
                        keeper);
        List<Checked> results = checkAll(check, items.values());
        Map<Path, Item> referenced = new LinkedHashMap<>();
        for (Checked checked : results) {
            checked.reference()
                    .filter(aliasNames::contains)
                    .ifPresent(
                            name -> {
                                Path file = repository.aliasesDir().resolve(name + ".json");
                                if (!items.containsKey(file)) {
                                    referenced.put(file, item(Kind.ALIAS, file));
                                }
                            });
        }
        List<Checked> all = new ArrayList<>(results);
        all.addAll(checkAll(check, referenced.values()));
        return report(all, findings, keyFiles, keeper);
    }

    /**
     * Checks items in batches on the common pool as they are handed in, so that listing a large
     * directory (one thread's work) overlaps with checking its files. {@link #finish} runs what no
     * pool thread has started on the caller, newest batch first, and returns the results in the
     * order the items came in.
     */
    private final class Pipeline implements Consumer<Item> {
        private static final int BATCH = 512;

        /** Batches the lister lets wait for a thread before it checks one itself. */
        private static final int AHEAD = 4;

        private final SourceFileCheck check;
        private final List<Batch> batches = new ArrayList<>();
        private List<Item> pending = new ArrayList<>(BATCH);

        /** Batches before this index have been started (by the lister, at least). */
        private int helped;

        Pipeline(SourceFileCheck check) {
            this.check = check;
        }

        @Override
        public void accept(Item item) {
            pending.add(item);
            if (pending.size() == BATCH) {
                submit();
            }
        }

        private void submit() {
            if (pending.isEmpty()) {
                return;
            }
            Batch batch = new Batch(pending);
            batches.add(batch);
            ForkJoinPool.commonPool().execute(batch::runUnlessStarted);
            pending = new ArrayList<>(BATCH);
            // Listing is quicker than checking: rather than list the whole directory ahead (every
            // waiting entry then outlives a young collection and is copied into the old
            // generation, 100,000 of them for nothing), the lister checks the oldest batch no
            // thread has started whenever too many wait, and so keeps the second core busy too.
            while (batches.size() - helped > AHEAD) {
                batches.get(helped++).runUnlessStarted();
            }
        }

        List<Checked> finish() {
            submit();
            for (int i = batches.size() - 1; i >= 0; i--) {
                batches.get(i).runUnlessStarted();
            }
            List<Checked> results = new ArrayList<>();
            for (Batch batch : batches) {
                results.addAll(batch.await());
            }
            return results;
        }

        /** Some items, checked once by whichever thread comes first. */
        private final class Batch {
            /** Dropped once checked: the results are all a finished batch needs to keep. */
            private List<Item> items;

            private final AtomicBoolean started = new AtomicBoolean();
            private final CompletableFuture<List<Checked>> result = new CompletableFuture<>();

            Batch(List<Item> items) {
                this.items = items;
            }

            void runUnlessStarted() {
                if (!started.compareAndSet(false, true)) {
                    return;
                }
                try {
                    List<Checked> checked = new ArrayList<>(items.size());
                    for (Item item : items) {
                        checked.add(checkOne(check, item));
                    }
                    items = null;
                    result.complete(checked);
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }

            /** The results, or what checking threw, as thrown (not wrapped). */
            List<Checked> await() {
                try {
                    return result.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof RuntimeException cause) {
                        throw cause;
                    }
                    if (e.getCause() instanceof Error cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        }
    }

    private List<Checked> checkAll(SourceFileCheck check, Collection<Item> items) {
        return items.parallelStream().map(item -> checkOne(check, item)).toList();
    }

    /** Largest key file we read: a public key with many certifications stays well below it. */
    static final int MAX_KEY_BYTES = 1024 * 1024;

    /**
     * The primary-key fingerprints of {@code release/keys/*.asc}, each with its file; a file that
     * is a link, too large or not a key is a finding. Read with the JDK alone (no BouncyCastle).
     */
    private Map<String, String> readKeys(List<Finding> findings) {
        Map<String, String> keys = new TreeMap<>();
        Path directory = repository.keysDir();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return keys;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.asc")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot list " + repository.display(directory) + ": " + e.getMessage(), e);
        }
        files.sort(null);
        for (Path file : files) {
            String display = repository.display(file);
            try {
                BasicFileAttributes attributes =
                        Files.readAttributes(
                                file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) {
                    findings.add(
                            Finding.error(
                                    "file.symlink",
                                    display,
                                    1,
                                    1,
                                    "",
                                    "symbolic links are not allowed for keys (they can point outside the repository); replace it with the key file"));
                    continue;
                }
                if (!attributes.isRegularFile() || attributes.size() > MAX_KEY_BYTES) {
                    findings.add(
                            Finding.error(
                                    "key.malformed",
                                    display,
                                    1,
                                    1,
                                    "",
                                    "not a public key file of at most 1 MiB; export the key with gpg --armor --export FINGERPRINT"));
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (SecretKeyFiles.holdsSecretKey(bytes)) {
                    findings.add(
                            Finding.error(
                                    "key.secret",
                                    display,
                                    1,
                                    1,
                                    "",
                                    "holds a SECRET key, which must never be committed (anyone with the repository could try its"
                                            + " passphrase); remove it from the commit and its history, and commit only the public key"
                                            + " (gpg --armor --export FINGERPRINT)"));
                    continue;
                }
                for (String fingerprint :
                        ArmoredKeyFingerprints.primaryFingerprints(bytes, display)) {
                    keys.putIfAbsent(fingerprint, display);
                }
            } catch (MalformedKeyException e) {
                findings.add(
                        Finding.error(
                                "key.malformed",
                                display,
                                1,
                                1,
                                "",
                                e.getMessage()
                                        + "; export the key with gpg --armor --export FINGERPRINT"));
            } catch (IOException e) {
                throw new CouldNotCompleteException(
                        "cannot read " + display + ": " + e.getMessage(), e);
            }
        }
        return keys;
    }

    /**
     * Keys in release/keys/ that release/config.json does not name: mirrors would pin a key nobody
     * listed.
     */
    private static void unlistedKeys(
            Map<String, String> keyFiles, ListSettings settings, List<Finding> findings) {
        keyFiles.forEach(
                (fingerprint, file) -> {
                    if (!settings.isMaintainer(fingerprint)) {
                        findings.add(
                                Finding.error(
                                        "key.unlisted",
                                        file,
                                        1,
                                        1,
                                        "",
                                        "holds the key "
                                                + fingerprint
                                                + ", which release/config.json does not list; add {\"fingerprint\": \""
                                                + fingerprint
                                                + "\"} to its maintainers or remove the key"));
                    }
                });
    }

    private Checked checkOne(SourceFileCheck check, Item item) {
        Path name = item.file().getFileName();
        String display = item.displayPrefix() + name;
        BasicFileAttributes attributes;
        try {
            attributes =
                    item.listedIn() != null
                            ? item.listedIn()
                                    .getFileAttributeView(
                                            name,
                                            BasicFileAttributeView.class,
                                            LinkOption.NOFOLLOW_LINKS)
                                    .readAttributes()
                            : Files.readAttributes(
                                    item.file(),
                                    BasicFileAttributes.class,
                                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            if (item.kind() == Kind.CONFIG) {
                return only(
                        Finding.error(
                                "config.missing",
                                display,
                                1,
                                1,
                                "",
                                "release/config.json is missing; add it (see schema/README.md)"));
            }
            throw new CouldNotCompleteException(
                    "cannot read " + display + ": the file disappeared while validating", e);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + display + ": " + e.getMessage(), e);
        }
        if (attributes.isSymbolicLink()) {
            return only(symlink(item.file()));
        }
        if (item.kind() != Kind.CONFIG) {
            if (attributes.isDirectory()) {
                return only(strayFinding(item.file(), true));
            }
            Optional<Finding> misnamed = misnamed(item.file());
            if (misnamed.isPresent()) {
                return only(misnamed.get());
            }
        }
        if (!attributes.isRegularFile()) {
            return only(
                    Finding.error(
                            "file.not-regular",
                            display,
                            1,
                            1,
                            "",
                            "not a regular file; replace it with a JSON file"));
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            return only(tooLarge(display));
        }
        byte[] bytes = read(item, name, display, attributes.size());
        if (bytes.length > MAX_FILE_BYTES) {
            return only(tooLarge(display));
        }
        return check.check(item.kind(), item.file(), display, bytes);
    }

    private static Checked only(Finding finding) {
        return new Checked(List.of(finding), null, null, null);
    }

    private static Finding tooLarge(String display) {
        return Finding.error(
                "file.too-large",
                display,
                1,
                1,
                "",
                "the file is larger than "
                        + MAX_FILE_BYTES
                        + " bytes (64 KiB), far more than one domain's policy needs; shorten it");
    }

    /**
     * One buffer per thread, large enough for any file we accept plus the byte that shows a file is
     * too large: reading a file is then one {@code read} call, not one to fill a buffer of its size
     * and another to find the end.
     */
    private static final Set<OpenOption> READ_NO_LINKS =
            Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private static final ThreadLocal<byte[]> BUFFERS =
            ThreadLocal.withInitial(() -> new byte[MAX_FILE_BYTES + 1]);

    /**
     * The file's bytes, never through a link; more than {@link #MAX_FILE_BYTES} of them (the file
     * grew after its size was checked) come back as a too-large array. A read that returns exactly
     * the size {@code lstat} gave is taken as the whole file; any other count reads on to the end,
     * so a file that changed in between is still read whole (or found too large).
     */
    private static byte[] read(Item item, Path name, String display, long size) {
        ByteBuffer buffer = ByteBuffer.wrap(BUFFERS.get());
        try (SeekableByteChannel channel =
                item.listedIn() != null
                        ? item.listedIn().newByteChannel(name, READ_NO_LINKS)
                        : Files.newByteChannel(item.file(), READ_NO_LINKS)) {
            int first = channel.read(buffer);
            if (first != size || size == 0) {
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // until the buffer is full or the file ends
                }
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + display + ": " + e.getMessage(), e);
        }
        if (!buffer.hasRemaining()) {
            return new byte[MAX_FILE_BYTES + 1];
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
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
            throw new CouldNotCompleteException(
                    "cannot list " + repository.display(directory) + ": " + e.getMessage(), e);
        }
        return names;
    }

    private static <T> Validation<T> report(
            List<Checked> results,
            List<Finding> findings,
            Map<String, String> keyFiles,
            DomainKeeper<T> keeper) {
        List<Finding> all = new ArrayList<>(findings);
        List<Object> domains = new ArrayList<>();
        List<AliasSource> aliases = new ArrayList<>();
        ListSettings settings = null;
        for (Checked checked : results) {
            all.addAll(checked.findings());
            Object loaded = checked.loaded();
            if (loaded == null) {
                continue;
            }
            switch (checked.kind()) {
                case DOMAIN -> domains.add(loaded);
                case ALIAS -> aliases.add((AliasSource) loaded);
                case CONFIG -> settings = (ListSettings) loaded;
            }
        }
        if (settings != null) {
            unlistedKeys(keyFiles, settings, all);
        }
        // What SourceFileCheck loaded for a domain is what the keeper kept of it.
        @SuppressWarnings("unchecked")
        List<T> kept = (List<T>) Arrays.asList(domains.toArray());
        // Directory order is arbitrary; the kept domains come out in the keeper's order.
        if (keeper.order() != null) {
            kept = keeper.sorted(kept);
        }
        aliases.sort(java.util.Comparator.comparing(AliasSource::name));
        return new Validation<>(
                new ValidationReport(all, Optional.empty()),
                Optional.ofNullable(settings),
                aliases,
                kept);
    }

    /**
     * Sorts each half on its own thread and merges them. (On a 2-core machine the common pool has
     * one thread, and {@link Arrays#parallelSort} then sorts on the caller alone.)
     */
    static <T> void sortOnTwoThreads(T[] array, Comparator<? super T> order) {
        int middle = array.length / 2;
        if (array.length < 8192) {
            Arrays.sort(array, order);
            return;
        }
        ForkJoinTask<?> lower =
                ForkJoinPool.commonPool().submit(() -> Arrays.sort(array, 0, middle, order));
        Arrays.sort(array, middle, array.length, order);
        lower.join();
        T[] left = Arrays.copyOf(array, middle);
        int i = 0;
        int j = middle;
        int out = 0;
        while (i < middle && j < array.length) {
            array[out++] = order.compare(array[j], left[i]) < 0 ? array[j++] : left[i++];
        }
        while (i < middle) {
            array[out++] = left[i++];
        }
    }
}
