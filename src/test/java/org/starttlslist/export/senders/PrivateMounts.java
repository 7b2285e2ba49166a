package org.starttlslist.export.senders;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a program in a private mount namespace ({@code unshare -m}) where some of the machine's
 * files are replaced, for that program and its children only, by bind mounts of the test's own
 * files: a {@code resolv.conf} naming the test's dnsmasq, a {@code passwd} with Exim's user. The
 * machine's {@code /etc} is never written.
 */
public final class PrivateMounts {
    // Mount each pair, then run the program in place of the shell (same process, same namespace).
    private static final String SCRIPT =
            "while [ \"$1\" != -- ]; do mount --bind \"$1\" \"$2\" || exit 99; shift 2; done; shift; exec \"$@\"";

    private final Map<Path, Path> binds = new LinkedHashMap<>();

    /** Over {@code target} (a file of the machine), the program sees {@code replacement}. */
    public PrivateMounts bind(Path replacement, Path target) {
        binds.put(target, replacement);
        return this;
    }

    /** {@code command}, wrapped so that it runs with the bind mounts. */
    public List<String> wrap(List<String> command) {
        List<String> wrapped =
                new ArrayList<>(
                        List.of(
                                unshare().toString(),
                                "--mount",
                                "--propagation",
                                "private",
                                "/bin/sh",
                                "-c",
                                SCRIPT,
                                "sh"));
        binds.forEach(
                (target, replacement) -> {
                    wrapped.add(replacement.toAbsolutePath().toString());
                    wrapped.add(target.toString());
                });
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    /** Skips the calling test, saying why, where private mount namespaces cannot be made. */
    public static void requireAvailable() {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "skipped: the sending MTAs run in a private mount namespace, which needs root");
        assumeTrue(
                Files.isExecutable(unshare()),
                "skipped: unshare is not installed (apt-get install util-linux)");
        try {
            Process probe =
                    new ProcessBuilder(
                                    unshare().toString(),
                                    "--mount",
                                    "--propagation",
                                    "private",
                                    "/bin/true")
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(
                    probe.waitFor() == 0,
                    "skipped: unshare --mount does not work here: " + output.strip());
        } catch (IOException e) {
            assumeTrue(false, "skipped: unshare could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path unshare() {
        return Files.isExecutable(Path.of("/usr/bin/unshare"))
                ? Path.of("/usr/bin/unshare")
                : Path.of("/bin/unshare");
    }
}
