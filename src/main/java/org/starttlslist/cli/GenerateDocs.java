package org.starttlslist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Run by the build (package phase): writes the manual pages and shell completion from the commands
 * themselves into a directory, for both packages.
 *
 * <pre>
 * DIR/man/man1/starttls-list.1, starttls-list-&lt;command&gt;.1, ...
 * DIR/completion/starttls-list.bash   (bash; picocli's generator)
 * DIR/completion/_starttls-list       (zsh: a native completion function for $fpath)
 * </pre>
 */
public final class GenerateDocs {
    private GenerateDocs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateDocs OUTPUT-DIR VERSION");
        }
        write(Path.of(args[0]), args[1]);
    }

    static void write(Path directory, String version) throws IOException {
        CommandLine root = commandLine();
        Path man = directory.resolve("man/man1");
        Files.createDirectories(man);
        for (CommandLine command : allCommands(root)) {
            Files.writeString(
                    man.resolve(ManPage.fileName(command)),
                    ManPage.of(command, version),
                    StandardCharsets.UTF_8);
        }
        Path completion = directory.resolve("completion");
        Files.createDirectories(completion);
        String bash = AutoComplete.bash("starttls-list", root);
        Files.writeString(completion.resolve("starttls-list.bash"), bash, StandardCharsets.UTF_8);
        Files.writeString(
                completion.resolve("_starttls-list"),
                ZshCompletion.of(root),
                StandardCharsets.UTF_8);
    }

    static CommandLine commandLine() {
        Writer nowhere = Writer.nullWriter();
        return CommandLines.create(new PrintWriter(nowhere), new PrintWriter(nowhere));
    }

    /** Every command and subcommand, depth first, without the built-in help command. */
    static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand) && !all.contains(sub)) {
                all.addAll(allCommands(sub));
            }
        }
        return all;
    }
}
