package org.starttlslist.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.json.Json;
import org.starttlslist.json.NotJsonException;
import tools.jackson.databind.JsonNode;

/**
 * Reading and writing the lifecycle's own small JSON files: two-space indent, LF, final newline.
 */
final class LifecycleJson {
    private LifecycleJson() {}

    static byte[] bytes(Object tree) {
        String text =
                Json.mapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(tree)
                        .replace("\r\n", "\n")
                        .replace(" : ", ": ");
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode read(Path file, String display) {
        return read(file, display, null);
    }

    /**
     * The one reader of a lifecycle JSON file: unreadable is exit 3, not strict JSON is {@link
     * CorruptLifecycleFileException} with {@code fix} (or "restore it from git" when null).
     */
    static JsonNode read(Path file, String display, String fix) {
        try {
            return Json.readStrict(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + display + ": " + e.getMessage(), e);
        } catch (NotJsonException e) {
            throw fix == null
                    ? new CorruptLifecycleFileException(display, e.getMessage())
                    : new CorruptLifecycleFileException(display, e.getMessage(), fix);
        }
    }

    static String text(JsonNode node, String key, String display) {
        JsonNode value = node.get(key);
        if (value == null || !value.isString()) {
            throw new CorruptLifecycleFileException(display, "has no string \"" + key + "\"");
        }
        return value.stringValue();
    }

    static List<String> strings(JsonNode node, String key) {
        List<String> out = new ArrayList<>();
        JsonNode value = node.get(key);
        if (value != null && value.isArray()) {
            value.forEach(item -> out.add(item.asString()));
        }
        return out;
    }
}
