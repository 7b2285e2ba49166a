package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * {@code --help} of every command, against {@code src/test/resources/help/<command>.txt}. A change
 * to a command's options or wording shows up here for review; after checking the new text, run with
 * {@code -Dgolden.update=true} to rewrite the expected files.
 */
class HelpGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/help");

    @TestFactory
    Stream<DynamicTest> everyCommand() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CommandLine command : GenerateDocs.allCommands(GenerateDocs.commandLine())) {
            String name = command.getCommandSpec().qualifiedName("-");
            tests.add(DynamicTest.dynamicTest(name, () -> check(command, name)));
        }
        return tests.stream();
    }

    private static void check(CommandLine command, String name) throws Exception {
        List<String> args =
                new ArrayList<>(List.of(command.getCommandSpec().qualifiedName(" ").split(" ")));
        args.remove(0);
        args.add("--help");
        org.starttlslist.testing.CliRun run =
                org.starttlslist.testing.CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        Path expected = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(expected, run.out(), StandardCharsets.UTF_8);
        }
        assertEquals(
                Files.exists(expected)
                        ? Files.readString(expected, StandardCharsets.UTF_8)
                        : "(no " + expected + ")",
                run.out(),
                name + " --help changed; review it and run with -Dgolden.update=true");
    }
}
