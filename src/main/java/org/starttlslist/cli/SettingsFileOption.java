package org.starttlslist.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.TreeSet;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.settings.MalformedSettingsException;
import org.starttlslist.settings.SettingsFile;
import org.starttlslist.spelling.NearestName;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --config FILE}: the command's options from a settings file, each key a long option name
 * without its dashes. A flag given on the command line (before or after {@code --config}) wins over
 * the file. The file's settings become ordinary arguments, parsed and checked exactly like typed
 * ones; relative paths in it are relative to the file's directory, so {@code keys =
 * keys/maintainer.asc} in {@code /etc/starttls-list/mirror.conf} means {@code
 * /etc/starttls-list/keys/maintainer.asc}.
 */
final class SettingsFileOption {
    /** Options that make no sense in a settings file. */
    private static final List<String> NOT_SETTINGS =
            List.of("config", "help", "version", "print-schedule", "now", "quiet", "stacktrace");

    @Option(
            names = "--config",
            paramLabel = "FILE",
            preprocessor = Expand.class,
            description =
                    "Read settings from FILE (key = value, keys are the long options without dashes);"
                            + " flags on the command line override it.")
    Path config;

    static final class Expand implements IParameterPreprocessor {
        @Override
        public boolean preprocess(
                Stack<String> args,
                CommandSpec command,
                ArgSpec argSpec,
                Map<String, Object> info) {
            if (args.isEmpty()) {
                return false; // picocli reports the missing FILE
            }
            Path file = Path.of(args.pop());
            argSpec.setValue(file);
            try {
                expand(args, command, file);
            } catch (RejectedException | CouldNotCompleteException e) {
                // A settings file stands for command-line options: its faults are usage errors
                // (exit 2).
                throw new ParameterException(
                        command.commandLine(), e.getMessage(), e, argSpec, file.toString());
            }
            return true;
        }

        private static void expand(Stack<String> args, CommandSpec command, Path file) {
            SettingsFile settings = SettingsFile.read(file);
            List<String> expanded = new ArrayList<>();
            for (SettingsFile.Entry entry : settings.entries()) {
                OptionSpec option =
                        NOT_SETTINGS.contains(entry.key())
                                ? null
                                : command.findOption("--" + entry.key());
                if (option == null) {
                    throw new MalformedSettingsException(
                            file, entry.line(), unknown(entry.key(), command));
                }
                if (given(option, args)) {
                    continue;
                }
                if (isBoolean(option)) {
                    if (!entry.value().matches("true|false")) {
                        throw new MalformedSettingsException(
                                file,
                                entry.line(),
                                "'"
                                        + entry.key()
                                        + "' is true or false, not '"
                                        + entry.value()
                                        + "'");
                    }
                    if (entry.value().equals("true")) {
                        expanded.add(option.longestName());
                    }
                    continue;
                }
                expanded.add(option.longestName());
                expanded.add(isPath(option) ? relativeTo(file, entry.value()) : entry.value());
            }
            for (int i = expanded.size() - 1; i >= 0; i--) {
                args.push(expanded.get(i));
            }
        }

        private static String unknown(String key, CommandSpec command) {
            TreeSet<String> names = new TreeSet<>();
            for (OptionSpec option : command.options()) {
                String name = option.longestName().replaceFirst("^--?", "");
                if (option.longestName().startsWith("--") && !NOT_SETTINGS.contains(name)) {
                    names.add(name);
                }
            }
            return "'"
                    + key
                    + "' is not a setting of '"
                    + command.qualifiedName()
                    + "'"
                    + NearestName.among(key, names)
                            .map(n -> "; did you mean '" + n + "'?")
                            .orElse("")
                    + " (settings: "
                    + String.join(", ", names)
                    + ")";
        }

        /** On the command line already: matched before --config, or still to come after it. */
        private static boolean given(OptionSpec option, Stack<String> rest) {
            if (!option.originalStringValues().isEmpty()) {
                return true;
            }
            for (String arg : rest) {
                for (String name : option.names()) {
                    if (arg.equals(name) || arg.startsWith(name + "=")) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean isBoolean(OptionSpec option) {
            return option.type() == boolean.class || option.type() == Boolean.class;
        }

        private static boolean isPath(OptionSpec option) {
            if (option.type() == Path.class) {
                return true;
            }
            Class<?>[] auxiliary = option.auxiliaryTypes();
            return auxiliary.length == 1 && auxiliary[0] == Path.class && option.isMultiValue();
        }

        /** Each comma-separated path, resolved against the settings file's directory. */
        private static String relativeTo(Path file, String value) {
            Path base = file.toAbsolutePath().getParent();
            List<String> parts = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                parts.add(base.resolve(part.strip()).normalize().toString());
            }
            return String.join(",", parts);
        }
    }
}
