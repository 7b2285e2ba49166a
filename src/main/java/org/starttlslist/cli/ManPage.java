package org.starttlslist.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A troff manual page (man(7) macros) for one command, from the same picocli model that prints
 * {@code --help}, so the two say the same. (picocli-codegen's ManPageGenerator writes AsciiDoc,
 * which would need Asciidoctor, a Ruby tool, in every build to become a manual page.)
 */
final class ManPage {
    private ManPage() {}

    /** The file name: starttls-list.1, starttls-list-mirror.1, starttls-list-export-postfix.1. */
    static String fileName(CommandLine command) {
        return command.getCommandSpec().qualifiedName("-") + ".1";
    }

    static String of(CommandLine command, String version) {
        CommandSpec spec = command.getCommandSpec();
        String name = spec.qualifiedName("-");
        StringBuilder page = new StringBuilder();
        page.append(
                ".\\\" Generated from the command's --help by starttls-list's build; do not edit.\n");
        page.append(".TH ")
                .append(quote(name.toUpperCase(java.util.Locale.ROOT)))
                .append(" 1 \"\" ")
                .append(quote("starttls-list " + version))
                .append(" \"User Commands\"\n");
        page.append(".SH NAME\n")
                .append(escape(name))
                .append(" \\- ")
                .append(escape(summary(spec)))
                .append('\n');
        page.append(".SH SYNOPSIS\n.nf\n")
                .append(escape(command.getHelp().synopsis(0).stripTrailing()))
                .append("\n.fi\n");
        page.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            page.append(escape(line)).append('\n');
        }
        Map<String, CommandLine> subcommands = spec.subcommands();
        if (!subcommands.isEmpty()) {
            page.append(".SH COMMANDS\n");
            for (Map.Entry<String, CommandLine> entry : subcommands.entrySet()) {
                page.append(".TP\n.B ")
                        .append(escape(entry.getKey()))
                        .append('\n')
                        .append(escape(summary(entry.getValue().getCommandSpec())))
                        .append('\n');
            }
        }
        List<PositionalParamSpec> positionals = spec.positionalParameters();
        if (!positionals.isEmpty()) {
            page.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec positional : positionals) {
                page.append(".TP\n.I ")
                        .append(escape(positional.paramLabel()))
                        .append('\n')
                        .append(escape(String.join(" ", positional.description())))
                        .append('\n');
            }
        }
        page.append(".SH OPTIONS\n");
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            page.append(".TP\n.B ").append(escape(String.join(", ", option.names())));
            if (option.arity().max() > 0) {
                page.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
            }
            page.append('\n')
                    .append(
                            escape(
                                    String.join(" ", option.description())
                                            .replace(
                                                    "${DEFAULT-VALUE}",
                                                    String.valueOf(option.defaultValue()))))
                    .append('\n');
        }
        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        if (!footer.isEmpty()) {
            page.append(".SH NOTES\n.nf\n");
            for (String line : footer) {
                page.append(escape(line)).append('\n');
            }
            page.append(".fi\n");
        }
        page.append(".SH SEE ALSO\n");
        if (spec.parent() == null) {
            List<String> pages = new ArrayList<>();
            for (CommandLine sub : subcommands.values()) {
                pages.add("\\fB" + escape(sub.getCommandSpec().qualifiedName("-")) + "\\fR(1)");
            }
            page.append(String.join(", ", pages)).append('\n');
        } else {
            page.append(
                    "\\fBstarttls-list\\fR(1), and the README.md shipped in /usr/share/doc/starttls-list/\n");
        }
        return page.toString();
    }

    /** The first sentence of the description: what the command does. */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0) {
            return header[0];
        }
        String[] description = spec.usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\\(dq") + "\"";
    }

    /**
     * Backslashes and hyphens as troff wants them; a leading dot or quote would start a request.
     */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder lines = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (lines.length() > 0) {
                lines.append('\n');
            }
            lines.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
        }
        return lines.toString();
    }
}
