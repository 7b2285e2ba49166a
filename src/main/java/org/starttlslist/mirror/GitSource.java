package org.starttlslist.mirror;

import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.starttlslist.failure.Printable;
import org.starttlslist.files.InputTooLargeException;
import org.starttlslist.model.ListTimes;
import org.starttlslist.remote.RemoteAccess;

/**
 * The list repository itself: {@code release/policy.json} and its {@code .asc} at the newest {@code
 * list-<yyyyMMdd'T'HHmmss'Z'>} tag (the names {@code release} gives), or at the tip of a branch
 * when the URL ends in {@code #branch}.
 *
 * <p>Tag names are not signed, so they are only a hint: a tag whose name is not a real instant, or
 * names one after now, is skipped with a note; and the tag's instant travels with the pair ({@link
 * ListPair#claimedTimestamp()}) so that the mirror refuses a tag whose verified list has another
 * timestamp. A bogus tag can therefore neither pin mirrors to an old release nor hide the real
 * newest one behind an impossible name.
 *
 * <p>Fetched with JGit, shallow (depth 1), into a bare cache repository under the mirror directory,
 * the download capped at {@link FetchLimits#maxRepositoryBytes()}; the two files are read from the
 * commit's tree, never checked out. Over HTTPS the mirror's HTTPS policy holds: only the CAs of
 * {@code --ca-file} when given, and redirects only within the same scheme, host and port.
 */
public final class GitSource implements ListSource {
    static final Pattern LIST_TAG = Pattern.compile("refs/tags/(list-(\\d{8}T\\d{6}Z))");
    private static final DateTimeFormatter TAG_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
                    .withResolverStyle(ResolverStyle.STRICT);
    static final String LIST_PATH = "release/" + MirrorLayout.LIST;
    static final String SIGNATURE_PATH = "release/" + MirrorLayout.SIGNATURE;

    /** Skipped tags named one by one; more are counted. */
    private static final int MAX_NAMED_SKIPS = 5;

    private final String url;
    private final Optional<String> branch;
    private final MirrorLayout layout;
    private final HttpsSettings https;
    private final Duration timeout;
    private final Instant now;

    /** Tags already refused in this run, by the instant they name. */
    private final java.util.Set<Instant> refused;

    private final RemoteAccess access;

    public GitSource(
            String url,
            Optional<String> branch,
            MirrorLayout layout,
            HttpsSettings https,
            Duration timeout,
            Instant now) {
        this(url, branch, layout, https, timeout, now, java.util.Set.of());
    }

    private GitSource(
            String url,
            Optional<String> branch,
            MirrorLayout layout,
            HttpsSettings https,
            Duration timeout,
            Instant now,
            java.util.Set<Instant> refused) {
        this.url = url;
        this.branch = branch;
        this.layout = layout;
        this.https = https;
        this.timeout = timeout;
        this.now = now;
        this.refused = java.util.Set.copyOf(refused);
        this.access = RemoteAccess.forUrl(Path.of("").toAbsolutePath());
    }

    /**
     * The next older tag: a refused newest tag (bogus, or not verifying) must not block the real
     * ones.
     */
    @Override
    public Optional<ListSource> without(ListPair refusedPair) {
        if (branch.isPresent() || refusedPair.claimedTimestamp().isEmpty()) {
            return Optional.empty();
        }
        java.util.Set<Instant> more = new java.util.HashSet<>(refused);
        more.add(refusedPair.claimedTimestamp().get());
        return Optional.of(new GitSource(url, branch, layout, https, timeout, now, more));
    }

    @Override
    public String describe() {
        return url + branch.map(b -> "#" + b).orElse("");
    }

    /** The tag chosen, with its instant, and what was skipped. */
    record Choice(String ref, Optional<Instant> claimed, List<String> notes) {}

    @Override
    public ListPair fetch(FetchLimits limits) {
        try (Git git = Git.wrap(openCache())) {
            Choice choice =
                    branch.map(
                                    b ->
                                            new Choice(
                                                    Constants.R_HEADS + b,
                                                    Optional.<Instant>empty(),
                                                    List.<String>of()))
                            .orElseGet(() -> newestListTag(git));
            String remoteRef = choice.ref();
            String localRef = branch.map(b -> "refs/remotes/mirror/" + b).orElse(remoteRef);
            Path objects = layout.gitCache().resolve("objects");
            SizeCap cap = new SizeCap(objects, limits.maxRepositoryBytes());
            long before = SizeCap.sizeOf(objects);
            try {
                access.configure(git.fetch())
                        .setRemote(url)
                        .setRefSpecs(new RefSpec("+" + remoteRef + ":" + localRef))
                        .setDepth(1)
                        .setTagOpt(TagOpt.NO_TAGS)
                        .setTimeout(timeoutSeconds())
                        .setProgressMonitor(cap)
                        .setTransportConfigCallback(transports())
                        .call();
            } catch (GitAPIException | RuntimeException e) {
                if (cap.exceeded()) {
                    throw new InputTooLargeException(
                            "the git download from " + describe(),
                            limits.maxRepositoryBytes(),
                            "--max-repository-bytes");
                }
                throw e;
            }
            if (SizeCap.sizeOf(objects) - before > limits.maxRepositoryBytes()) {
                // JGit asks for cancellation between objects only, so one huge last object is
                // caught
                // here, once stored: the cache is the mirror's own, and is dropped with it.
                git.getRepository().close();
                org.starttlslist.files.FileTrees.delete(layout.gitCache());
                throw new InputTooLargeException(
                        "the git download from " + describe(),
                        limits.maxRepositoryBytes(),
                        "--max-repository-bytes");
            }
            Repository repository = git.getRepository();
            ObjectId commitId;
            try {
                commitId = repository.resolve(localRef + "^{commit}");
            } catch (RevisionSyntaxException
                    | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
                commitId = null;
            }
            if (commitId == null) {
                throw new FetchFailedException(
                        describe(),
                        Repository.shortenRefName(remoteRef)
                                + " does not point at a commit (a tag of a blob or tree?); a release tag tags the release commit");
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(commitId);
                String where =
                        describe()
                                + " at "
                                + Repository.shortenRefName(remoteRef)
                                + " ("
                                + commit.abbreviate(12).name()
                                + ")";
                byte[] list = blob(repository, commit, LIST_PATH, limits, where);
                byte[] signature = blob(repository, commit, SIGNATURE_PATH, limits, where);
                return new ListPair(list, signature, where, choice.claimed(), choice.notes());
            }
        } catch (GitAPIException e) {
            throw failed(e);
        } catch (IOException e) {
            throw new FetchFailedException(describe(), "git: " + e.getMessage(), e);
        } catch (InputTooLargeException | FetchFailedException | MirrorStateException e) {
            throw e;
        } catch (RuntimeException e) {
            // JGit reports some server misbehaviour as unchecked exceptions; it is still a failed
            // fetch.
            throw new FetchFailedException(describe(), "git: " + e, e);
        }
    }

    /**
     * SSH settings and git's CA file from {@link RemoteAccess}, then, over HTTPS, the mirror's own
     * policy on top ({@code --ca-file}, never another host or scheme), which the operator set for
     * this mirror and so wins over git's configuration.
     */
    private org.eclipse.jgit.api.TransportConfigCallback transports() {
        org.eclipse.jgit.api.TransportConfigCallback remote = access.callback();
        return transport -> {
            remote.configure(transport);
            if (transport instanceof TransportHttp http) {
                http.setHttpConnectionFactory(new HttpsPolicy(url, https.trustManagers()));
            }
        };
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }

    private Choice newestListTag(Git git) {
        Collection<Ref> refs;
        try {
            refs =
                    access.configure(git.lsRemote())
                            .setRemote(url)
                            .setTags(true)
                            .setTimeout(timeoutSeconds())
                            .setTransportConfigCallback(transports())
                            .call();
        } catch (GitAPIException e) {
            throw failed(e);
        }
        List<String> skipped = new ArrayList<>();
        String best = null;
        Instant bestInstant = null;
        for (Ref ref : refs) {
            String name = ref.getName();
            if (!name.startsWith(Constants.R_TAGS + "list-") || name.endsWith("^{}")) {
                continue;
            }
            String shortName = Printable.escape(Repository.shortenRefName(name));
            Matcher matcher = LIST_TAG.matcher(name);
            if (!matcher.matches()) {
                skipped.add(shortName + " (not list-yyyyMMddTHHmmssZ)");
                continue;
            }
            Optional<Instant> instant = tagInstant(matcher.group(2));
            if (instant.isEmpty()) {
                skipped.add(shortName + " (not a real date and time)");
            } else if (instant.get().isAfter(now)) {
                skipped.add(shortName + " (names a time after now, " + ListTimes.format(now) + ")");
            } else if (refused.contains(instant.get())) {
                // refused earlier in this run, with its reason: not a candidate
            } else if (bestInstant == null || instant.get().isAfter(bestInstant)) {
                best = name;
                bestInstant = instant.get();
            }
        }
        List<String> notes = new ArrayList<>();
        if (!skipped.isEmpty()) {
            notes.add(
                    "skipped "
                            + skipped.size()
                            + " tag(s) of "
                            + describe()
                            + ": "
                            + String.join(
                                    ", ",
                                    skipped.subList(0, Math.min(MAX_NAMED_SKIPS, skipped.size())))
                            + (skipped.size() > MAX_NAMED_SKIPS
                                    ? " and " + (skipped.size() - MAX_NAMED_SKIPS) + " more"
                                    : ""));
        }
        if (best == null) {
            throw new FetchFailedException(
                    describe(),
                    "no list-<yyyyMMdd'T'HHmmss'Z'> tag; name a branch instead with "
                            + url
                            + "#BRANCH"
                            + (notes.isEmpty() ? "" : " (" + notes.get(0) + ")"));
        }
        return new Choice(best, Optional.of(bestInstant), notes);
    }

    static Optional<Instant> tagInstant(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, TAG_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private FetchFailedException failed(GitAPIException e) {
        return access.failure(url, "fetch from", e)
                .map(remote -> new FetchFailedException(describe(), remote.getMessage(), remote))
                .orElseGet(() -> new FetchFailedException(describe(), "git: " + e.getMessage(), e));
    }

    private Repository openCache() throws IOException {
        MirrorLayout.requireDirectoryOrAbsent(layout.cache());
        MirrorLayout.requireDirectoryOrAbsent(layout.gitCache());
        Path cache = layout.gitCache();
        requireNoLinks(cache);
        if (MirrorLayout.attributes(cache.resolve("objects")).isEmpty()) {
            if (MirrorLayout.attributes(layout.cache()).isEmpty()) {
                Files.createDirectory(layout.cache());
            }
            try {
                Git.init().setBare(true).setDirectory(cache.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException(
                        "cannot create the cache repository " + cache + ": " + e.getMessage(), e);
            }
        }
        Repository repository =
                new FileRepositoryBuilder().setGitDir(cache.toFile()).setMustExist(true).build();
        // Follow redirects (JGit's default follows only the first request); HttpsPolicy refuses
        // other hosts.
        StoredConfig config = repository.getConfig();
        config.setString("http", null, "followRedirects", "true");
        config.setInt("http", null, "maxRedirects", https.maxRedirects());
        // No automatic gc after a fetch: it would run in the background, write into the cache
        // while the size cap may be dropping it, and the cache holds one shallow commit anyway.
        config.setInt("gc", null, "auto", 0);
        config.setBoolean("gc", null, "autoDetach", false);
        return repository;
    }

    /**
     * JGit follows links inside its repository; a link planted in the cache would make it write
     * elsewhere.
     */
    private static void requireNoLinks(Path cache) throws IOException {
        if (MirrorLayout.attributes(cache).isEmpty()) {
            return;
        }
        Files.walkFileTree(
                cache,
                new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult visitFile(
                            Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
                        if (attributes.isSymbolicLink()) {
                            throw new MirrorStateException(file, "is a symbolic link");
                        }
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
    }

    private static byte[] blob(
            Repository repository, RevCommit commit, String path, FetchLimits limits, String where)
            throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
            if (tree == null) {
                throw new FetchFailedException(
                        where,
                        path
                                + " is not in the tree"
                                + (path.endsWith(".asc")
                                        ? "; a list is only mirrored with its signature"
                                        : ""));
            }
            ObjectLoader loader = repository.open(tree.getObjectId(0), Constants.OBJ_BLOB);
            limits.check(where + ": " + path, path, loader.getSize());
            return loader.getBytes();
        } catch (MissingObjectException e) {
            throw new FetchFailedException(where, path + " is missing from the fetched objects", e);
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw new FetchFailedException(where, path + " is not a file", e);
        }
    }

    /**
     * Cancels the fetch once the pack being received ({@code objects/incoming_*}) grows past the
     * cap: JGit asks {@link #isCancelled()} as objects arrive, before anything is checked.
     */
    static final class SizeCap implements ProgressMonitor {
        private final Path objects;
        private final long cap;
        private final AtomicBoolean exceeded = new AtomicBoolean();
        private Path incoming;

        SizeCap(Path objects, long cap) {
            this.objects = objects;
            this.cap = cap;
        }

        boolean exceeded() {
            return exceeded.get();
        }

        /**
         * Called by JGit for every object received; a stat per call once the pack file is known.
         */
        @Override
        public boolean isCancelled() {
            if (exceeded.get()) {
                return true;
            }
            try {
                if (incoming == null || !Files.exists(incoming)) {
                    incoming = find();
                }
                if (incoming != null && Files.size(incoming) > cap) {
                    exceeded.set(true);
                }
            } catch (IOException e) {
                incoming = null; // renamed into place between the checks: the next call looks again
            }
            return exceeded.get();
        }

        /** Bytes of the regular files under {@code dir}, links not followed. */
        static long sizeOf(Path dir) throws IOException {
            if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return 0;
            }
            long[] total = {0};
            Files.walkFileTree(
                    dir,
                    new java.nio.file.SimpleFileVisitor<>() {
                        @Override
                        public java.nio.file.FileVisitResult visitFile(
                                Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
                            if (attributes.isRegularFile()) {
                                total[0] += attributes.size();
                            }
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }
                    });
            return total[0];
        }

        private Path find() throws IOException {
            for (Path dir : List.of(objects, objects.resolve("pack"))) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "incoming_*")) {
                    for (Path file : files) {
                        return file;
                    }
                }
            }
            return null;
        }

        @Override
        public void start(int totalTasks) {}

        @Override
        public void beginTask(String title, int totalWork) {}

        @Override
        public void update(int completed) {}

        @Override
        public void endTask() {}

        @Override
        public void showDuration(boolean enabled) {}
    }

    /**
     * JGit's HTTP connections under the mirror's HTTPS policy: the trusted CAs of {@code
     * --ca-file}, and no connection to another scheme, host or port than the URL's (JGit follows
     * redirects itself, each through a new connection made here).
     */
    static final class HttpsPolicy implements HttpConnectionFactory {
        private final URI origin;
        private final Optional<List<TrustManager>> trustManagers;
        private final JDKHttpConnectionFactory delegate = new JDKHttpConnectionFactory();

        HttpsPolicy(String url, Optional<List<TrustManager>> trustManagers) {
            URI parsed;
            try {
                parsed = new URI(url);
            } catch (URISyntaxException e) {
                parsed = null;
            }
            this.origin = parsed;
            this.trustManagers = trustManagers;
        }

        @Override
        public HttpConnection create(URL url) throws IOException {
            return create(url, null);
        }

        @Override
        public HttpConnection create(URL url, Proxy proxy) throws IOException {
            URI target;
            try {
                target = url.toURI();
            } catch (URISyntaxException e) {
                throw new IOException("not a URL: " + Printable.escape(url.toString()), e);
            }
            if (origin == null
                    || !"https".equalsIgnoreCase(origin.getScheme())
                    || !HttpsSource.sameOrigin(origin, target)) {
                throw new IOException(
                        "refused to connect to "
                                + Printable.escape(url.toString())
                                + ": git over HTTPS stays on the scheme, host and port of "
                                + origin);
            }
            HttpConnection connection =
                    proxy == null ? delegate.create(url) : delegate.create(url, proxy);
            if (trustManagers.isPresent()) {
                try {
                    connection.configure(
                            null, trustManagers.get().toArray(new TrustManager[0]), null);
                } catch (java.security.GeneralSecurityException e) {
                    throw new IOException("cannot apply --ca-file: " + e.getMessage(), e);
                }
            }
            return connection;
        }
    }
}
