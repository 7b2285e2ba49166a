package org.starttlslist.settings;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * A settings file such as {@code /etc/starttls-list/mirror.conf}: one {@code key = value} per line,
 * {@code #} starts a comment line, blank lines are ignored. The keys are the command's long option
 * names without the dashes, so the file and the command line read the same and the manual page
 * documents both. A key given twice is refused: the operator would not know which one wins.
 */
public record SettingsFile(Path file, List<Entry> entries) {
    /** One setting and the line it came from, for messages. */
    public record Entry(String key, String value, int line) {}

    public SettingsFile {
        entries = List.copyOf(entries);
    }

    /**
     * Reads and parses {@code file}; a missing or unreadable file is {@link
     * CouldNotCompleteException}.
     */
    public static SettingsFile read(Path file) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                            .toString();
        } catch (NoSuchFileException e) {
            throw new CouldNotCompleteException(
                    "cannot read the settings file "
                            + file
                            + ": it does not exist;"
                            + " create it (see 'man starttls-list-mirror') or pass another with --config");
        } catch (CharacterCodingException e) {
            throw new MalformedSettingsException(file, 0, "is not UTF-8 text");
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    static SettingsFile parse(Path file, String text) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new MalformedSettingsException(
                        file,
                        lineNumber,
                        "'"
                                + line
                                + "' is not 'key = value'; write e.g. 'into = /var/lib/starttls-list'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (!key.matches("[a-z][a-z0-9-]*")) {
                throw new MalformedSettingsException(
                        file,
                        lineNumber,
                        "'"
                                + key
                                + "' is not a setting name (lower-case option names without dashes, e.g. 'keys')");
            }
            Integer earlier = seen.putIfAbsent(key, lineNumber);
            if (earlier != null) {
                throw new MalformedSettingsException(
                        file,
                        lineNumber,
                        "'" + key + "' is already set on line " + earlier + "; keep one of them");
            }
            entries.add(new Entry(key, value, lineNumber));
        }
        return new SettingsFile(file, entries);
    }
}
