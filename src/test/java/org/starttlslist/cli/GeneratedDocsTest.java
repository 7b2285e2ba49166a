package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The manual pages and completion match the commands: one page per command naming each of its
 * options, and completion offering every command and option. (PackagedDocsIT checks the files the
 * build put into the packages.)
 */
class GeneratedDocsTest {
    @TempDir Path tmp;

    @Test
    void onePagePerCommand_eachOptionOnItsPage_everythingInTheCompletion() throws Exception {
        GenerateDocs.write(tmp, "test");
        String completion = Files.readString(tmp.resolve("completion/starttls-list.bash"));
        Set<String> expectedPages = new TreeSet<>();
        for (CommandLine command : GenerateDocs.allCommands(GenerateDocs.commandLine())) {
            String page = ManPage.fileName(command);
            expectedPages.add(page);
            String text = Files.readString(tmp.resolve("man/man1").resolve(page));
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.hidden()) {
                    continue; // test-only options (check's --smtp-port) are documented nowhere
                }
                for (String name : option.names()) {
                    assertTrue(text.contains(ManPage.escape(name)), page + " lacks " + name);
                    assertTrue(completion.contains(name), "completion lacks " + name);
                }
            }
            assertTrue(
                    completion.contains(command.getCommandName()),
                    "completion lacks " + command.getCommandName());
        }
        assertEquals(expectedPages, listing(tmp.resolve("man/man1")));
    }

    @Test
    void everyCommandSaysWhatItDoesInOneSentence_andHasExamples() {
        for (CommandLine command : GenerateDocs.allCommands(GenerateDocs.commandLine())) {
            if (command.getCommandSpec().parent() == null) {
                continue;
            }
            String name = command.getCommandSpec().qualifiedName();
            String[] header = command.getCommandSpec().usageMessage().header();
            assertEquals(1, header.length, name);
            assertTrue(
                    header[0].matches("[A-Z][^\\n]*\\.") && header[0].indexOf(". ") < 0,
                    name + ": " + header[0]);
            assertTrue(
                    String.join("\n", command.getCommandSpec().usageMessage().footer())
                            .contains("Examples:\n  starttls-list "),
                    name);
        }
    }

    private static Set<String> listing(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
