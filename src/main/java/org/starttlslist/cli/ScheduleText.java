package org.starttlslist.cli;

import java.util.ArrayList;
import java.util.List;
import org.starttlslist.schedule.ScheduleFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code mirror --print-schedule}: the settings file for the options given (typed or from {@code
 * --config}), followed by the service, timer and cron line the Debian package installs.
 */
final class ScheduleText {
    private static final List<String> NOT_SETTINGS =
            List.of("--print-schedule", "--config", "--now", "--help", "--version");

    private ScheduleText() {}

    static String of(CommandSpec spec) {
        StringBuilder text = new StringBuilder();
        text.append("# --- /etc/starttls-list/").append(ScheduleFiles.SETTINGS).append('\n');
        List<String> settings = settings(spec.commandLine().getParseResult());
        if (settings.isEmpty()) {
            text.append(ScheduleFiles.text(ScheduleFiles.SETTINGS));
        } else {
            text.append(
                    "# The settings of 'starttls-list mirror --config'; see 'starttls-list help mirror'.\n");
            settings.forEach(line -> text.append(line).append('\n'));
        }
        text.append("\n# --- /lib/systemd/system/")
                .append(ScheduleFiles.SERVICE)
                .append(
                        " (installed by the Debian package; put your own in /etc/systemd/system/)\n")
                .append(ScheduleFiles.text(ScheduleFiles.SERVICE))
                .append("\n# --- /lib/systemd/system/")
                .append(ScheduleFiles.TIMER)
                .append('\n')
                .append(ScheduleFiles.text(ScheduleFiles.TIMER))
                .append("\n# Enable with: systemctl enable --now ")
                .append(ScheduleFiles.TIMER)
                .append('\n')
                .append("\n# --- or, without systemd:\n")
                .append(ScheduleFiles.text(ScheduleFiles.CRON));
        return text.toString();
    }

    private static List<String> settings(ParseResult parsed) {
        List<String> lines = new ArrayList<>();
        if (parsed == null) {
            return lines;
        }
        for (OptionSpec option : parsed.matchedOptions()) {
            String name = option.longestName();
            if (!name.startsWith("--") || NOT_SETTINGS.contains(name)) {
                continue;
            }
            Object value = option.getValue();
            String text;
            if (value instanceof List<?> list) {
                text = String.join(",", list.stream().map(ScheduleText::absolute).toList());
            } else {
                text = absolute(value);
            }
            lines.add(name.substring(2) + " = " + text);
        }
        return lines;
    }

    private static String absolute(Object value) {
        return value instanceof java.nio.file.Path path
                ? path.toAbsolutePath().normalize().toString()
                : String.valueOf(value);
    }
}
