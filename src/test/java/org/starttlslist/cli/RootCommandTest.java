package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** RootCommand's table of command names agrees with the commands' own annotations. */
class RootCommandTest {
    @Test
    void everyCommandIsFoundByTheNameItsAnnotationGives() {
        int named = 0;
        for (Class<?> command : RootCommand.COMMANDS) {
            if (command == picocli.CommandLine.HelpCommand.class) {
                continue; // "help" builds every command (CommandChoice)
            }
            Command annotation = command.getAnnotation(Command.class);
            assertEquals(command, RootCommand.named(annotation.name()), annotation.name());
            assertEquals(List.of(), List.of(annotation.aliases()), "aliases are not in the table");
            named++;
        }
        assertEquals(RootCommand.COMMANDS.size() - 1, named);
    }

    @Test
    void unknownNamesAndSubcommandsAreNotInTheTable() {
        assertNull(RootCommand.named("nope"));
        assertNull(RootCommand.named("extend"), "key's subcommand, not a top-level command");
        assertNull(RootCommand.named("Sign"), "names are exact, as picocli matches them");
        assertNull(RootCommand.named("help"), "help is CommandChoice's case: every command");
    }

    @Test
    void aCommandLineBuildsOnlyTheCommandItNames() {
        assertEquals(List.of(SignCommand.class), CommandChoice.forArgs("-C", "dir", "sign", "x"));
        assertEquals(List.of(MirrorCommand.class), CommandChoice.forArgs("--quiet", "mirror"));
        assertEquals(RootCommand.COMMANDS, CommandChoice.forArgs("sgin"));
        assertEquals(RootCommand.COMMANDS, CommandChoice.forArgs("help", "sign"));
        assertEquals(List.of(), CommandChoice.forArgs("--version"));
    }
}
