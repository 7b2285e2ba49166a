package org.starttlslist.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.URIish;
import org.starttlslist.export.ListExporter;
import org.starttlslist.export.PostfixPolicyMap;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.files.FileTrees;
import org.starttlslist.json.Json;
import org.starttlslist.mirror.FetchLimits;
import org.starttlslist.mirror.HttpsSettings;
import org.starttlslist.mirror.ListSource;
import org.starttlslist.mirror.ListSources;
import org.starttlslist.mirror.Mirror;
import org.starttlslist.mirror.MirrorLayout;
import org.starttlslist.model.ListTimes;
import org.starttlslist.release.ListGitAttributes;
import org.starttlslist.release.Release;
import org.starttlslist.release.ReleaseSettings;
import org.starttlslist.release.ReleaseTransaction;
import org.starttlslist.signing.SigningKey;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;
import tools.jackson.databind.node.ObjectNode;

/**
 * The README's first command: the real release pipeline on a scratch copy of a list, with a
 * throwaway key, a scratch repository and a local bare remote, so a new user sees every step work
 * without setting anything up, without network, and without touching their clone, their git
 * configuration or their GnuPG home.
 *
 * <p>Only the setting up is demo code; the release itself is {@link Release#run}, the code path of
 * {@code starttls-list release}.
 */
public final class Demo {
    /** Marks a directory the demo made, and so may replace. */
    public static final String MARKER = ".starttls-list-demo";

    static final ReleaseTransaction.Identity DEMO_COMMITTER =
            new ReleaseTransaction.Identity("starttls-list demo", "demo@starttls-list.invalid");

    /** Where the demo put everything. */
    public record Outcome(
            Path directory,
            Path maintainerDir,
            Path list,
            Path remote,
            DemoKey key,
            Release.Outcome release,
            Mirror.Outcome mirror,
            Path postfixTable) {}

    private Demo() {}

    /**
     * Runs the demo in {@code directory} from the sources of {@code source}.
     *
     * @param out where each step and its result is printed
     */
    public static Outcome run(
            ListRepository source,
            Path directory,
            Instant now,
            DemoKey.Maker keyMaker,
            PrintWriter out) {
        Path dir = directory.toAbsolutePath().normalize();
        if (source.root().startsWith(dir)) {
            throw new DemoDirectoryInUseException(dir);
        }
        step(out, "0. demo directory", prepare(dir));

        Path maintainerDir = dir.resolve("maintainer");
        DemoKey key = keyMaker.make(maintainerDir, now);
        step(
                out,
                "1. throwaway maintainer key",
                key.fingerprint()
                        + "\n     secret key: "
                        + key.secretKeyFile()
                        + " (passphrase in "
                        + key.passphraseFile()
                        + ")\n     public key: "
                        + key.publicKeyFile());

        ListSettings settings = ReleaseSettings.read(source, now);
        Path listDir = dir.resolve("list");
        Path remoteDir = dir.resolve("publish.git");
        ListRepository scratch = new ListRepository(listDir);
        ReleaseTransaction.Identity committer =
                settings.committer()
                        .map(c -> new ReleaseTransaction.Identity(c.name(), c.email()))
                        .orElse(DEMO_COMMITTER);
        makeScratchRepository(
                source, scratch, key, settings.releaseBranch(), remoteDir, committer, now);
        step(
                out,
                "2. scratch list repository",
                listDir
                        + "\n     policies/ and release/config.json copied from "
                        + source.root()
                        + ",\n     the throwaway key pinned in release/keys/ and listed as the only maintainer");
        step(out, "3. bare remote", remoteDir + " (origin of the scratch repository)");

        out.println(
                "4. release, the code of 'starttls-list -C "
                        + listDir
                        + " release --key "
                        + key.secretKeyFile()
                        + " --passphrase-file "
                        + key.passphraseFile()
                        + "':");
        out.flush();
        Release.Outcome release =
                Release.run(
                        new Release.Request(
                                scratch, now, () -> loadKey(key), committer, "origin", true),
                        line -> {
                            out.println("   " + line);
                            out.flush();
                        });

        // 5. What a mirror operator runs: fetch from the remote the release pushed to, verify
        //    against the pinned key, install as one unit. The code of 'starttls-list mirror'.
        Path mirrorDir = dir.resolve("mirror");
        MirrorLayout layout = new MirrorLayout(mirrorDir);
        Duration timeout = HttpsSettings.DEFAULT_REQUEST_TIMEOUT;
        ListSource remote =
                ListSources.parse(
                        remoteDir.toUri().toString(),
                        layout,
                        HttpsSettings.defaults(timeout),
                        timeout,
                        now);
        PinnedKeys pinned = PinnedKeys.load(List.of(key.publicKeyFile()));
        Mirror.Outcome mirrored =
                new Mirror(
                                layout,
                                new Mirror.Options(
                                        ListVerifier.Options.of(pinned, now),
                                        FetchLimits.defaults(),
                                        Duration.ofSeconds(30),
                                        Mirror.DEFAULT_KEEP))
                        .install(remote);
        step(
                out,
                "5. mirror, the code of 'starttls-list mirror --from "
                        + remoteDir.toUri()
                        + " --keys "
                        + key.publicKeyFile()
                        + " --into "
                        + mirrorDir
                        + "'",
                "\n     verified (signed by "
                        + String.join(", ", mirrored.signers())
                        + ") and installed "
                        + mirrored.release()
                        + "\n     readers use "
                        + layout.current()
                        + "/"
                        + MirrorLayout.LIST);

        // 6. What a mail operator runs on the mirrored list. The code of 'starttls-list export
        // postfix'.
        Path table = dir.resolve("postfix").resolve("tls_policy");
        PostfixPolicyMap postfix = new PostfixPolicyMap(false);
        MirrorLayout.ListFiles installed = MirrorLayout.locate(mirrorDir);
        ListExporter.Outcome exported =
                new ListExporter(postfix)
                        .export(
                                ListExporter.Request.verified(
                                        installed.list(),
                                        installed.signature(),
                                        pinned,
                                        now,
                                        table));
        String summary =
                exported instanceof ListExporter.Outcome.Written written
                        ? written.enforce()
                                + " enforce, "
                                + written.testing()
                                + " testing (as comments; --early-adopter enforces them)"
                        : "the list had expired: fallback line written";
        step(
                out,
                "6. export postfix, the code of 'starttls-list export postfix --list "
                        + mirrorDir
                        + " --keys "
                        + key.publicKeyFile()
                        + " --out "
                        + table
                        + "'",
                "\n     "
                        + table
                        + ": "
                        + summary
                        + "\n     then: postmap hash:"
                        + table
                        + " and smtp_tls_policy_maps = hash:"
                        + table
                        + " in main.cf");

        out.println();
        out.println(
                "Done: list "
                        + ListTimes.format(release.list().timestamp())
                        + " released as tag "
                        + release.tagName()
                        + " in "
                        + remoteDir);
        out.println("  published list:  " + scratch.publishedList());
        out.println("  its signature:   " + scratch.publishedSignature());
        out.println("  release commit:  " + release.commit().name() + " on " + release.branch());
        out.println("  check it:        git -C " + listDir + " log --stat -1 " + release.tagName());
        out.println(
                "  verify it:       ./starttls-list verify "
                        + scratch.publishedList()
                        + " --keys "
                        + key.publicKeyFile()
                        + " --now "
                        + ListTimes.format(now));
        out.println(
                "  the remote:      git clone "
                        + remoteDir
                        + "   (then: git verify-tag "
                        + release.tagName()
                        + " once gpg has imported "
                        + key.publicKeyFile()
                        + ")");
        out.println("  the mirror:      " + layout.current() + " -> " + mirrored.release());
        out.println("  postfix table:   " + table);
        out.flush();
        return new Outcome(dir, maintainerDir, listDir, remoteDir, key, release, mirrored, table);
    }

    private static SigningKey loadKey(DemoKey key) {
        char[] passphrase;
        try {
            passphrase =
                    Files.readString(key.passphraseFile(), java.nio.charset.StandardCharsets.UTF_8)
                            .strip()
                            .toCharArray();
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + key.passphraseFile() + ": " + e.getMessage(), e);
        }
        try {
            return SigningKey.load(key.secretKeyFile(), passphrase);
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    private static void step(PrintWriter out, String name, String result) {
        // A result that starts on its own line gets no trailing space after the colon.
        out.println(name + (result.startsWith("\n") ? ":" : ": ") + result);
        out.flush();
    }

    /**
     * Empties a directory the demo made before (marked), or makes a new one; refuses anything else.
     */
    static String prepare(Path dir) {
        try {
            String what;
            if (Files.isDirectory(dir) && Files.exists(dir.resolve(MARKER))) {
                FileTrees.delete(dir);
                what = dir + " (the previous demo there was removed)";
            } else if (Files.exists(dir) && !isEmptyDirectory(dir)) {
                throw new DemoDirectoryInUseException(dir);
            } else {
                what = dir.toString();
            }
            Files.createDirectories(dir);
            AtomicFiles.write(
                    dir.resolve(MARKER),
                    "made by 'starttls-list demo'; the next demo run deletes this directory\n"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return what;
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot prepare the demo directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void makeScratchRepository(
            ListRepository source,
            ListRepository scratch,
            DemoKey key,
            String branch,
            Path remoteDir,
            ReleaseTransaction.Identity committer,
            Instant now) {
        try {
            copyTree(source.policiesDir(), scratch.policiesDir());
            ObjectNode config =
                    (ObjectNode) Json.readStrict(Files.readAllBytes(source.configFile()));
            var maintainers = config.putArray("maintainers");
            maintainers
                    .addObject()
                    .put("name", "demo maintainer (throwaway key)")
                    .put("fingerprint", key.fingerprint());
            if (!config.has("committer")) {
                config.putObject("committer")
                        .put("name", committer.name())
                        .put("email", committer.email());
            }
            byte[] configBytes =
                    (Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config)
                                    + "\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            AtomicFiles.write(scratch.configFile(), configBytes);
            AtomicFiles.write(
                    scratch.keysDir().resolve(key.fingerprint() + ".asc"),
                    Files.readAllBytes(key.publicKeyFile()));
            AtomicFiles.write(
                    scratch.root().resolve(ListGitAttributes.FILE_NAME), ListGitAttributes.bytes());

            Git.init()
                    .setDirectory(remoteDir.toFile())
                    .setBare(true)
                    .setInitialBranch(branch)
                    .call()
                    .close();
            try (Git git =
                    Git.init()
                            .setDirectory(scratch.root().toFile())
                            .setInitialBranch(branch)
                            .call()) {
                git.add()
                        .addFilepattern(ListGitAttributes.FILE_NAME)
                        .addFilepattern("policies")
                        .addFilepattern("release")
                        .call();
                var who =
                        new org.eclipse.jgit.lib.PersonIdent(
                                committer.name(), committer.email(), now, java.time.ZoneOffset.UTC);
                git.commit()
                        .setMessage("Sources copied from " + source.root() + " for the demo\n")
                        .setAuthor(who)
                        .setCommitter(who)
                        .setSign(false)
                        .setNoVerify(true)
                        .call();
                git.remoteAdd()
                        .setName("origin")
                        .setUri(new URIish(remoteDir.toUri().toString()))
                        .call();
                // The remote starts with the sources, as a real list repository would.
                git.push().setRemote("origin").add(branch).call();
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot make the scratch list repository "
                            + scratch.root()
                            + ": "
                            + e.getMessage(),
                    e);
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new CouldNotCompleteException(
                    "git failed while making the scratch repository "
                            + scratch.root()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new CouldNotCompleteException(
                    from
                            + " does not exist; run the demo in a clone of starttls-list or pass -C DIR");
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(path)) {
                    AtomicFiles.write(target, Files.readAllBytes(path));
                }
            }
        }
    }
}
