package org.starttlslist.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A native zsh completion function ({@code _starttls-list}, for a directory on {@code $fpath})
 * written from the picocli commands: one function per command, {@code _arguments} with each
 * option's description, enum values offered, paths completed as files, and subcommands dispatched
 * by name. Picocli only generates bash completion, which zsh could run only through bashcompinit,
 * without descriptions.
 */
final class ZshCompletion {
    private static final Pattern MARKUP = Pattern.compile("@\\|[a-z,]+ (.*?)\\|@");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    private ZshCompletion() {}

    static String of(CommandLine root) {
        String name = root.getCommandName();
        StringBuilder out = new StringBuilder();
        out.append("#compdef ").append(name).append('\n');
        out.append("# zsh completion for ")
                .append(name)
                .append(", generated from its commands at build time (cli/GenerateDocs).\n")
                .append("# Installed into a directory on $fpath (Debian: /usr/share/zsh/")
                .append("vendor-completions); compinit picks it up.\n\n");
        function(root, "_" + name, out);
        out.append('\n').append("_").append(name).append(" \"$@\"\n");
        return out.toString();
    }

    private static void function(CommandLine command, String function, StringBuilder out) {
        Map<CommandLine, List<String>> subcommands = subcommands(command);
        CommandSpec spec = command.getCommandSpec();
        out.append(function).append("() {\n");
        if (!subcommands.isEmpty()) {
            out.append("  local curcontext=\"$curcontext\" state line\n");
            out.append("  typeset -A opt_args\n");
            out.append("  _arguments -C -s -S");
        } else {
            out.append("  _arguments -s -S");
        }
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                for (String line : optionSpecs(option)) {
                    out.append(" \\\n    ").append(line);
                }
            }
        }
        if (subcommands.isEmpty()) {
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                if (!positional.hidden()) {
                    out.append(" \\\n    ").append(positionalSpec(positional));
                }
            }
            out.append("\n}\n\n");
            return;
        }
        out.append(" \\\n    '1: :->command' \\\n    '*:: :->argument'\n");
        out.append("  case $state in\n    command)\n      local -a commands\n      commands=(\n");
        for (Map.Entry<CommandLine, List<String>> sub : subcommands.entrySet()) {
            String summary = summary(sub.getKey().getCommandSpec());
            for (String alias : sub.getValue()) {
                out.append("        ").append(quote(colons(alias) + ":" + summary)).append('\n');
            }
        }
        out.append("      )\n      _describe -t commands ")
                .append(quote(spec.qualifiedName() + " command"))
                .append(" commands\n      ;;\n    argument)\n")
                .append("      curcontext=\"${curcontext%:*:*}:")
                .append(spec.qualifiedName().replace(' ', '-'))
                .append("-$words[1]:\"\n      case $words[1] in\n");
        List<CommandLine> order = new ArrayList<>(subcommands.keySet());
        for (CommandLine sub : order) {
            out.append("        ")
                    .append(String.join("|", subcommands.get(sub)))
                    .append(") ")
                    .append(function)
                    .append('_')
                    .append(sub.getCommandName())
                    .append(" ;;\n");
        }
        out.append("      esac\n      ;;\n  esac\n}\n\n");
        for (CommandLine sub : order) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                helpFunction(function + "_" + sub.getCommandName(), subcommands, out);
            } else {
                function(sub, function + "_" + sub.getCommandName(), out);
            }
        }
    }

    /** {@code help COMMAND}: offers the sibling commands. */
    private static void helpFunction(
            String function, Map<CommandLine, List<String>> siblings, StringBuilder out) {
        StringBuilder names = new StringBuilder();
        for (List<String> aliases : siblings.values()) {
            for (String alias : aliases) {
                names.append(names.length() == 0 ? "" : " ").append(value(alias));
            }
        }
        out.append(function)
                .append("() {\n  _arguments ")
                .append(quote("1:command:(" + names + ")"))
                .append("\n}\n\n");
    }

    /**
     * Each subcommand once (CommandLine has identity equality), with its names: name first, then
     * aliases, in declaration order.
     */
    private static Map<CommandLine, List<String>> subcommands(CommandLine command) {
        Map<CommandLine, List<String>> names = new LinkedHashMap<>();
        for (Map.Entry<String, CommandLine> entry : command.getSubcommands().entrySet()) {
            CommandLine sub = entry.getValue();
            List<String> list =
                    names.computeIfAbsent(sub, s -> new ArrayList<>(List.of(s.getCommandName())));
            if (!list.contains(entry.getKey())) {
                list.add(entry.getKey());
            }
        }
        return names;
    }

    /** One _arguments spec per name of the option, the names excluding each other. */
    private static List<String> optionSpecs(OptionSpec option) {
        boolean repeatable = option.isMultiValue();
        String exclusion =
                repeatable || option.names().length < 2
                        ? ""
                        : "(" + String.join(" ", option.names()) + ")";
        boolean takesValue = option.arity().max() > 0;
        String argument = takesValue ? ":" + colons(label(option)) + ":" + action(option) : "";
        List<String> specs = new ArrayList<>();
        for (String name : option.names()) {
            String form = takesValue && name.startsWith("--") ? name + "=" : name;
            specs.add(
                    quote(
                            (repeatable ? "*" : "")
                                    + exclusion
                                    + form
                                    + "["
                                    + brackets(description(option.description()))
                                    + "]"
                                    + argument));
        }
        return specs;
    }

    private static String positionalSpec(PositionalParamSpec positional) {
        String where =
                positional.isMultiValue() || positional.index().isUnresolved()
                        ? "*"
                        : Integer.toString(positional.index().min() + 1);
        String optional = positional.arity().min() == 0 && !"*".equals(where) ? ":" : "";
        return quote(where + ":" + optional + colons(label(positional)) + ":" + action(positional));
    }

    /** Enum (or declared) candidates as a list, paths as files, anything else free text. */
    private static String action(ArgSpec arg) {
        Iterable<String> candidates = arg.completionCandidates();
        if (candidates != null && candidates.iterator().hasNext()) {
            StringBuilder values = new StringBuilder("(");
            boolean lower =
                    arg.command() != null
                            && arg.type().isEnum()
                            && arg.command().parser().caseInsensitiveEnumValuesAllowed();
            for (String candidate : candidates) {
                // Offered as the help text spells them (text, json) when picocli accepts any case.
                candidate = lower ? candidate.toLowerCase(java.util.Locale.ROOT) : candidate;
                values.append(values.length() == 1 ? "" : " ").append(value(candidate));
            }
            return values.append(')').toString();
        }
        List<Class<?>> all = new ArrayList<>(List.of(arg.type()));
        all.addAll(List.of(arg.auxiliaryTypes()));
        for (Class<?> type : all) {
            if (Path.class.isAssignableFrom(type) || File.class.equals(type)) {
                return "_files";
            }
        }
        return " ";
    }

    private static String label(ArgSpec arg) {
        String label = arg.paramLabel().replaceAll("[<>]", "").trim();
        return label.isEmpty() ? "value" : label;
    }

    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0) {
            return description(header);
        }
        return description(spec.usageMessage().description());
    }

    /** The first sentence of picocli's text, without markup, variables or line breaks. */
    static String description(String[] lines) {
        String text = String.join(" ", lines).replace("%n", " ");
        text = MARKUP.matcher(text).replaceAll("$1");
        text = VARIABLE.matcher(text).replaceAll("");
        text = text.replaceAll("\\s+", " ").trim();
        int end = text.indexOf(". ");
        if (end > 0) {
            text = text.substring(0, end + 1);
        }
        return text;
    }

    /** Inside [...] of an option spec: brackets are escaped. */
    private static String brackets(String text) {
        return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    /** In a message or _describe name: a colon would end the field. */
    private static String colons(String text) {
        return text.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** A word in a (a b c) value list: spaces and zsh's special characters escaped. */
    private static String value(String word) {
        return word.replaceAll("([^A-Za-z0-9._/=+@,-])", "\\\\$1");
    }

    /** Single-quoted for the shell. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
