package org.starttlslist.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The files of a scheduled mirror, exactly as the Debian package installs them: the systemd service
 * and timer, the settings file, the privileged reload helper, and the equivalent cron line. {@code
 * mirror --print-schedule} prints the same text, so the two cannot drift apart.
 */
public final class ScheduleFiles {
    public static final String SERVICE = "starttls-list-mirror.service";
    public static final String TIMER = "starttls-list-mirror.timer";
    public static final String SETTINGS = "mirror.conf";
    public static final String RELOAD_HELPER = "reload-postfix";
    public static final String CRON = "starttls-list-mirror.cron";

    private ScheduleFiles() {}

    /** One of the files above, from the jar. */
    public static String text(String name) {
        try (InputStream in = ScheduleFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
