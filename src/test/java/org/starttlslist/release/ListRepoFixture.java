package org.starttlslist.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.URIish;
import org.starttlslist.source.ListRepository;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

/**
 * A list repository in a temporary directory, made from this project's {@code policies/} and {@code
 * release/config.json}, with a maintainer key pinned, committed on {@code main} and pushed to a
 * bare remote {@code publish.git} ({@code origin}, a {@code file:} URL).
 */
final class ListRepoFixture {
    static final PersonIdent SETUP =
            new PersonIdent(
                    "fixture",
                    "fixture@example.invalid",
                    Instant.parse("2026-01-01T00:00:00Z"),
                    ZoneOffset.UTC);

    final Path list;
    final Path remote;
    final TestKey key;

    private ListRepoFixture(Path list, Path remote, TestKey key) {
        this.list = list;
        this.remote = remote;
        this.key = key;
    }

    static ListRepoFixture create(Path dir, TestKey key) {
        try {
            Path list = dir.resolve("list");
            Path remote = dir.resolve("publish.git");
            copyTree(Path.of("policies"), list.resolve("policies"));
            Files.createDirectories(list.resolve("release/keys"));
            Files.writeString(
                    list.resolve("release/keys/" + key.fingerprint() + ".asc"),
                    TestKeys.text(key.publicKey()));
            String config =
                    Files.readString(Path.of("release/config.json"))
                            .replace(
                                    "\"maintainers\": []",
                                    "\"maintainers\": [{\"name\": \"test maintainer\", \"fingerprint\": \""
                                            + key.fingerprint()
                                            + "\"}]");
            Files.writeString(list.resolve("release/config.json"), config);
            Files.writeString(list.resolve(".gitignore"), "target/\n");
            Git.init()
                    .setDirectory(remote.toFile())
                    .setBare(true)
                    .setInitialBranch("main")
                    .call()
                    .close();
            try (Git git = Git.init().setDirectory(list.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                commit(git, "Sources of the test list");
                git.remoteAdd()
                        .setName("origin")
                        .setUri(new URIish(remote.toUri().toString()))
                        .call();
                git.push().setRemote("origin").add("main").call();
            }
            return new ListRepoFixture(list, remote, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    ListRepository listRepository() {
        return new ListRepository(list);
    }

    Git git() {
        try {
            return Git.open(list.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void commit(Git git, String message) throws GitAPIException {
        git.commit().setMessage(message).setAuthor(SETUP).setCommitter(SETUP).setSign(false).call();
    }

    /** Another maintainer's clone pushes a commit to the remote. */
    void advanceRemoteFromAnotherClone(Path dir) {
        try (Git other =
                Git.cloneRepository()
                        .setURI(remote.toUri().toString())
                        .setDirectory(dir.toFile())
                        .call()) {
            Files.writeString(
                    dir.resolve("policies/other.example.json"),
                    "{\"contact\": \"postmaster@other.example\", \"mode\": \"testing\", \"mxs\": [\"mx.other.example\"]}\n");
            other.add().addFilepattern("policies").call();
            commit(other, "Add other.example");
            other.push().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every ref of a repository with what it points at: two snapshots equal means nothing moved.
     */
    static Map<String, String> refs(Path repositoryDir) {
        try (Git git = Git.open(repositoryDir.toFile())) {
            Repository repository = git.getRepository();
            Map<String, String> refs = new TreeMap<>();
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                ObjectId id = ref.getObjectId();
                refs.put(ref.getName(), id == null ? "?" : id.name());
            }
            ObjectId head = repository.resolve("HEAD");
            refs.put(
                    "HEAD", head == null ? "none" : head.name() + " " + repository.getFullBranch());
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of every file in the working tree (outside .git): equal snapshots mean untouched.
     */
    static Map<String, String> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            Map<String, String> files = new TreeMap<>();
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                if (!relative.startsWith(".git/")) {
                    files.put(
                            relative, new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /**
     * Runs the real {@code git} binary, isolated from the user's configuration; empty when absent.
     */
    static ProcessResult git(Path workDir, Path home, List<String> args) {
        try {
            List<String> command = new java.util.ArrayList<>();
            command.add("git");
            command.addAll(args);
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("GIT_"));
            env.put("HOME", home.toString());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            env.put("GIT_CONFIG_NOSYSTEM", "1");
            env.put("GIT_CONFIG_GLOBAL", "/dev/null");
            env.put("GNUPGHOME", home.resolve("gnupg").toString());
            Process process = builder.start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new ProcessResult(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record ProcessResult(int exitCode, String output) {}

    static boolean onPath(String program) {
        try {
            Process process =
                    new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
