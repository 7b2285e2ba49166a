package org.starttlslist.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.source.ListRepository;

/**
 * The git half of a release, all or nothing: write the files, commit them, make the signed tag,
 * push branch and tag atomically. If any step fails, the branch, index, working tree and tags are
 * put back as they were, so a failed release leaves no trace but the reflog.
 *
 * <p>Everything git would otherwise take from the user's configuration is set here: author,
 * committer and tagger (the release identity at the release instant, in UTC), commit signing off,
 * tag signing on with our own signer and an empty {@link GpgConfig}, hooks skipped for the commit.
 */
public final class ReleaseTransaction {
    /**
     * What to commit and tag.
     *
     * @param files repository-relative path ('/'-separated) to the exact bytes to commit
     * @param identity who commits and tags
     * @param instant the commit's and tag's time
     * @param branch the checked-out branch the commit goes on
     * @param remote where to push; empty to stop after the tag ({@code --no-push})
     */
    public record Plan(
            Map<String, byte[]> files,
            String commitMessage,
            String tagName,
            String tagMessage,
            Identity identity,
            Instant instant,
            String branch,
            Optional<GitRemote> remote) {
        public Plan {
            files = new LinkedHashMap<>(files);
            Objects.requireNonNull(commitMessage, "commitMessage");
            Objects.requireNonNull(tagName, "tagName");
            Objects.requireNonNull(tagMessage, "tagMessage");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(instant, "instant");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(remote, "remote");
        }
    }

    /** The release as made: its commit and its tag, and whether they were pushed. */
    public record Outcome(ObjectId commit, ObjectId previousCommit, String tagName, ObjectId tag, boolean pushed) {}

    /** A name and e-mail address, never read from the environment or git config. */
    public record Identity(String name, String email) {
        public Identity {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }

        PersonIdent at(Instant instant) {
            return new PersonIdent(name, email, instant, ZoneOffset.UTC);
        }
    }

    private final Git git;
    private final ListRepository list;

    public ReleaseTransaction(Git git, ListRepository list) {
        this.git = git;
        this.list = list;
    }

    /** Refuses when {@code tagName} exists locally; the remote is checked by the atomic push. */
    public void requireNewTag(String tagName) {
        try {
            if (git.getRepository().exactRef(Constants.R_TAGS + tagName) != null) {
                throw new TagExistsException(tagName);
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read tag " + tagName + ": " + e.getMessage(), e);
        }
    }

    public Outcome run(Plan plan, OpenPgpTagSigner signer) {
        requireNewTag(plan.tagName());
        ObjectId previous = resolve(Constants.R_HEADS + plan.branch());
        // Files the reset cannot remove: new ones not yet added to the index when a step fails.
        List<Path> newFiles = plan.files().keySet().stream()
                .map(path -> list.root().resolve(path))
                .filter(Files::notExists)
                .toList();
        boolean tagged = false;
        try {
            for (Map.Entry<String, byte[]> file : plan.files().entrySet()) {
                AtomicFiles.write(list.root().resolve(file.getKey()), file.getValue());
            }
            var add = git.add();
            plan.files().keySet().forEach(add::addFilepattern);
            add.call();
            PersonIdent who = plan.identity().at(plan.instant());
            RevCommit commit = git.commit()
                    .setMessage(plan.commitMessage())
                    .setAuthor(who)
                    .setCommitter(who)
                    .setSign(false)
                    .setNoVerify(true)
                    .setAllowEmpty(false)
                    .call();
            Ref tag = git.tag()
                    .setName(plan.tagName())
                    .setObjectId(commit)
                    .setAnnotated(true)
                    .setMessage(plan.tagMessage())
                    .setTagger(who)
                    .setSigned(true)
                    .setSigner(signer)
                    .setSigningKey(signer.keyId())
                    .setGpgConfig(explicitGpgConfig())
                    .setForceUpdate(false)
                    .call();
            tagged = true;
            if (plan.remote().isPresent()) {
                plan.remote().get().pushAtomically(List.of(Constants.R_HEADS + plan.branch(), Constants.R_TAGS + plan.tagName()));
            }
            return new Outcome(commit.getId(), previous, plan.tagName(), tag.getObjectId(), plan.remote().isPresent());
        } catch (IOException | GitAPIException | RuntimeException e) {
            String restoredTo = rollBack(previous, plan.tagName(), tagged, newFiles, e);
            throw new ReleaseRolledBackException(restoredTo, e);
        }
    }

    /**
     * Only the format comes from here: JGit asks the signer, which ignores the rest. Built from an
     * empty config so that no {@code gpg.*} or {@code user.signingKey} setting of the user applies.
     */
    static GpgConfig explicitGpgConfig() {
        Config config = new Config();
        config.setString("gpg", null, "format", "openpgp");
        return new GpgConfig(config);
    }

    private String rollBack(ObjectId previous, String tagName, boolean tagged, List<Path> newFiles, Exception failure) {
        List<String> problems = new ArrayList<>();
        try {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(previous.name()).call();
        } catch (GitAPIException | RuntimeException e) {
            problems.add("reset to " + previous.name() + " failed (" + e.getMessage() + ")");
        }
        for (Path file : newFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                problems.add("removing " + list.display(file) + " failed (" + e.getMessage() + ")");
            }
        }
        try {
            if (tagged || git.getRepository().exactRef(Constants.R_TAGS + tagName) != null) {
                git.tagDelete().setTags(Constants.R_TAGS + tagName).call();
            }
        } catch (IOException | GitAPIException | RuntimeException e) {
            problems.add("deleting tag " + tagName + " failed (" + e.getMessage() + ")");
        }
        if (!problems.isEmpty()) {
            CouldNotCompleteException incomplete = new CouldNotCompleteException(failure.getMessage()
                    + "; rolling back failed too: " + String.join(", ", problems)
                    + "; restore by hand with: git reset --hard " + previous.name() + " && git tag -d " + tagName, failure);
            throw incomplete;
        }
        return previous.abbreviate(10).name();
    }

    private ObjectId resolve(String ref) {
        try {
            ObjectId id = git.getRepository().resolve(ref);
            if (id == null) {
                throw new CouldNotCompleteException(ref + " does not exist; commit the list's sources first");
            }
            return id;
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot resolve " + ref + ": " + e.getMessage(), e);
        }
    }
}
