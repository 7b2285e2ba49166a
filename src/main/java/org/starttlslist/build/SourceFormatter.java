package org.starttlslist.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.starttlslist.json.Json;
import org.starttlslist.json.NotJsonException;
import tools.jackson.databind.JsonNode;

/**
 * Rewrites a source file's bytes into canonical form ({@link CanonicalSourceWriter}) without
 * changing what it says: known keys in their order, any other key kept after them in its original
 * order (validate reports it; formatting must not lose it), MX patterns lower-cased, de-duplicated
 * and sorted when they are all strings.
 */
public final class SourceFormatter {
    /**
     * Which kind of source a file is: domain files and alias files order their keys differently.
     */
    public enum Kind {
        DOMAIN(List.of("contact", "testing-since", "mode", "mxs", "policy-alias")),
        ALIAS(List.of("mode", "mxs"));

        // List.of is unmodifiable; the declared type just cannot say so.
        @SuppressWarnings("ImmutableEnumChecker")
        private final List<String> keyOrder;

        Kind(List<String> keyOrder) {
            this.keyOrder = keyOrder;
        }

        /** An alias file lives in a directory named {@code aliases} ({@code policies/aliases/}). */
        public static Kind of(Path file) {
            Path parent = file.toAbsolutePath().normalize().getParent();
            return parent != null
                            && parent.getFileName() != null
                            && parent.getFileName().toString().equals("aliases")
                    ? ALIAS
                    : DOMAIN;
        }
    }

    /** The result of formatting one file. */
    public sealed interface Outcome {
        /** Already canonical: nothing to do. */
        record Canonical() implements Outcome {}

        /** Not canonical; {@code bytes} is the canonical form. */
        record Reformatted(byte[] bytes) implements Outcome {}

        /** Not a JSON object, so there is no canonical form; the file must be fixed by hand. */
        record Unformattable(String reason, int line, int column) implements Outcome {}
    }

    private SourceFormatter() {}

    public static Outcome format(byte[] bytes, Kind kind) {
        JsonNode root;
        try {
            root = Json.readStrict(bytes);
        } catch (NotJsonException e) {
            return new Outcome.Unformattable("file " + e.getMessage(), e.line(), e.column());
        }
        if (!root.isObject()) {
            return new Outcome.Unformattable(
                    "is not a JSON object; a source file holds one object", 1, 1);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) SourceValues.read(bytes);
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : kind.keyOrder) {
            if (values.containsKey(key)) {
                ordered.put(key, key.equals("mxs") ? mxs(values.get(key)) : values.get(key));
            }
        }
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!ordered.containsKey(entry.getKey())) {
                ordered.put(entry.getKey(), entry.getValue());
            }
        }
        byte[] canonical = CanonicalJson.toBytes(ordered);
        return Arrays.equals(canonical, bytes)
                ? new Outcome.Canonical()
                : new Outcome.Reformatted(canonical);
    }

    private static Object mxs(Object value) {
        if (!(value instanceof List<?> list)) {
            return value;
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (Object element : list) {
            if (!(element instanceof String name)) {
                return value;
            }
            sorted.add(name.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(sorted);
    }
}
