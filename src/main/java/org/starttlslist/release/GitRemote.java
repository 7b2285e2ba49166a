package org.starttlslist.release;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.remote.RemoteAccess;
import org.starttlslist.remote.RemoteException;

/**
 * The one remote a release is checked against and pushed to, by its configured name. Every exchange
 * has a deadline ({@link #DEFAULT_TIMEOUT} unless given): JGit applies it to connecting and to each
 * read, so a remote that accepts the connection and never answers ends in {@link
 * RemoteTimedOutException} instead of a hang.
 */
public final class GitRemote {
    /** How long to wait to connect, and for each answer of the remote. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Git git;
    private final String name;
    private final Duration timeout;
    private final RemoteAccess access;

    private GitRemote(Git git, String name, Duration timeout) {
        this.git = git;
        this.name = name;
        this.timeout = timeout;
        this.access = RemoteAccess.forRepository(git.getRepository());
    }

    /** The remote called {@code name}, with {@link #DEFAULT_TIMEOUT}. */
    public static GitRemote named(Git git, String name) {
        return named(git, name, DEFAULT_TIMEOUT);
    }

    /**
     * The remote called {@code name} in the clone's configuration, with this connect and read
     * deadline.
     */
    public static GitRemote named(Git git, String name, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "timeout must be between 1 s and " + Integer.MAX_VALUE + " s, was " + timeout);
        }
        try {
            RemoteConfig config = new RemoteConfig(git.getRepository().getConfig(), name);
            if (config.getURIs().isEmpty()) {
                throw new RemoteNotConfiguredException(name);
            }
        } catch (URISyntaxException e) {
            throw new CouldNotCompleteException(
                    "the URL of git remote '" + name + "' is invalid: " + e.getMessage(), e);
        }
        return new GitRemote(git, name, timeout);
    }

    private int seconds() {
        return (int) Math.max(1, timeout.toSeconds());
    }

    /**
     * Runs one exchange with the remote under a deadline. JGit's own timeout does not stop a read
     * on a plain socket (the git:// transport) on current JDKs, so the exchange runs on its own
     * daemon thread and is abandoned, not waited for, when the deadline passes.
     */
    private <T> T withDeadline(String action, java.util.concurrent.Callable<T> exchange)
            throws Exception {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(exchange);
        Thread worker = new Thread(task, "git-remote-" + name);
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            task.cancel(true);
            throw new RemoteTimedOutException(name, action, seconds(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause
                    ? cause
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private CouldNotCompleteException unreachable(String action, Exception e) {
        if (e instanceof RemoteTimedOutException timedOut) {
            return timedOut;
        }
        // Authentication, host keys, permissions: the transport layer knows which it was.
        Optional<RemoteException> known = access.failure(name, action, e);
        if (known.isPresent()) {
            return known.get();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (cause instanceof InterruptedIOException
                    || message.contains("timed out")
                    || message.contains("timeout")) {
                return new RemoteTimedOutException(name, action, seconds(), e);
            }
        }
        return new RemoteUnreachableException(name, action, e);
    }

    public String name() {
        return name;
    }

    /**
     * Fetches the remote's {@code branch} into {@code refs/remotes/NAME/BRANCH} (no tags) and
     * returns its commit; empty when the remote has no such branch yet.
     */
    public Optional<ObjectId> fetchBranch(String branch) {
        String tracking = "refs/remotes/" + name + "/" + branch;
        FetchResult result;
        try {
            // JGit refuses to fetch a ref the remote lacks; a remote without the branch is a first
            // release.
            boolean hasBranch =
                    withDeadline(
                                    "fetch from",
                                    () ->
                                            access.configure(
                                                            git.lsRemote()
                                                                    .setRemote(name)
                                                                    .setHeads(true))
                                                    .setTimeout(seconds())
                                                    .call())
                            .stream()
                            .anyMatch(ref -> ref.getName().equals("refs/heads/" + branch));
            if (!hasBranch) {
                return Optional.empty();
            }
            result =
                    withDeadline(
                            "fetch from",
                            () ->
                                    access.configure(git.fetch())
                                            .setRemote(name)
                                            .setRefSpecs(
                                                    new RefSpec(
                                                            "+refs/heads/"
                                                                    + branch
                                                                    + ":"
                                                                    + tracking))
                                            .setTagOpt(TagOpt.NO_TAGS)
                                            .setTimeout(seconds())
                                            .setRemoveDeletedRefs(false)
                                            .call());
        } catch (Exception e) {
            throw unreachable("fetch from", e);
        }
        Ref advertised = result.getAdvertisedRef("refs/heads/" + branch);
        return Optional.ofNullable(advertised).map(Ref::getObjectId);
    }

    /**
     * Pushes {@code refs} (each {@code refs/...} to the same name on the remote) atomically: the
     * remote takes all or none. JGit does not throw when the remote refuses a ref, so every ref's
     * status is checked; anything but OK or already up to date is a refusal.
     */
    public void pushAtomically(List<String> refs) {
        List<RefSpec> specs = refs.stream().map(ref -> new RefSpec(ref + ":" + ref)).toList();
        Iterable<PushResult> results;
        try {
            results =
                    withDeadline(
                            "push to",
                            () ->
                                    access.configure(git.push())
                                            .setRemote(name)
                                            .setRefSpecs(specs)
                                            .setAtomic(true)
                                            .setForce(false)
                                            .setTimeout(seconds())
                                            .call());
        } catch (Exception e) {
            throw unreachable("push to", e);
        }
        List<String> refusals = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                answered.add(update.getRemoteName());
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE -> {}
                    default -> refusals.add(update.getRemoteName() + ": " + describe(update));
                }
            }
        }
        for (String ref : refs) {
            if (!answered.contains(ref)) {
                refusals.add(ref + ": the remote did not report on it");
            }
        }
        if (!refusals.isEmpty()) {
            throw new PushRejectedException(name, refusals);
        }
    }

    private static String describe(RemoteRefUpdate update) {
        boolean tag = update.getRemoteName().startsWith(org.eclipse.jgit.lib.Constants.R_TAGS);
        String status =
                switch (update.getStatus()) {
                    case REJECTED_NONFASTFORWARD ->
                            tag
                                    ? "rejected, the remote already has this tag (tags are never moved)"
                                    : "rejected, the remote has commits this clone lacks (non-fast-forward)";
                    case REJECTED_REMOTE_CHANGED -> "rejected, the remote changed during the push";
                    case REJECTED_NODELETE -> "rejected, the remote does not allow deleting";
                    case REJECTED_OTHER_REASON -> "rejected";
                    case NOT_ATTEMPTED ->
                            "not attempted (another ref of the atomic push was refused)";
                    case NON_EXISTING -> "does not exist";
                    case AWAITING_REPORT -> "no report from the remote";
                    default -> update.getStatus().toString();
                };
        return update.getMessage() == null ? status : status + " (" + update.getMessage() + ")";
    }

    /** Whether {@code ancestor} is reachable from {@code descendant}. */
    static boolean isAncestor(Git git, ObjectId ancestor, ObjectId descendant) {
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(git.getRepository())) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot compare commits "
                            + ancestor.name()
                            + " and "
                            + descendant.name()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
