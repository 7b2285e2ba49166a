package org.starttlslist.cli;

import java.util.List;

/**
 * Which commands a command line needs built: the one it names; none for {@code --version}; all of
 * them otherwise (the root's --help lists them; an unknown name gets "did you mean"; {@code help}
 * may name any). Names come from {@link RootCommand#named}, a table that repeats each class's
 * {@code @Command} name without reading the annotations.
 */
final class CommandChoice {
    /** Root options that take a value, so the value is not taken for a command name. */
    private static final List<String> ROOT_OPTIONS_WITH_VALUE = List.of("-C");

    private CommandChoice() {}

    static List<Class<?>> forArgs(String... args) {
        String name = commandName(args);
        if (name == null) {
            // --version needs no command; --help, no arguments and usage errors list them all.
            return List.of(args).contains("--version") || List.of(args).contains("-V")
                    ? List.of()
                    : RootCommand.COMMANDS;
        }
        if (name.equals("help")) {
            return RootCommand.COMMANDS;
        }
        Class<?> command = RootCommand.named(name);
        if (command != null) {
            return List.of(command);
        }
        return RootCommand.COMMANDS;
    }

    /** The first argument that is not a root option or its value; null when there is none. */
    private static String commandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            } else if (arg.equals("--")) {
                return null;
            }
        }
        return null;
    }
}
