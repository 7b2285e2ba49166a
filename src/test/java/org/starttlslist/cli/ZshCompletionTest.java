package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The generated zsh function {@code _starttls-list}: one function per command naming each of its
 * options with a description, the parent offering it by name; and, when zsh is installed, zsh
 * parses it and compinit registers it for the command.
 */
class ZshCompletionTest {
    private static final Path ZSH = Path.of("/usr/bin/zsh");

    @TempDir Path tmp;

    @Test
    void everyCommandHasAFunction_namingEachOfItsOptions_offeredByItsParent() throws Exception {
        GenerateDocs.write(tmp, "test");
        String zsh = Files.readString(tmp.resolve("completion/_starttls-list"));
        assertTrue(zsh.startsWith("#compdef starttls-list\n"), zsh.lines().findFirst().orElse(""));
        for (CommandLine command : GenerateDocs.allCommands(GenerateDocs.commandLine())) {
            CommandSpec spec = command.getCommandSpec();
            String body = body(zsh, function(spec));
            for (OptionSpec option : spec.options()) {
                if (option.hidden()) {
                    continue;
                }
                for (String name : option.names()) {
                    assertTrue(
                            body.contains(name + "[") || body.contains(name + "=["),
                            function(spec) + " lacks " + name);
                }
            }
            if (spec.parent() != null) {
                String parent = body(zsh, function(spec.parent()));
                assertTrue(
                        parent.contains("'" + spec.name() + ":"),
                        function(spec.parent()) + " does not offer " + spec.name());
                assertTrue(
                        parent.contains(") " + function(spec) + " ;;"),
                        function(spec.parent()) + " does not dispatch to " + function(spec));
            }
        }
    }

    @Test
    void enumValuesAreOffered_andPathsCompletedAsFiles() throws Exception {
        String zsh = ZshCompletion.of(GenerateDocs.commandLine());
        String status = body(zsh, "_starttls-list_status");
        assertTrue(status.contains("--format=["), status);
        assertTrue(status.contains(":FORMAT:(text json)'"), status);
        assertTrue(body(zsh, "_starttls-list").contains("'-C["), "root lacks -C");
        assertTrue(zsh.contains(":_files'"), "no option completes files");
    }

    @Test
    void zshParsesIt_andCompinitRegistersItForTheCommand() throws Exception {
        assumeTrue(Files.isExecutable(ZSH), "zsh is not installed (apt-get install zsh)");
        Path functions = Files.createDirectories(tmp.resolve("functions"));
        Files.writeString(
                functions.resolve("_starttls-list"),
                ZshCompletion.of(GenerateDocs.commandLine()),
                StandardCharsets.UTF_8);

        assertEquals("", zsh("-n", functions.resolve("_starttls-list").toString()));
        String loaded =
                zsh(
                        "-f",
                        "-c",
                        "fpath=("
                                + functions
                                + " $fpath); autoload -Uz compinit; compinit -u -d "
                                + tmp.resolve("zcompdump")
                                + " && autoload +X _starttls-list"
                                + " && print -r -- $_comps[starttls-list]"
                                + " && print -r -- ${+functions[_starttls-list]}");
        assertEquals("_starttls-list\n1\n", loaded);
    }

    /** Runs zsh with an empty home (no user's .zshrc); stdout and stderr together. */
    private String zsh(String... arguments) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(
                                java.util.stream.Stream.concat(
                                                java.util.stream.Stream.of(ZSH.toString()),
                                                java.util.stream.Stream.of(arguments))
                                        .toList())
                        .redirectErrorStream(true);
        builder.environment().put("HOME", tmp.toString());
        builder.environment().put("ZDOTDIR", tmp.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "zsh did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static String function(CommandSpec spec) {
        return "_" + spec.qualifiedName().replace(' ', '_');
    }

    private static String body(String zsh, String function) {
        int start = zsh.indexOf("\n" + function + "() {\n");
        assertTrue(start >= 0, "no function " + function);
        int end = zsh.indexOf("\n}\n", start);
        return zsh.substring(start, end);
    }
}
