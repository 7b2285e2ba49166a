package org.starttlslist.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package launcher's JVM options per command: C1 only, except sign (C2 for the SHA-256
 * intrinsic in the S2K), a 16 MB young generation for validate and build, and
 * STARTTLS_LIST_JAVA_OPTS replacing them for every command. The java it runs is a script that
 * records its arguments.
 */
class LauncherJvmOptionsTest {
    @TempDir Path tmp;

    /** Where the launcher runs; a test may put files there that an option would match as a glob. */
    private Path workingDirectory = Path.of("").toAbsolutePath();

    private String javaArgs(String javaOpts, String... args) throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("runtime/bin"));
        Files.createDirectories(home.resolve("lib"));
        Path launcher = home.resolve("bin/starttls-list");
        Files.copy(
                Path.of("packaging/bin/starttls-list"),
                launcher,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path java = home.resolve("runtime/bin/java");
        Path record = tmp.resolve("args");
        Files.writeString(java, "#!/bin/sh\nprintf '%s ' \"$@\" > '" + record + "'\n");
        for (Path script : List.of(launcher, java)) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder run = new ProcessBuilder();
        run.command().add(launcher.toString());
        run.command().addAll(List.of(args));
        run.environment().put("STARTTLS_LIST_CDS", "off");
        run.environment().remove("STARTTLS_LIST_JAVA_OPTS");
        if (javaOpts != null) {
            run.environment().put("STARTTLS_LIST_JAVA_OPTS", javaOpts);
        }
        run.directory(workingDirectory.toFile());
        Process process = run.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return withoutHugePages(Files.readString(record).strip());
    }

    private static final String HUGE_PAGES = " -XX:+UseTransparentHugePages";

    /** Whether this kernel offers transparent huge pages to a process that asks (madvise). */
    private static boolean kernelOffersHugePages() throws Exception {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        if (!Files.isReadable(mode)) {
            return false;
        }
        String line = Files.readString(mode);
        return line.contains("[always]") || line.contains("[madvise]");
    }

    /**
     * The recorded options without the huge-pages flag, which the launchers add by default exactly
     * when the kernel offers huge pages (asserted here), so that the other assertions hold on any
     * machine.
     */
    private static String withoutHugePages(String recorded) throws Exception {
        boolean defaults = !recorded.startsWith("-Xmx64m");
        assertEquals(
                defaults && kernelOffersHugePages(),
                recorded.contains(HUGE_PAGES),
                "huge pages asked for by default exactly when the kernel offers them: " + recorded);
        return recorded.replace(HUGE_PAGES, "");
    }

    /**
     * sign's options: C2, with the JDK's SHA-2 compiled early, and where this CPU has what the
     * JDK's SHA-2 intrinsics need (x86-64: AVX2 and BMI2) onto the intrinsics only.
     */
    private static final String SIGN =
            "-XX:+UseSerialGC -XX:CompileCommand=quiet"
                    + " -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.*::*,0.05"
                    + (shaIntrinsics()
                            ? " -XX:CompileCommand=exclude,sun.security.provider.SHA2::implCompress0"
                                    + " -XX:CompileCommand=exclude,sun.security.provider.SHA5::implCompress0"
                            : "");

    /** The first CPU's flags name AVX2 and BMI2, as the launcher reads /proc/cpuinfo. */
    private static boolean shaIntrinsics() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> List.of((line + " ").split("\\s+")))
                    .map(flags -> flags.contains("avx2") && flags.contains("bmi2"))
                    .orElse(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void signRunsWithC2AndEverythingElseWithC1Only() throws Exception {
        String jar = tmp.resolve("home/lib/starttls-list.jar").toString();
        assertEquals(
                SIGN + " -jar " + jar + " -C /srv/list sign policy.json",
                javaArgs(null, "-C", "/srv/list", "sign", "policy.json"));
        assertEquals(
                SIGN + " -jar " + jar + " --stacktrace sign policy.json",
                javaArgs(null, "--stacktrace", "sign", "policy.json"));
        assertEquals(
                "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn16m -XX:CompileThresholdScaling=0.5 -jar "
                        + jar
                        + " -C sign validate",
                javaArgs(null, "-C", "sign", "validate"));
        assertEquals(
                "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + jar + " verify sign",
                javaArgs(null, "verify", "sign"));
        assertTrue(javaArgs(null, "-C").startsWith("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 "));
    }

    /**
     * The options are words, never file patterns: a file that sign's pattern matches is not used.
     */
    @Test
    void optionPatternsAreNotExpandedAgainstFiles() throws Exception {
        workingDirectory = Files.createDirectories(tmp.resolve("cwd"));
        Files.createFile(
                workingDirectory.resolve(
                        "-XX:CompileCommand=CompileThresholdScaling,sun.security.provider.x::y,0.05"));
        String jar = tmp.resolve("home/lib/starttls-list.jar").toString();
        assertEquals(
                SIGN + " -jar " + jar + " sign policy.json", javaArgs(null, "sign", "policy.json"));
    }

    /**
     * mirror's young generation is capped (its peak memory, issue #16), its heap is not (a raised
     * --max-list-bytes must not meet a cap); the checkout's launcher says the same as the
     * package's.
     */
    @Test
    void mirrorRunsWithACappedYoungGenerationInBothLaunchers() throws Exception {
        String jar = tmp.resolve("home/lib/starttls-list.jar").toString();
        assertEquals(
                "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn64m -jar "
                        + jar
                        + " -C /srv mirror --max-list-bytes 99999999",
                javaArgs(null, "-C", "/srv", "mirror", "--max-list-bytes", "99999999"));
        assertEquals("-Xmx64m -jar " + jar + " mirror", javaArgs("-Xmx64m", "mirror"));

        // The checkout's launcher, with a jar newer than its (absent) sources and java on PATH.
        Path checkout = tmp.resolve("checkout");
        Files.createDirectories(checkout.resolve("target"));
        Path launcher = checkout.resolve("starttls-list");
        Files.copy(Path.of("starttls-list"), launcher);
        Path checkoutJar = Files.write(checkout.resolve("target/starttls-list.jar"), new byte[0]);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path record = tmp.resolve("checkout-args");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s ' \"$@\" > '" + record + "'\n");
        for (Path script : List.of(launcher, java)) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String command : List.of("mirror", "verify")) {
            ProcessBuilder run = new ProcessBuilder(launcher.toString(), command);
            run.environment().put("STARTTLS_LIST_CDS", "off");
            run.environment().remove("STARTTLS_LIST_JAVA_OPTS");
            run.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            Process process = run.redirectErrorStream(true).start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), output);
            String expected =
                    command.equals("mirror")
                            ? "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn64m"
                            : "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";
            assertEquals(
                    expected + " -jar " + checkoutJar + " " + command,
                    withoutHugePages(Files.readString(record).strip()));
        }
    }

    @Test
    void validateAndBuildRunWithASmallYoungGeneration() throws Exception {
        String jar = tmp.resolve("home/lib/starttls-list.jar").toString();
        assertEquals(
                "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn16m -XX:CompileThresholdScaling=0.5 -jar "
                        + jar
                        + " -C /srv/list build --out p.json",
                javaArgs(null, "-C", "/srv/list", "build", "--out", "p.json"));
        assertEquals(
                "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn16m -XX:CompileThresholdScaling=0.5 -jar "
                        + jar
                        + " validate",
                javaArgs(null, "validate"));
        assertEquals("-Xmx64m -jar " + jar + " build", javaArgs("-Xmx64m", "build"));
    }

    @Test
    void javaOptsReplaceTheDefaultsForSignToo() throws Exception {
        String jar = tmp.resolve("home/lib/starttls-list.jar").toString();
        assertEquals(
                "-Xmx64m -jar " + jar + " sign policy.json",
                javaArgs("-Xmx64m", "sign", "policy.json"));
        assertEquals("-Xmx64m -jar " + jar + " validate", javaArgs("-Xmx64m", "validate"));
    }
}
