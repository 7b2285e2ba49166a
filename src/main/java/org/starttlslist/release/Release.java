package org.starttlslist.release;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.starttlslist.build.CanonicalListWriter;
import org.starttlslist.build.ListBuilder;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.model.PolicyList;
import org.starttlslist.signing.SigningKey;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.Severity;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeysUnusableException;

/**
 * Cuts a release: the only sequence there is, so a list is never signed before it is merged,
 * never published with a bad signature, and never older than the one before it.
 *
 * <ol>
 *   <li>Preflight: on the release branch, nothing uncommitted, not behind the remote, sources valid.
 *   <li>Build with one fresh timestamp; refuse unless it is later than the published list's.
 *   <li>Sign, then verify the result exactly as a mirror would, with the keys pinned in
 *       {@code release/keys/} and the previous list as the rollback reference.
 *   <li>Write, commit and tag (signed) the pair; push branch and tag atomically.
 * </ol>
 *
 * Steps 1 to 3 write nothing. Step 4 is a {@link ReleaseTransaction}: all or nothing.
 */
public final class Release {
    private static final DateTimeFormatter TAG_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * One release run.
     *
     * @param key loads (and unlocks) the signing key; called only once every check that needs no
     *     key has passed, so a refused release never asks for a passphrase
     * @param remote the remote to check against and push to
     * @param push false for {@code --no-push}: stop after the tag; the remote is still checked
     *     when it is configured
     */
    public record Request(
            ListRepository repository,
            Instant now,
            Supplier<SigningKey> key,
            ReleaseTransaction.Identity identity,
            String remote,
            boolean push) {
        public Request {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(remote, "remote");
        }
    }

    /** What was released and where it is. */
    public record Outcome(
            PolicyList list,
            ListChanges changes,
            String signer,
            String tagName,
            ObjectId commit,
            ObjectId previousCommit,
            String branch,
            Optional<String> pushedTo) {}

    private Release() {}

    /** The tag of the list published at {@code timestamp}: {@code list-20261128T120000Z}. */
    public static String tagName(Instant timestamp) {
        return "list-" + TAG_TIME.format(timestamp);
    }

    public static Outcome run(Request request, Consumer<String> progress) {
        ListRepository repository = request.repository();
        Instant timestamp = request.now().truncatedTo(ChronoUnit.SECONDS);

        // 1. Preflight. Validation runs first only because the settings name the release branch;
        //    its errors are reported after the git checks, which are cheaper to fix.
        ValidationReport report = new Validator(repository, request.now()).validateAll();
        SourceSet sources = report.sources().orElseThrow(() -> SourcesInvalidException.of(report));
        ListSettings settings = sources.settings();
        try (Git git = ListGit.open(repository)) {
            GitPreflight preflight = new GitPreflight(git);
            ObjectId head = preflight.requireOnBranch(settings.releaseBranch());
            preflight.requireClean();
            Optional<GitRemote> remote = remote(git, request);
            if (remote.isPresent()) {
                preflight.requireNotBehind(remote.get(), settings.releaseBranch(), head);
                progress.accept("preflight: on " + settings.releaseBranch() + ", working tree clean, up to date with "
                        + remote.get().name() + "/" + settings.releaseBranch());
            } else {
                progress.accept("preflight: on " + settings.releaseBranch() + ", working tree clean (no remote '"
                        + request.remote() + "' to compare with)");
            }
            if (report.hasErrors()) {
                throw SourcesInvalidException.of(report);
            }
            progress.accept("validate: " + sources.domains().size() + " domain sources, " + sources.aliases().size()
                    + " aliases, " + report.count(Severity.WARNING) + " warning(s), no errors");

            String tagName = tagName(timestamp);
            ReleaseTransaction transaction = new ReleaseTransaction(git, repository);
            transaction.requireNewTag(tagName);

            // 2. Build, newer than what is published.
            Optional<PublishedPair> published = PublishedPair.inWorkingTree(repository);
            Optional<PolicyList> previous = published.map(pair -> PolicyListParser.parse(pair.list()));
            if (previous.isPresent() && !timestamp.isAfter(previous.get().timestamp())) {
                throw new TimestampNotNewerException(previous.get().timestamp(), timestamp);
            }
            PolicyList list = ListBuilder.merge(sources, timestamp);
            byte[] listBytes = CanonicalListWriter.write(list);
            ListChanges changes = ListChanges.between(previous, list);
            progress.accept("build: " + counts(list) + ", expires " + ListTimes.format(list.expires())
                    + " (" + changes.summary() + ")");

            // 3. Sign, and check the result exactly as a mirror will.
            SigningKey key = request.key().get();
            String signer = key.primaryFingerprint();
            if (!settings.maintainerFingerprints().contains(signer)) {
                throw new SignerNotMaintainerException(signer, "is not listed under \"maintainers\" in release/config.json");
            }
            List<Path> pinned = PinnedKeyFiles.files(repository);
            if (!PinnedKeyFiles.fingerprints(pinned).contains(signer)) {
                throw new SignerNotMaintainerException(signer, "has no public key in release/keys/, so mirrors could not verify the release");
            }
            byte[] signature = key.signDetached(listBytes, timestamp);
            progress.accept("sign: release/policy.json.asc by " + signer);
            ListVerifier.Verified verified;
            try {
                ListVerifier.Options options = ListVerifier.Options.of(pinned, request.now());
                verified = ListVerifier.verify(listBytes, signature,
                        published.isPresent() ? options.withPrevious(published.get().list()) : options);
            } catch (RejectedException | PinnedKeysUnusableException e) {
                throw new SelfVerifyFailedException(e, "nothing was committed");
            }
            progress.accept("verify: the signed list passes verify with release/keys/ (signed by "
                    + String.join(", ", verified.signerFingerprints()) + ")");

            // 4. Commit, tag, push: all or nothing.
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(PublishedPair.LIST_PATH, listBytes);
            files.put(PublishedPair.SIGNATURE_PATH, signature);
            ReleaseTransaction.Plan plan = new ReleaseTransaction.Plan(files, commitMessage(list, changes, signer),
                    tagName, tagMessage(list, signer), request.identity(), timestamp, settings.releaseBranch(),
                    request.push() ? remote : Optional.empty());
            ReleaseTransaction.Outcome done = transaction.run(plan, new OpenPgpTagSigner(key, timestamp));
            progress.accept("commit: " + done.commit().abbreviate(10).name() + " on " + settings.releaseBranch()
                    + " (was " + done.previousCommit().abbreviate(10).name() + ")");
            progress.accept("tag: " + tagName + " (annotated, signed by " + signer + ")");
            if (done.pushed()) {
                progress.accept("push: " + settings.releaseBranch() + " and " + tagName + " to " + request.remote() + " (atomic)");
            } else {
                progress.accept("push: skipped (--no-push); run 'starttls-list publish' to push this release");
            }
            return new Outcome(list, changes, signer, tagName, done.commit(), done.previousCommit(),
                    settings.releaseBranch(), done.pushed() ? Optional.of(request.remote()) : Optional.empty());
        }
    }

    private static Optional<GitRemote> remote(Git git, Request request) {
        if (request.push()) {
            return Optional.of(GitRemote.named(git, request.remote()));
        }
        try {
            return Optional.of(GitRemote.named(git, request.remote()));
        } catch (RemoteNotConfiguredException e) {
            return Optional.empty();
        }
    }

    static String counts(PolicyList list) {
        return list.policies().size() + " domains (" + list.count(Mode.ENFORCE) + " enforce, "
                + list.count(Mode.TESTING) + " testing)";
    }

    static String commitMessage(PolicyList list, ListChanges changes, String signer) {
        StringBuilder message = new StringBuilder();
        message.append("Release list ").append(ListTimes.format(list.timestamp())).append("\n\n");
        message.append(counts(list)).append(", expires ").append(ListTimes.format(list.expires())).append("\n\n");
        for (String line : changes.lines()) {
            message.append(line).append('\n');
        }
        message.append("\nSigned-by-key: ").append(signer).append('\n');
        return message.toString();
    }

    static String tagMessage(PolicyList list, String signer) {
        return "starttls-list release " + ListTimes.format(list.timestamp()) + "\n\n"
                + counts(list) + ", expires " + ListTimes.format(list.expires()) + "\n"
                + "release/policy.json signed by " + signer + "\n";
    }
}
